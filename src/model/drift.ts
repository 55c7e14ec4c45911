/**
 * Content drift (issue 13): a link that still answers but no longer serves the cited document.
 * The verdict is untouched; drift is a separate finding, held against the catalogue and against
 * earlier runs, and counted only once it held on two runs.
 */

/**
 * Why a page looks like it drifted. Stable strings, like reason codes.
 * - `title-mismatch`: the page title does not match the catalogue title.
 * - `title-changed`: the page title is not the one seen before.
 * - `pages-mismatch`: the PDF's page count is not the catalogue's `extent.pages`.
 * - `pages-changed`: the PDF's page count is not the one seen before.
 * - `type-changed`: the kind of document changed (a PDF became an HTML page, ...).
 * - `content-changed`: the visible text is far from the text seen before.
 */
export const DRIFT_REASONS = [
  'title-mismatch',
  'title-changed',
  'pages-mismatch',
  'pages-changed',
  'type-changed',
  'content-changed',
] as const;
export type DriftReason = (typeof DRIFT_REASONS)[number];

/** What the JSON report says about a link's drift (`ReportLink.drift`). */
export interface Drift {
  /** Every reason seen in this run, in DRIFT_REASONS order; never empty. */
  reasons: DriftReason[];
  /**
   * True when the evidence held on two runs or more (the link counts as drifted). False on the
   * first run it is seen: shown as "changed", not counted (a cookie page, an A/B test).
   */
  confirmed: boolean;
  /** ISO date-time of the first run that saw this evidence. */
  since: string;
  /** Consecutive runs (this one included) that saw it. */
  runs: number;
  /** The catalogue title closest to the page title (of the entries citing the URL). */
  catalogueTitle: string | null;
  /** The page title found in this run. */
  title: string | null;
  /** The page title seen before the change, when rotwatch saw one. */
  previousTitle: string | null;
  /** Best similarity of the page title to a catalogue title, 0..1; null without both titles. */
  similarity: number | null;
  /** PDF page counts: now, before the change, and the catalogue's `extent.pages`. */
  pages: number | null;
  previousPages: number | null;
  cataloguePages: number | null;
  /** Content types (MIME, no parameters): now and before the change. */
  contentType: string | null;
  previousContentType: string | null;
  /** Bits (of 64) that differ between the text fingerprints now and before; null when unknown. */
  textDistance: number | null;
  /**
   * Present when the page's own metadata says it is another work (issue 11): with a title
   * signal, its named authors cannot be any citing entry's creators and its publication year is
   * not the entry's. The drift is then confirmed on its first run.
   */
  metadata?: {
    /** The page's named authors and publication date (ISO, as precise as given). */
    authors: string[];
    published: string;
    /** The (first) citing entry's creators and year. */
    creators: string;
    year: number;
  };
}

/** What the history keeps of the last page read at a URL (LinkState.page). */
export interface PageSnapshot {
  title: string | null;
  finalUrl: string | null;
  contentType: string | null;
  pdfPages: number | null;
  /** 64-bit SimHash of the visible text as 16 hex digits; null when too little text. */
  textPrint: string | null;
  seenAt: string;
}

/** Drift evidence carried between runs while it lasts (LinkState.drift). */
export interface DriftState {
  reasons: DriftReason[];
  since: string;
  runs: number;
  /** The page as it was before the change (the reference history signals compare with). */
  before: PageSnapshot | null;
}
