import { words } from '../classify/text.js';

/** Separators between a page title and its site's name ("Title – Le Journal", "Site | Title"). */
const SITE_SEPARATOR = /\s+[|–—·:-]\s+|\s*\|\s*/u;

/** The readings of a title: the whole and each part around a site-name separator, as words. */
function readings(title: string): string[] {
  const whole = words(title);
  const parts = title.split(SITE_SEPARATOR).map(words);
  return [...new Set([whole, ...parts])].filter((w) => w.split(' ').length >= 2 || w.length >= 8);
}

/** Shorter runs of words match too much by chance ("le monde", "rapport annuel"). */
const MIN_CONTAINED_WORDS = 3;

/** Whether `inner` (of enough words) occurs in `outer` as a run of whole words. */
function containsWords(outer: string, inner: string): boolean {
  if (inner.split(' ').length < MIN_CONTAINED_WORDS) return false;
  return ` ${outer} `.includes(` ${inner} `);
}

/**
 * Whether a page title still names the work a catalogue title (or an earlier page title)
 * names: equal after folding accents, case and punctuation, with a site-name part ignored, or
 * one contained in the other as a run of at least three whole words. One-word readings ("Accueil", "Home") never count:
 * a redirect to a site's home page must not pass for the document.
 */
export function titlesMatch(expected: string | null, found: string | null): boolean {
  if (!expected || !found) return false;
  const a = readings(expected);
  const b = readings(found);
  return a.some((x) => b.some((y) => x === y || containsWords(x, y) || containsWords(y, x)));
}
