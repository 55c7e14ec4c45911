/** Pure redirect decisions. */

export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export type LocationResult =
  | { ok: true; url: URL; href: string }
  | { ok: false; href: string | null; reason: string };

/**
 * Resolves a Location header against the URL that answered. `href` is the absolute URL as
 * recorded in the hop (fragment kept); `url` is what to request next (fragment dropped).
 */
export function resolveLocation(base: URL, location: string | undefined): LocationResult {
  if (location === undefined || location.trim() === '') {
    return { ok: false, href: null, reason: 'redirect without a Location header' };
  }
  let target: URL;
  try {
    target = new URL(utf8FromLatin1(location.trim()), base);
  } catch {
    return { ok: false, href: null, reason: `unparseable Location: ${location.slice(0, 200)}` };
  }
  const href = target.href;
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { ok: false, href, reason: `redirect to non-http(s) URL: ${href.slice(0, 200)}` };
  }
  // A fragment is never sent; an absent one inherits the original's (RFC 9110 10.2.2), which
  // only matters for the recorded href.
  if (target.hash === '' && base.hash !== '') target.hash = base.hash;
  const next = new URL(target.href);
  if (next.hash !== '') next.hash = '';
  return { ok: true, url: next, href: target.href };
}

/**
 * Header values arrive as Latin-1 strings, byte for byte. A server that puts raw UTF-8 in its
 * Location (`/actualités`, common on French sites) would otherwise be sent to
 * `/actualit%C3%83%C2%A9s`: browsers read such bytes as UTF-8 when they are valid UTF-8, and so
 * do we. A genuine Latin-1 value (not valid UTF-8) is left as it is.
 */
export function utf8FromLatin1(value: string): string {
  let high = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0xff) return value; // already decoded text, not bytes
    if (code >= 0x80) high = true;
  }
  if (!high) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

/** Key for loop detection: the URL as it goes on the wire. */
export function requestKey(url: URL): string {
  if (url.hash === '') return url.href;
  const u = new URL(url.href);
  u.hash = '';
  return u.href;
}
