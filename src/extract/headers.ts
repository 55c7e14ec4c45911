import { extractMimeType } from './content-type.js';

/** Metadata read from response headers (names are already lower-cased by the fetcher). */

/**
 * The MIME type without parameters, lower-cased; null when absent or not `type/subtype`. Of
 * repeated headers (joined with ", "), the last usable one (content-type.ts).
 */
export function parseContentType(value: string | undefined): string | null {
  return extractMimeType(value)?.essence ?? null;
}

const DIGITS_ONLY = /^\d+$/;

/** A non-negative integer, or null for anything else (garbage, conflicting repeats). */
export function parseContentLength(value: string | undefined): number | null {
  if (value === undefined) return null;
  // Repeated identical values ("123, 123") are allowed by the Fetch standard.
  const parts = value.split(',').map((p) => p.trim());
  const first = parts[0] ?? '';
  if (!DIGITS_ONLY.test(first) || parts.some((p) => p !== first)) return null;
  const n = Number(first);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Date shapes accepted: the three HTTP-date forms (RFC 9110 §5.6.7) and ISO 8601, which some
 * servers send. A shape check comes first because V8's Date.parse accepts almost anything
 * that contains a number ("not a date 2015").
 */
const DATE_SHAPES = [
  // IMF-fixdate, lenient on the zone: Sun, 06 Nov 1994 08:49:37 GMT
  /^[a-z]{3},\s+\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(:\d{2})?\s*([a-z]{1,5}|[+-]\d{4})?$/i,
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  /^[a-z]+,\s+\d{1,2}-[a-z]{3}-\d{2,4}\s+\d{1,2}:\d{2}:\d{2}\s*[a-z]{0,5}$/i,
  // asctime: Sun Nov  6 08:49:37 1994
  /^[a-z]{3}\s+[a-z]{3}\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}\s+\d{4}$/i,
  // ISO 8601: 1994-11-06, 1994-11-06T08:49:37Z, with offset or fraction
  /^\d{4}-\d{2}-\d{2}([t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$/i,
];

/** The header as given (trimmed) when it is a date, else null. */
export function parseLastModified(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (!DATE_SHAPES.some((re) => re.test(trimmed))) return null;
  return Number.isNaN(Date.parse(trimmed)) ? null : trimmed;
}
