import { parseContentType } from '../extract/headers.js';
import { UNKNOWN_TYPES } from '../extract/sniff.js';
import { TEXT_BODY_LIMIT } from './body.js';

/**
 * An HTML page whose head is still open at the text cap, with no title yet: inlined styles,
 * scripts or state (a framework's JSON) written before `<title>`. A browser reads on and shows
 * the title; with the read stopped at 256 KiB the page had none (and a late `<meta charset>` was
 * missed too). Such a page is read on, to LONG_HEAD_LIMIT. Pure.
 */

/** How far a page with a long head is read (bounded: a head that never ends is not a page). */
export const LONG_HEAD_LIMIT = 1024 * 1024;

const HEAD_OPEN = /<head[\s>]/i;
const HEAD_DONE = /<title[\s>]|<\/head[\s>]|<body[\s>]/i;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/**
 * The limit for a body that reached `limit`: more when it is an HTML page (by type, or untyped)
 * that opened its head and has neither a title nor the end of its head in its first `limit`
 * bytes (`read()`: the bytes so far, asked for only when the rest says it may matter); `limit`
 * otherwise.
 */
export function limitForLongHead(
  contentType: string | undefined,
  maxBodyBytes: number,
  limit: number,
  read: () => Uint8Array,
): number {
  if (limit !== Math.min(maxBodyBytes, TEXT_BODY_LIMIT) || limit >= maxBodyBytes) return limit;
  const type = parseContentType(contentType) ?? '';
  if (!HTML_TYPES.has(type) && type !== '' && !UNKNOWN_TYPES.has(type)) return limit;
  // Only the first `limit` bytes decide: the chunk that crossed the cap may hold the title.
  const b = read();
  const text = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, limit)).toString(
    'latin1',
  );
  if (!HEAD_OPEN.test(text) || HEAD_DONE.test(text)) return limit;
  return Math.min(maxBodyBytes, LONG_HEAD_LIMIT);
}
