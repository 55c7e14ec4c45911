/**
 * A per-chain cookie jar as pure functions (RFC 6265, with the stricter RFC 6265bis rules where
 * they are simpler or safer). It exists so that a site answering a first visit with
 * `302 + Set-Cookie` to itself (consent or session walls) is not reported as a redirect loop.
 *
 * The jar lives for one fetch() call only: nothing crosses from one checked URL to another, so
 * runs stay reproducible and private. Because of that short life, "public suffix" is decided by a
 * small heuristic instead of the full Public Suffix List: a wrongly accepted Domain can at worst
 * share a cookie between hosts of the same redirect chain, which set it themselves.
 */
import { isIP } from 'node:net';
import { unbracketed } from '../text/host.js';
import { byteLength, type ParsedSetCookie, parseSetCookie } from './set-cookie.js';

/** Cookies kept per jar; once full, new cookies are refused (no eviction a later hop could abuse). */
export const MAX_COOKIES = 50;
/** Bytes of the Cookie request header we build. */
export const MAX_COOKIE_HEADER_BYTES = 8192;
/** Set-Cookie lines read per response; the rest are ignored. */
export const MAX_SET_COOKIE_LINES = 100;

export interface StoredCookie {
  readonly name: string;
  readonly value: string;
  /** Lower-case ASCII host (host-only) or Domain attribute without its leading dot. */
  readonly domain: string;
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  /** Epoch ms, null for a session cookie. */
  readonly expiresAt: number | null;
  /** Creation order, kept when a cookie is replaced (RFC 6265 5.3 step 11). */
  readonly seq: number;
}

/** Immutable: every update returns a new jar. */
export interface CookieJar {
  readonly cookies: readonly StoredCookie[];
  readonly nextSeq: number;
}

export const emptyJar: CookieJar = { cookies: [], nextSeq: 0 };

// ---- matching (RFC 6265 5.1.3, 5.1.4) ----------------------------------------------------

/** Host of a URL as cookies see it: lower case, IPv6 without brackets. */
function cookieHost(url: URL): string {
  return unbracketed(url.hostname.toLowerCase());
}

export function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  return isIP(host) === 0 && host.endsWith(`.${domain}`);
}

export function defaultPath(url: URL): string {
  const path = url.pathname;
  if (!path.startsWith('/')) return '/';
  const last = path.lastIndexOf('/');
  return last <= 0 ? '/' : path.slice(0, last);
}

export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

// Second-level labels that registries sell names under (co.uk, com.au, ac.jp, ...).
const REGISTRY_LABELS = new Set([
  'ac',
  'co',
  'com',
  'edu',
  'gob',
  'go',
  'gov',
  'ltd',
  'mil',
  'ne',
  'net',
  'nic',
  'or',
  'org',
  'plc',
  'sch',
]);

const TWO_LETTER_LABEL = /^[a-z]{2}$/;

/**
 * Heuristic stand-in for the Public Suffix List: single labels (com, test, localhost) and
 * registry-style pairs under a two-letter country code (co.uk, com.au, or.jp).
 */
export function looksLikePublicSuffix(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length === 1) return true;
  return (
    labels.length === 2 &&
    TWO_LETTER_LABEL.test(labels[1] ?? '') &&
    REGISTRY_LABELS.has(labels[0] ?? '')
  );
}

// ---- storage (RFC 6265 5.3) --------------------------------------------------------------

const sameSlot = (a: StoredCookie, b: StoredCookie) =>
  a.name === b.name && a.domain === b.domain && a.hostOnly === b.hostOnly && a.path === b.path;

const isLive = (c: StoredCookie, now: number) => c.expiresAt === null || c.expiresAt > now;

