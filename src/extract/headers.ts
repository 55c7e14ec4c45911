/** Metadata read from response headers (names are already lower-cased by the fetcher). */

/** The MIME type without parameters, lower-cased; null when absent or not `type/subtype`. */
export function parseContentType(value: string | undefined): string | null {
  if (value === undefined) return null;
  // Repeated headers arrive joined with ", "; MIME types contain neither ',' nor ';'.
  const mime = (value.split(/[;,]/, 1)[0] ?? '').trim().toLowerCase();
  return /^[a-z0-9!#$%&'*+.^_`|~-]+\/[a-z0-9!#$%&'*+.^_`|~-]+$/.test(mime) ? mime : null;
}

/** A non-negative integer, or null for anything else (garbage, conflicting repeats). */
export function parseContentLength(value: string | undefined): number | null {
  if (value === undefined) return null;
  // Repeated identical values ("123, 123") are allowed by the Fetch standard.
  const parts = value.split(',').map((p) => p.trim());
  const first = parts[0] ?? '';
  if (!/^\d+$/.test(first) || parts.some((p) => p !== first)) return null;
  const n = Number(first);
  return Number.isSafeInteger(n) ? n : null;
}

/** The header as given when it parses as a date, else null. */
export function parseLastModified(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (!/\d{4}/.test(trimmed) || Number.isNaN(Date.parse(trimmed))) return null;
  return trimmed;
}
