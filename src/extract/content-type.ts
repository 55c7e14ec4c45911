/**
 * The MIME type of a response from its Content-Type header, as the Fetch standard's "extract a
 * MIME type" reads it (and Chromium with it): the fetcher joins repeated headers with ", " (a
 * PHP header() call on top of the server's own, `AddDefaultCharset`), and the last value wins,
 * keeping the charset of an earlier one of the same type when it has none. Parameters are read
 * leniently (spaces around `=`, `charset='x'` in single quotes, as Chromium reads them). Pure.
 */

export interface MimeType {
  /** `type/subtype`, lower-cased. */
  essence: string;
  /** The `charset` parameter as written (unquoted, trimmed), or null. */
  charset: string | null;
}

const MEDIA_TYPE = /^[a-z0-9!#$%&'*+.^_`|~-]+\/[a-z0-9!#$%&'*+.^_`|~-]+$/;
const CHARSET_PARAM = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^;\s]*))/i;

/** Splits a joined header at the commas that are not inside a quoted string. */
function headerValues(joined: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && quoted) i++;
    else if (c === ',' && !quoted) {
      out.push(joined.slice(start, i));
      start = i + 1;
    }
  }
  out.push(joined.slice(start));
  return out;
}

function charsetOf(value: string): string | null {
  const m = CHARSET_PARAM.exec(value);
  const label = (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').trim();
  return label === '' ? null : label;
}

/** The MIME type a Content-Type header value gives; null when no value is `type/subtype`. */
export function extractMimeType(header: string | null | undefined): MimeType | null {
  if (header == null) return null;
  let result: MimeType | null = null;
  for (const value of headerValues(header)) {
    const essence = (value.split(';', 1)[0] ?? '').trim().toLowerCase();
    if (!MEDIA_TYPE.test(essence)) continue;
    const charset = charsetOf(value);
    if (result === null || essence !== result.essence) result = { essence, charset };
    else if (charset !== null) result = { essence, charset };
  }
  return result;
}
