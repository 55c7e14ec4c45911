import { checkableUrl } from '../catalogue/url.js';

/**
 * The form of a URL used to dedupe and to request it: fragment dropped (never sent to the
 * server), scheme and host lowercased, default port dropped (the WHATWG URL serialisation
 * does these). Path and query keep their case and order. Null when the URL is unusable
 * (see `urlProblem`).
 */
export function normaliseUrl(raw: string): string | null {
  const { url } = checkableUrl(raw);
  if (!url) return null;
  // Setting the fragment serialises the URL again, even to the same value: only when there is
  // one (an empty one, `...#`, has no `hash` but a `#` all the same).
  if (raw.includes('#')) url.hash = '';
  const href = url.href;
  // Most URLs are written in their normal form: keep the given string then, so that a list's
  // citation title (the URL as written) and its target's URL are one string, not two.
  return href === raw ? raw : href;
}
