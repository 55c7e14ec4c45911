/** How a moved URL is compared and rewritten: pure, no I/O. */
import { normaliseUrl } from '../inputs/normalise.js';

export function sameUrl(a: string, b: string): boolean {
  return (normaliseUrl(a) ?? a) === (normaliseUrl(b) ?? b);
}

/** The catalogue URL's fragment (`#section`) carried over when the new URL has none. */
export function withFragment(target: string, original: string): string {
  const hash = original.indexOf('#');
  if (hash === -1 || target.includes('#')) return target;
  return target + original.slice(hash);
}

const WWW_PREFIX = /^www\./;
const TRAILING_SLASHES = /\/+$/;

/**
 * A move that changes only how the same address is written: http to https, `www.` added or
 * dropped, a trailing slash added or dropped (and any of these together).
 */
export function isTrivialMove(from: string, to: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(from);
    b = new URL(to);
  } catch {
    return false;
  }
  if (a.protocol !== b.protocol && !(a.protocol === 'http:' && b.protocol === 'https:'))
    return false;
  const host = (u: URL) => u.hostname.toLowerCase().replace(WWW_PREFIX, '');
  const path = (u: URL) => u.pathname.replace(TRAILING_SLASHES, '');
  const port = (u: URL) => (u.port === '' ? '' : u.port);
  return host(a) === host(b) && port(a) === port(b) && path(a) === path(b) && a.search === b.search;
}
