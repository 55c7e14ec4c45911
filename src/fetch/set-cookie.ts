/**
 * One Set-Cookie header value read as RFC 6265 (5.1.1 dates, 5.2 parsing) says, with the
 * stricter RFC 6265bis limits: what the per-chain jar (cookies.ts) stores.
 */
import { domainToASCII } from 'node:url';

/** Bytes of name + value per cookie, and of the whole Set-Cookie line twice that. */
export const MAX_COOKIE_BYTES = 4096;
/** Attribute values longer than this are ignored (RFC 6265bis). */
const MAX_ATTRIBUTE_BYTES = 1024;

/** The parts of one Set-Cookie line that storage needs. */
export interface ParsedSetCookie {
  name: string;
  value: string;
  /** Canonical Domain attribute (no leading dot), if one was given. */
  domain: string | null;
  path: string | null;
  secure: boolean;
  /** Epoch ms; Max-Age wins over Expires. null: session cookie. */
  expiresAt: number | null;
}

export const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
const EDGE_BLANKS = /^[ \t]+|[ \t]+$/g;

const trimWs = (s: string) => s.replace(EDGE_BLANKS, '');
// Control characters other than HTAB make the whole line invalid (RFC 6265bis 5.6).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

// ---- dates (RFC 6265 5.1.1) --------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Delimiters: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E.
const DATE_DELIMITERS = /[\t\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+/;

const COOKIE_TIME = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D.*)?$/;
const COOKIE_DAY_OF_MONTH = /^(\d{1,2})(?:\D.*)?$/;
const COOKIE_YEAR = /^(\d{2,4})(?:\D.*)?$/;

/** Parses a cookie-date the way browsers do; null when it is not one. */
export function parseCookieDate(input: string): number | null {
  let time: [number, number, number] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  for (const token of input.split(DATE_DELIMITERS)) {
    if (token === '') continue;
    const t: RegExpExecArray | null = time === null ? COOKIE_TIME.exec(token) : null;
    if (t) {
      time = [Number(t[1]), Number(t[2]), Number(t[3])];
      continue;
    }
    const d: RegExpExecArray | null = day === null ? COOKIE_DAY_OF_MONTH.exec(token) : null;
    if (d) {
      day = Number(d[1]);
      continue;
    }
    if (month === null && token.length >= 3) {
      const m = MONTHS.indexOf(token.slice(0, 3).toLowerCase());
      if (m >= 0) {
        month = m;
        continue;
      }
    }
    const y: RegExpExecArray | null = year === null ? COOKIE_YEAR.exec(token) : null;
    if (y) {
      year = Number(y[1]);
      if (year >= 70 && year <= 99) year += 1900;
      else if (year >= 0 && year <= 69) year += 2000;
    }
  }
  if (time === null || day === null || month === null || year === null) return null;
  const [h, mi, s] = time;
  if (day < 1 || day > 31 || year < 1601 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(year, month, day, h, mi, s);
  // Date.UTC rolls 31 Feb over into March; a real browser rejects such a date.
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms;
}

// ---- parsing (RFC 6265 5.2) --------------------------------------------------------------

/** Lower-case ASCII form of a Domain attribute, or null if it is not a usable host name. */
function canonicalDomain(raw: string): string | null {
  const stripped = raw.startsWith('.') ? raw.slice(1) : raw;
  if (stripped === '') return null;
  const ascii = domainToASCII(stripped.toLowerCase());
  return ascii === '' ? null : ascii;
}

const INTEGER_TEXT = /^-?\d+$/;

/** One Set-Cookie header value -> its parts, or null for anything unusable. */
export function parseSetCookie(line: string, now: number): ParsedSetCookie | null {
  if (line.length > 2 * MAX_COOKIE_BYTES || CONTROL.test(line)) return null;
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  // No '=': a nameless cookie (RFC 6265bis), sent back as the bare value.
  const name = eq < 0 ? '' : trimWs(pair.slice(0, eq));
  const value = trimWs(eq < 0 ? pair : pair.slice(eq + 1));
  if (name === '' && value === '') return null;
  if (byteLength(name) + byteLength(value) > MAX_COOKIE_BYTES) return null;
  // A nameless value that looks like name=value would be read back as a named cookie.
  if (name === '' && value.includes('=')) return null;

  const out: ParsedSetCookie = {
    name,
    value,
    domain: null,
    path: null,
    secure: false,
    expiresAt: null,
  };
  let maxAge: number | null = null;
  let expires: number | null = null;
  for (const attribute of attributes) {
    const aeq = attribute.indexOf('=');
    const key = trimWs(aeq < 0 ? attribute : attribute.slice(0, aeq)).toLowerCase();
    const val = aeq < 0 ? '' : trimWs(attribute.slice(aeq + 1));
    if (byteLength(val) > MAX_ATTRIBUTE_BYTES) continue;
    if (key === 'expires') {
      expires = parseCookieDate(val) ?? expires;
    } else if (key === 'max-age') {
      if (!INTEGER_TEXT.test(val)) continue;
      const seconds = Number(val);
      // Zero or negative: already expired (the earliest representable time).
      maxAge = seconds <= 0 ? Number.NEGATIVE_INFINITY : now + Math.min(seconds, 4e11) * 1000;
    } else if (key === 'domain') {
      if (val !== '') out.domain = canonicalDomain(val) ?? '';
    } else if (key === 'path') {
      out.path = val.startsWith('/') ? val : null;
    } else if (key === 'secure') {
      out.secure = true;
    }
    // HttpOnly and SameSite do not change what we send: we are the user agent of a top-level GET.
  }
  out.expiresAt = maxAge ?? expires;
  return out;
}
