/**
 * Content drift across runs: one run's evidence (evidence.ts) becomes a finding only when it
 * held on two runs. Pure: the history goes in, the report's `drift` and the next history come
 * out.
 *
 * - The reference is the page as it was before the change (`DriftState.before`): it is kept for
 *   as long as some evidence lasts, so a change is compared with the original, not with last
 *   week's already-changed page.
 * - A reason holds when last run saw it too and, for a change, the page still shows what it
 *   showed last run (same title, page count, kind, nearly the same text): a page that changed
 *   and stayed changed. A one-off cookie page, an A/B test or a page that went back raise
 *   nothing; a page that changes every week (a home page's news) never holds still.
 * - A 304 answer means the page is the one read last run: it is read as that page, never as a
 *   change, and it lets a change seen last run hold.
 */
import { printDistance } from '../extract/fingerprint.js';
import type {
  Drift,
  DriftReason,
  DriftState,
  LinkState,
  PageMeta,
  PageSnapshot,
} from '../model/index.js';
import {
  type CatalogueSide,
  CONTENT_CHANGE_BITS,
  documentKind,
  driftEvidence,
} from './evidence.js';
import { metadataDisagreement, type PageWork } from './metadata.js';
import { comparePageTitles } from './title.js';

/** What this run read at the URL. */
export type PageObservation =
  /** A page was read (a 2xx answer with its body). */
  | { kind: 'page'; page: PageSnapshot }
  /** A 304: unchanged since the last run that read it. */
  | { kind: 'unchanged' }
  /** Nothing to compare: the link failed, was blocked or skipped, or the run could not tell. */
  | { kind: 'none' };

export interface DriftInput {
  url: string;
  catalogue: CatalogueSide;
  /** The URL's history, as the last run left it. */
  prior: Pick<LinkState, 'page' | 'drift' | 'lastTitle' | 'lastCheckedAt'> | undefined;
  observed: PageObservation;
  /**
   * What the page read now declares about itself (the report's `meta.authors`, `meta.published`;
   * on a 304, what the history kept): with a title signal, authors and a year both other than
   * every citing entry's confirm the drift on its first run (src/drift/metadata.ts).
   */
  biblio?: PageWork;
  /** This run's check time (ISO). */
  at: string;
}

export interface DriftOutcome {
  /** The report's `drift` for this link. */
  drift: Drift | null;
  /** The history's next `page` (undefined: none known). */
  page: PageSnapshot | undefined;
  /** The history's next `drift` (undefined: no evidence to carry). */
  state: DriftState | undefined;
}

/** What the history keeps of a page read now. */
export function snapshotOf(
  meta: Pick<PageMeta, 'title' | 'contentType' | 'pdf' | 'textPrint'>,
  finalUrl: string | null,
  at: string,
): PageSnapshot {
  return {
    title: meta.title,
    finalUrl,
    contentType: meta.contentType,
    pdfPages: meta.pdf?.pages ?? null,
    textPrint: meta.textPrint ?? null,
    seenAt: at,
  };
}

/** The page last read, from the history (a history older than drift has only its title). */
function lastPage(prior: DriftInput['prior']): PageSnapshot | null {
  if (prior?.page) return prior.page;
  if (prior?.lastTitle) {
    return {
      title: prior.lastTitle,
      finalUrl: null,
      contentType: null,
      pdfPages: null,
      textPrint: null,
      seenAt: prior.lastCheckedAt,
    };
  }
  return null;
}

/** Whether the page now still shows what it showed last run, for one reason. */
function stillShows(reason: DriftReason, last: PageSnapshot | null, now: PageSnapshot): boolean {
  switch (reason) {
    case 'title-mismatch':
    case 'pages-mismatch':
      return true;
    case 'title-changed':
      return !!last?.title && !!now.title && comparePageTitles(last.title, now.title).match;
    case 'pages-changed':
      return last?.pdfPages != null && last.pdfPages === now.pdfPages;
    case 'type-changed':
      return documentKind(last?.contentType ?? null) === documentKind(now.contentType);
    case 'content-changed': {
      const d = printDistance(last?.textPrint, now.textPrint);
      return d !== null && d < CONTENT_CHANGE_BITS;
    }
  }
}

/** One run of drift: the report's finding and the history to keep. */
export function driftOf(input: DriftInput): DriftOutcome {
  const { prior, observed } = input;
  const last = lastPage(prior);
  if (observed.kind === 'none') {
    // Nothing was read: what the history knew stays as it was, and the report says nothing.
    return { drift: null, page: prior?.page, state: prior?.drift };
  }
  const now: PageSnapshot | null =
    observed.kind === 'page' ? observed.page : last ? { ...last, seenAt: input.at } : null;
  if (!now) return { drift: null, page: prior?.page, state: prior?.drift };

  const before = prior?.drift?.before ?? last;
  const evidence = driftEvidence(input.catalogue, before, now, input.url);
  if (evidence.reasons.length === 0) return { drift: null, page: now, state: undefined };

  const previous = prior?.drift;
  const held =
    previous !== undefined &&
    evidence.reasons.some((r) => previous.reasons.includes(r) && stillShows(r, last, now));
  const titleSignal = evidence.reasons.some((r) => r === 'title-mismatch' || r === 'title-changed');
  const metadata = titleSignal
    ? metadataDisagreement(input.catalogue.works ?? [], input.biblio)
    : null;
  const state: DriftState = held
    ? { reasons: evidence.reasons, since: previous.since, runs: previous.runs + 1, before }
    : { reasons: evidence.reasons, since: input.at, runs: 1, before };
  const drift: Drift = {
    reasons: evidence.reasons,
    // Another title, other authors and another year: another work, on the first run already.
    confirmed: held || metadata !== null,
    since: state.since,
    runs: state.runs,
    catalogueTitle: evidence.catalogueTitle,
    title: now.title,
    previousTitle: before?.title ?? null,
    similarity: evidence.similarity,
    pages: now.pdfPages,
    previousPages: before?.pdfPages ?? null,
    cataloguePages: evidence.cataloguePages,
    contentType: now.contentType,
    previousContentType: before?.contentType ?? null,
    textDistance: evidence.textDistance,
    ...(metadata ? { metadata } : {}),
  };
  return { drift, page: now, state };
}
