/*
 * One link's URL is parsed again and again as it is checked and judged: by the journal and the
 * engine (its host), the probe, the parked-domain and deep-link rules, the site-name and
 * search-page rules, drift evidence. Each parse makes a new URL object (~10-20 us here); in a
 * profile of the 10k bench those parses of the same few strings were ~3% of the busy time.
 * The last URLs parsed are kept and shared: every reader of the same string gets the same
 * object, typed read-only (its parts cannot be assigned; its searchParams must not be changed).
 */

/**
 * Kept at most; the whole memo is dropped when full. A link's parses come together, while it is
 * judged, and a run judges a few hundred links at a time at most.
 */
const KEPT = 512;

const memo = new Map<string, Readonly<URL> | null>();

/** The URL parsed (WHATWG), or null when it is not one. Never change it: it is shared. */
export function parsedUrl(url: string): Readonly<URL> | null {
  let parsed = memo.get(url);
  if (parsed !== undefined) return parsed;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (memo.size >= KEPT) memo.clear();
  memo.set(url, parsed);
  return parsed;
}

/** The URL's host name as parsed (lower case, IDNs in punycode); null when it is not a URL. */
export function hostnameOf(url: string): string | null {
  return parsedUrl(url)?.hostname ?? null;
}
