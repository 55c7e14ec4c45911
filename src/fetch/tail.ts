import type { Dispatcher } from 'undici';
import { pdfPrefixComplete } from '../extract/pdf-complete.js';
import { startAttempt } from './attempt.js';
import { type BodyRead, readCapped } from './body.js';
import type { Stop } from './stop.js';

/**
 * The end of a PDF cut by the cap, asked for with a Range request: most files keep their
 * trailer, Info dictionary, catalog and XMP packet there (pdfTeX writes them last; a linearized
 * file keeps only the first page's objects at the start), so a report of 20 MB read to an 8 MB
 * cap lost its title. One more request, for these files only, and only to a server that says it
 * serves ranges; `If-Range` makes a changed file come back whole (200), which is not read.
 * Not asked for when the part read already holds all the end could give (pdf-complete.ts: a
 * linearized file, not updated since, whose first part has the trailer, catalog and Info); any
 * other file may have been updated at its end, so its end is read.
 */

/** Bytes asked for: the trailer and the objects written last, in all but odd files. */
export const PDF_TAIL_BYTES = 64 * 1024;

const CONTENT_RANGE = /^bytes\s+(\d+)-(\d+)\/(\d+)$/i;
const STRONG_ETAG = /^"[^"]*"$/;
const DIGITS = /^\d{1,15}$/;

/**
 * The length of the whole file, from an uncompressed 200's Content-Length; null when unknown
 * (chunked, or a compressed transfer whose length is not the file's).
 */
export function fileLengthOf(headers: Record<string, string>): number | null {
  const encoding = (headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== '') return null;
  const raw = headers['content-length']?.trim();
  if (raw === undefined || !DIGITS.test(raw)) return null;
  return Number(raw);
}

/** Whether a body read to the cap is a PDF worth completing with its tail. Pure. */
export function wantsPdfTail(
  headers: Record<string, string>,
  read: BodyRead,
  maxBodyBytes: number,
): boolean {
  const b = read.bytes;
  return (
    read.truncated &&
    read.error === null &&
    b.byteLength >= maxBodyBytes &&
    b[0] === 0x25 && // %PDF-
    b[1] === 0x50 &&
    b[2] === 0x44 &&
    b[3] === 0x46 &&
    b[4] === 0x2d &&
    (headers['accept-ranges'] ?? '').toLowerCase().includes('bytes') &&
    !pdfPrefixComplete(b, fileLengthOf(headers))
  );
}

/** The validator to send as If-Range: a strong ETag, else Last-Modified; null when none. */
function ifRangeOf(headers: Record<string, string>): string | null {
  const etag = headers.etag?.trim();
  if (etag !== undefined && STRONG_ETAG.test(etag)) return etag;
  return headers['last-modified']?.trim() || null;
}

/** The first byte offset of a 206 answer that ends the file, or null. Pure. */
export function tailStart(contentRange: string | undefined): number | null {
  const m = CONTENT_RANGE.exec((contentRange ?? '').trim());
  if (!m) return null;
  const [first, last, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return last === total - 1 && first <= last && last - first < PDF_TAIL_BYTES ? first : null;
}

/**
 * Asks for the last PDF_TAIL_BYTES of `url` (headers: the request's own, without compression);
 * null when the server does not answer with them (no 206, another range, a changed file).
 */
export async function readPdfTail(
  dispatcher: Dispatcher,
  url: URL,
  requestHeaders: Record<string, string>,
  responseHeaders: Record<string, string>,
  deadlineMs: number,
  stop: Stop,
  onSent?: () => void,
): Promise<{ start: number; bytes: Uint8Array } | null> {
  const ifRange = ifRangeOf(responseHeaders);
  const headers: Record<string, string> = {
    ...requestHeaders,
    'accept-encoding': 'identity',
    range: `bytes=-${PDF_TAIL_BYTES}`,
    ...(ifRange !== null ? { 'if-range': ifRange } : {}),
  };
  const attempt = startAttempt(dispatcher, url, headers, deadlineMs, stop, onSent);
  try {
    const res = await attempt.response;
    if ('code' in res) return null;
    const start = res.status === 206 ? tailStart(res.headers['content-range']) : null;
    const encoded = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (start === null || encoded !== 'identity') {
      res.body.cancel();
      return null;
    }
    const read = await readCapped(res.body, undefined, PDF_TAIL_BYTES);
    if (read.error !== null || read.truncated || attempt.stoppedBy() !== null) return null;
    return { start, bytes: read.bytes };
  } finally {
    attempt.dispose();
  }
}
