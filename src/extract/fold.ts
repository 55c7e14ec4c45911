/** Shared string clean-up for everything extracted (titles, headings, body text). */

/** Longest title or heading we keep; longer ones are junk or whole paragraphs. */
export const MAX_TITLE_CHARS = 500;
/**
 * Visible text kept per page: enough to compare a page with a soft-404 probe. It must reach past
 * a site's navigation, which on portal sites (mega-menus) runs to several KB: with too short a
 * prefix, every page of such a site reads as the same page. Dropped once the page is classified.
 */
export const MAX_TEXT_CHARS = 16_384;

/**
 * Zero-width spaces, and the control characters that are not whitespace: a UTF-16 PDF title
 * ending in a NUL (`<FEFF...0000>`, written by many producers; viewers show none), a NUL in an
 * HTML page. Kept, a title would differ from the same title without it and show as garbage.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it drops
const INVISIBLE_CHARS = /[\u200b\u2060\ufeff\u0000-\u0008\u000e-\u001f\u007f]/g;
const WHITESPACE_RUNS = /[\s\u0085]+/g;

/**
 * Collapses every run of whitespace (JS `\s` covers NBSP, line and paragraph separators and
 * the other Unicode spaces) into one space, drops zero-width spaces and control characters,
 * and trims.
 */
export function foldWhitespace(s: string): string {
  return s.replace(INVISIBLE_CHARS, '').replace(WHITESPACE_RUNS, ' ').trim();
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
export function capLength(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return s.slice(0, end).trimEnd();
}

/** Folded and capped, or null when nothing is left. */
export function cleanTitle(s: string | null | undefined): string | null {
  if (s == null) return null;
  const folded = capLength(foldWhitespace(s), MAX_TITLE_CHARS);
  return folded === '' ? null : folded;
}
