/*
 * Archives index a URL as it was crawled, and `/rapport` and `/rapport/` are two keys to them
 * (the Wayback Machine's canonical form keeps a trailing slash). A catalogue copies whichever
 * spelling its editor's browser showed, while the crawler may have met only the other one:
 * looked up under the one written, such a page had "no capture" though the archive holds it.
 */

/** The dotted last segment of a file (`rapport.pdf`): a slash after it names no page. */
const FILE_SEGMENT = /\/[^/]*\.[A-Za-z0-9]{1,5}$/;
const TRAILING_SLASHES = /\/+$/;

/**
 * The same URL with its trailing slash added or removed; null for a site's root (one spelling)
 * or a file name, or what does not parse.
 */
export function otherSpelling(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const path = u.pathname;
  if (path === '/' || path === '') return null;
  if (path.endsWith('/')) u.pathname = path.replace(TRAILING_SLASHES, '') || '/';
  else if (FILE_SEGMENT.test(path)) return null;
  else u.pathname = `${path}/`;
  return u.href === url ? null : u.href;
}
