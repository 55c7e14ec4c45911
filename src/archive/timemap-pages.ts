import type { Link } from './linkformat.js';

/**
 * Paged TimeMaps. RFC 7089 section 5 lets an archive split a large TimeMap into documents
 * "gathered by following contained links with a `timemap` Relation Type", which may carry
 * `from` and `until` (the datetimes of the page's first and last mementos); archives and
 * aggregators also page with `rel="next"` / `rel="prev"` (later and earlier mementos). Only the
 * first page was read: for a busy page whose first page holds its oldest captures, the closest
 * ones to the access date were never seen. Pure: which page to read next, given the pages read.
 */

/** Pages read per TimeMap, the first one included: each costs one request to the archive. */
export const MAX_TIMEMAP_PAGES = 5;

export interface PageLink {
  url: string;
  /** `next`: later mementos; `prev`: earlier; null: a `timemap` link (ordered by from/until). */
  dir: 'next' | 'prev' | null;
  fromMs: number | null;
  untilMs: number | null;
}

const WHITESPACE_RUN = /\s+/;

/**
 * The links of a page that lead to other pages of the same TimeMap, resolved against the
 * page's URL. Not the page itself (`self`, or its own URL), not memento links (`next memento`
 * is a memento), not the original or the TimeGate.
 */
export function pageLinks(links: Link[], pageUrl: string): PageLink[] {
  const out: PageLink[] = [];
  for (const l of links) {
    const rels = (l.params.rel ?? '').toLowerCase().split(WHITESPACE_RUN);
    if (rels.includes('memento') || rels.includes('self')) continue;
    const dir = rels.includes('next') ? 'next' : rels.includes('prev') ? 'prev' : null;
    if (dir === null && !rels.includes('timemap')) continue;
    let url: string;
    try {
      url = new URL(l.uri, pageUrl).href;
    } catch {
      continue;
    }
    // Its own URL, perhaps written otherwise (pywb lists itself as rel="timemap", percent-
    // encoded or not): not another page.
    if (sameUrl(url, pageUrl)) continue;
    out.push({ url, dir, fromMs: dateMs(l.params.from), untilMs: dateMs(l.params.until) });
  }
  return out;
}

function sameUrl(a: string, b: string): boolean {
  if (a === b) return true;
  const decoded = (u: string) => {
    try {
      return decodeURIComponent(u);
    } catch {
      return u;
    }
  };
  return decoded(a) === decoded(b);
}

function dateMs(v: string | undefined): number | null {
  if (!v) return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The next page to read, or null when the closest mementos on each side of `endMs` (the last
 * instant at or before the access date) are known. `page` holds the datetimes of the mementos
 * of the page just read; `seen` those of every page read so far; `read` their URLs.
 *
 * Pages are taken to run in time order (as `from`/`until`, `next`/`prev` say). A page holding
 * mementos on both sides of the date holds the boundary: done. A page all before it sends to a
 * later page, one all after it to an earlier one; once both sides were seen while walking in
 * order, the boundary lies between two pages read: done. Links without order (`timemap`
 * without `from`/`until`) are read in the order listed, within the cap.
 */
export function nextPage(input: {
  links: PageLink[];
  page: readonly number[];
  seen: readonly number[];
  read: ReadonlySet<string>;
  endMs: number;
}): string | null {
  const { page, seen, endMs } = input;
  const links = input.links.filter((l) => !input.read.has(l.url));
  const before = page.some((t) => t <= endMs);
  const after = page.some((t) => t > endMs);
  if (before && after) return null;
  // A page covering the date (an index TimeMap lists them with from/until): read it.
  const covering = links.find(
    (l) => l.fromMs !== null && l.untilMs !== null && l.fromMs <= endMs && endMs <= l.untilMs,
  );
  if (covering) return covering.url;
  if (page.length === 0) {
    // An index TimeMap (pages, no mementos): the page whose range is nearest the date.
    const nearest = links
      .filter((l) => l.fromMs !== null || l.untilMs !== null)
      .sort((a, b) => rangeDistance(a, endMs) - rangeDistance(b, endMs))[0];
    if (nearest) return nearest.url;
  }
  const ordered = seen.some((t) => t <= endMs) && seen.some((t) => t > endMs);
  if (ordered && page.length > 0) return null;
  const later = page.length === 0 || !after;
  const pageFirst = page.length ? Math.min(...page) : null;
  const pageLast = page.length ? Math.max(...page) : null;
  if (later) {
    // The nearest page starting after this one's last memento (and not wholly before the date).
    const ranged = links
      .filter((l) => l.fromMs !== null && (pageLast === null || l.fromMs >= pageLast))
      .sort((a, b) => a.fromMs! - b.fromMs!)[0];
    const next = ranged ?? links.find((l) => l.dir === 'next');
    if (next) return next.url;
  } else {
    const ranged = links
      .filter((l) => l.untilMs !== null && (pageFirst === null || l.untilMs <= pageFirst))
      .sort((a, b) => b.untilMs! - a.untilMs!)[0];
    const prev = ranged ?? links.find((l) => l.dir === 'prev');
    if (prev) return prev.url;
  }
  // No order known: the first page listed.
  const undated = links.find((l) => l.dir === null && l.fromMs === null && l.untilMs === null);
  if (undated) return undated.url;
  // Else the link the other way (an archive paging newest first calls the older page `next`;
  // read pages are left out already), unless that way led further from the date: this page is
  // farther than one read before it, on the same side.
  const earlierSeen = seen.filter((t) => !page.includes(t));
  const movedAway = later
    ? earlierSeen.some((t) => t <= endMs && t > (pageLast ?? Number.POSITIVE_INFINITY))
    : earlierSeen.some((t) => t > endMs && t < (pageFirst ?? Number.NEGATIVE_INFINITY));
  if (page.length > 0 && movedAway) return null;
  return links.find((l) => l.dir !== null)?.url ?? null;
}

/** How far `ms` lies from a page's range (0 inside it); an open end reaches forever. */
function rangeDistance(l: PageLink, ms: number): number {
  const from = l.fromMs ?? Number.NEGATIVE_INFINITY;
  const until = l.untilMs ?? Number.POSITIVE_INFINITY;
  return ms < from ? from - ms : ms > until ? ms - until : 0;
}
