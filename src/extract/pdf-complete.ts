import { buildIndex, type PdfIndex } from './pdf-objects.js';
import { asNumber, dictGet, type PdfValue, parseValue } from './pdf-syntax.js';

/**
 * Whether the prefix of a PDF read to the cap already holds everything its end could add, so
 * that the Range request for the end (src/fetch/tail.ts) can be spared. Pure.
 *
 * The end of a file is where an incremental update goes: a new Info dictionary (a corrected
 * title, a ModDate), a new catalog, a new trailer are appended after the original %%EOF, and
 * readers take them over what came before. Nothing in a prefix can rule that out, except in a
 * linearized file: its linearization dictionary (the first object) states the file's length
 * /L when it was linearized, and any update appended since makes the file longer (PDF readers
 * check the same: a linearized file whose length is not /L is read from its end). So the end is
 * spared only when
 * - the prefix starts with a linearization dictionary whose /L is the file's length (from the
 *   response headers: unknown, e.g. a compressed transfer, means the end is asked for), and
 * - the prefix holds every object the metadata is read from: the trailer (linearized files
 *   repeat it after the first page's cross-reference section) and the catalog, Info dictionary
 *   (with any indirect value of it), page tree root, XMP stream and encryption dictionary it
 *   names.
 * Any other file (most: pdfTeX, Word and LibreOffice write no linearization) keeps the request:
 * its trailer is at the end, and an update can never be excluded.
 */

/** Where the linearization dictionary must start (ISO 32000-1 Annex F: within the first 1024). */
const LINEARIZATION_WINDOW = 1024;
const FIRST_OBJECT = /\d{1,10}\s+\d{1,5}\s+obj\s*(?=<<)/;

/** The /L of the linearization dictionary at the start of `src`, or null. */
export function linearizedLength(src: string): number | null {
  const m = FIRST_OBJECT.exec(src.slice(0, LINEARIZATION_WINDOW));
  if (!m) return null;
  try {
    const { value } = parseValue(src, m.index + m[0].length);
    if (dictGet(value, 'Linearized') === undefined) return null;
    const length = asNumber(dictGet(value, 'L'));
    return length !== undefined && Number.isSafeInteger(length) && length > 0 ? length : null;
  } catch {
    return null;
  }
}

/** Whether `prefix` (the first bytes of a file of `fileLength` bytes) needs its end read. */
export function pdfPrefixComplete(prefix: Uint8Array, fileLength: number | null): boolean {
  if (fileLength === null || prefix.byteLength >= fileLength) return false;
  const src = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength).toString('latin1');
  // Cheap test first: most large PDFs stop here, before any parsing.
  if (linearizedLength(src) !== fileLength) return false;
  try {
    return holdsMetadata(buildIndex(src));
  } catch {
    return false;
  }
}

function holdsMetadata(index: PdfIndex): boolean {
  const trailer = index.trailers.find((t) => dictGet(t, 'Root') !== undefined);
  if (trailer === undefined) return false;
  const root = present(index, dictGet(trailer, 'Root'));
  if (root === null || present(index, dictGet(root, 'Pages')) === null) return false;
  const metadata = dictGet(root, 'Metadata');
  if (metadata !== undefined && !wholeStream(index, metadata)) return false;
  const info = dictGet(trailer, 'Info');
  if (info !== undefined) {
    const dict = present(index, info);
    if (dict === null || dict.kind !== 'dict') return false;
    for (const v of dict.entries.values()) if (present(index, v) === null) return false;
  }
  const encrypt = dictGet(trailer, 'Encrypt');
  return encrypt === undefined || present(index, encrypt) !== null;
}

/** The value `v` names, when it (and what it refers to) is in the prefix; null otherwise. */
function present(index: PdfIndex, v: PdfValue | undefined): PdfValue | null {
  let cur = v;
  for (let hops = 0; cur?.kind === 'ref'; hops++) {
    if (hops >= 8) return null;
    cur = index.objects.get(cur.num)?.value;
  }
  return cur ?? null;
}

/** Whether the stream object `ref` names is in the prefix up to its `endstream`. */
function wholeStream(index: PdfIndex, ref: PdfValue): boolean {
  if (ref.kind !== 'ref') return false;
  const obj = index.objects.get(ref.num);
  if (!obj?.stream) return false;
  return index.src.startsWith('endstream', skipEol(index.src, obj.stream.end));
}

function skipEol(src: string, pos: number): number {
  let p = pos;
  while (src[p] === '\r' || src[p] === '\n' || src[p] === ' ') p++;
  return p;
}
