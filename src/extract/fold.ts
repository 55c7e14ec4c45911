/** Shared string clean-up for everything extracted (titles, headings, body text). */

/** Longest title or heading we keep; longer ones are junk or whole paragraphs. */
export const MAX_TITLE_CHARS = 500;
/**
 * Visible text kept per page: enough to compare a page with a soft-404 probe. It must reach past
 * a site's navigation, which on portal sites (mega-menus) runs to several KB: with too short a
 * prefix, every page of such a site reads as the same page. Dropped once the page is classified.
 */
export const MAX_TEXT_CHARS = 16_384;

const ZERO_WIDTH_CHARS = /[\u200b\u2060\ufeff]/g;
const WHITESPACE_RUNS = /[\s\u0085]+/g;

/**
 * Collapses every run of whitespace (JS `\s` covers NBSP, line and paragraph separators and
 * the other Unicode spaces) and zero-width spaces into one space, and trims.
 */
export function foldWhitespace(s: string): string {
  return s.replace(ZERO_WIDTH_CHARS, '').replace(WHITESPACE_RUNS, ' ').trim();
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
