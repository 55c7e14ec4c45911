/**
 * The header of a gzip member (RFC 1952 §2.3), read by hand so that the deflate data after it
 * can go to a raw inflater. Node's gunzip, after a member, reads any bytes that follow as the
 * next member and fails on anything else (a newline a server script printed after the
 * compressed page): the error comes before the inflated page is handed over, and the whole body
 * is lost. Chromium ignores what follows the first member; a raw inflater stops where the
 * deflate data ends, so the member's trailer and whatever follows are never read. Pure.
 */

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;

/**
 * Length of the gzip header at the start of `b`: a byte count, `null` when `b` is too short to
 * tell (more bytes needed), or -1 when `b` does not start a gzip member (deflate method).
 */
export function gzipHeaderLength(b: Uint8Array): number | null {
  if (b.length >= 1 && b[0] !== 0x1f) return -1;
  if (b.length >= 2 && b[1] !== 0x8b) return -1;
  if (b.length >= 3 && b[2] !== 8) return -1;
  if (b.length < 10) return null;
  const flags = b[3]!;
  let p = 10;
  if (flags & FEXTRA) {
    if (b.length < p + 2) return null;
    p += 2 + (b[p]! | (b[p + 1]! << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const zero = b.indexOf(0, p);
    if (zero < 0) return null;
    p = zero + 1;
  }
  if (flags & FHCRC) p += 2;
  return b.length < p ? null : p;
}
