import type { Window } from './time.js';
import type { Candidate } from './types.js';

/** Which captures may be proposed, and in which order. Pure functions. */

/** Real answers only: 200, 203 (non-authoritative copy), 206 (partial, e.g. a PDF range). */
export function isGoodStatus(status: number | null): boolean {
  return status === null || status === 200 || status === 203 || status === 206;
}

/** A captured redirect: its playback leads to whatever the archive holds of the target. */
export function isRedirectStatus(status: number | null): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

type Family = 'html' | 'pdf' | 'unknown' | `other:${string}`;

export function mimeFamily(mime: string | null): Family {
  const m = (mime ?? '').split(';')[0]!.trim().toLowerCase();
  // CDX writes `unk` for unknown types and `warc/revisit` for deduplicated records.
  if (!m || m === 'unk' || m === 'warc/revisit' || m === 'application/octet-stream') {
    return 'unknown';
  }
  if (m === 'text/html' || m === 'application/xhtml+xml') return 'html';
  if (m === 'application/pdf' || m === 'application/x-pdf') return 'pdf';
  return `other:${m}`;
}

/** Same kind of content: an HTML page is not replaced by a PDF and vice versa. */
export function sameKind(wanted: string | null, captured: string | null): boolean {
  const a = mimeFamily(wanted);
  const b = mimeFamily(captured);
  return a === 'unknown' || b === 'unknown' || a === b;
}

export interface Selection {
  /** Proposable captures, best first. */
  ordered: Candidate[];
  /** Counts of what was set aside, for an honest reason when nothing is left. */
  errorStatus: number;
  beforeStart: number;
  /** Of `beforeStart`, the real answers (200/203/206): a page existed there before. */
  beforeStartGood: number;
  otherKind: number;
}

/**
 * Keeps real answers of the same kind inside the window, ordered: the closest at or before the
 * access date first (latest first), then those after it (earliest first). Never before the
 * publication date. Ties keep the sources' order (stable sort).
 *
 * Captured redirects inside the window come last, in the same order (they are still counted
 * in `errorStatus`): the CDX side queries leave them out, so they are here only when no real
 * answer was found (the census, the availability API). Their playback follows the redirect to
 * the capture of its target, which the judge checks like a live redirect chain: one to the
 * home page, a login or a soft-404 is refused, one to the document (a URL that always
 * redirected to it) is a copy the editor can use.
 */
export function selectCandidates(
  candidates: Candidate[],
  w: Window,
  contentType: string | null,
): Selection {
  const sel: Selection = {
    ordered: [],
    errorStatus: 0,
    beforeStart: 0,
    beforeStartGood: 0,
    otherKind: 0,
  };
  const before: Candidate[] = [];
  const after: Candidate[] = [];
  const redirectsBefore: Candidate[] = [];
  const redirectsAfter: Candidate[] = [];
  for (const c of candidates) {
    if (w.startMs !== null && c.timestampMs < w.startMs) {
      sel.beforeStart++;
      if (isGoodStatus(c.status) && c.status !== null) sel.beforeStartGood++;
    } else if (!isGoodStatus(c.status)) {
      sel.errorStatus++;
      // The type of a redirect is its own (text/html, unk), not its target's: not compared.
      if (isRedirectStatus(c.status)) {
        (c.timestampMs <= w.endInclusiveMs ? redirectsBefore : redirectsAfter).push(c);
      }
    } else if (!sameKind(contentType, c.mimetype)) sel.otherKind++;
    else if (c.timestampMs <= w.endInclusiveMs) before.push(c);
    else after.push(c);
  }
  const latestFirst = (x: Candidate, y: Candidate) => y.timestampMs - x.timestampMs;
  const earliestFirst = (x: Candidate, y: Candidate) => x.timestampMs - y.timestampMs;
  before.sort(latestFirst);
  after.sort(earliestFirst);
  redirectsBefore.sort(latestFirst);
  redirectsAfter.sort(earliestFirst);
  sel.ordered = dedupe([...before, ...after, ...redirectsBefore, ...redirectsAfter]);
  return sel;
}

/** The same capture can come from two queries (CDX and availability): keep the first. */
function dedupe(list: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    if (seen.has(c.rawUrl)) return false;
    seen.add(c.rawUrl);
    return true;
  });
}