/** The cookie `parsed` becomes when set by a response from `url`, or null if refused. */
function toStored(parsed: ParsedSetCookie, url: URL, seq: number): StoredCookie | null {
  const host = cookieHost(url);
  const secureOrigin = url.protocol === 'https:';
  // An insecure origin may not set Secure cookies (RFC 6265bis 5.6 step 8).
  if (parsed.secure && !secureOrigin) return null;
  let domain = host;
  let hostOnly = true;
  if (parsed.domain !== null) {
    if (parsed.domain === '') return null;
    if (parsed.domain !== host) {
      // Another site, or a shared suffix: refused. An identical host stays host-only.
      if (!domainMatches(host, parsed.domain) || looksLikePublicSuffix(parsed.domain)) return null;
      domain = parsed.domain;
      hostOnly = false;
    }
  }
  const path = parsed.path ?? defaultPath(url);
  // Name prefixes (RFC 6265bis 4.1.3): promises a server may rely on, so enforce them.
  const lower = parsed.name.toLowerCase();
  if (lower.startsWith('__secure-') && !parsed.secure) return null;
  if (lower.startsWith('__host-') && (!parsed.secure || !hostOnly || path !== '/')) return null;
  return {
    name: parsed.name,
    value: parsed.value,
    domain,
    hostOnly,
    path,
    secure: parsed.secure,
    expiresAt: parsed.expiresAt,
    seq,
  };
}

/** Stores one Set-Cookie line received from `url`; returns the jar unchanged if refused. */
export function setCookie(jar: CookieJar, line: string, url: URL, now: number): CookieJar {
  const parsed = parseSetCookie(line, now);
  if (!parsed) return jar;
  const incoming = toStored(parsed, url, jar.nextSeq);
  if (!incoming) return jar;
  // An insecure origin may not shadow a Secure cookie of the same name (RFC 6265bis 5.7 step 16).
  if (!incoming.secure && url.protocol !== 'https:') {
    const shadows = jar.cookies.some(
      (c) =>
        c.secure &&
        c.name === incoming.name &&
        (domainMatches(c.domain, incoming.domain) || domainMatches(incoming.domain, c.domain)) &&
        pathMatches(incoming.path, c.path),
    );
    if (shadows) return jar;
  }
  const old = jar.cookies.find((c) => sameSlot(c, incoming));
  const kept = jar.cookies.filter((c) => c !== old && isLive(c, now));
  if (!isLive(incoming, now)) return { cookies: kept, nextSeq: jar.nextSeq };
  if (kept.length >= MAX_COOKIES) return { cookies: kept, nextSeq: jar.nextSeq };
  const stored = old ? { ...incoming, seq: old.seq } : incoming;
  return { cookies: [...kept, stored], nextSeq: jar.nextSeq + 1 };
}

/** Stores every Set-Cookie line of one response (at most MAX_SET_COOKIE_LINES). */
export function setCookies(
  jar: CookieJar,
  lines: readonly string[],
  url: URL,
  now: number,
): CookieJar {
  let out = jar;
  for (const line of lines.slice(0, MAX_SET_COOKIE_LINES)) out = setCookie(out, line, url, now);
  return out;
}

// ---- sending (RFC 6265 5.4) --------------------------------------------------------------

/** The Cookie header value for a request to `url`, or null when no cookie applies. */
export function cookieHeader(jar: CookieJar, url: URL, now: number): string | null {
  const host = cookieHost(url);
  const path = url.pathname || '/';
  const secure = url.protocol === 'https:';
  const matching = jar.cookies
    .filter(
      (c) =>
        isLive(c, now) &&
        (c.hostOnly ? host === c.domain : domainMatches(host, c.domain)) &&
        pathMatches(path, c.path) &&
        (secure || !c.secure),
    )
    // Longer paths first, then older cookies first.
    .sort((a, b) => b.path.length - a.path.length || a.seq - b.seq);
  const parts: string[] = [];
  let size = 0;
  for (const c of matching) {
    const part = c.name === '' ? c.value : `${c.name}=${c.value}`;
    const added = byteLength(part) + (parts.length > 0 ? 2 : 0);
    if (size + added > MAX_COOKIE_HEADER_BYTES) break;
    parts.push(part);
    size += added;
  }
  return parts.length > 0 ? parts.join('; ') : null;
}
