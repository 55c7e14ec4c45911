import type { ArchiveCapture, ArchiveMissReason } from './archive.js';
import type { Drift } from './drift.js';
import type { Hop } from './fetch.js';
import type { RunSummaryRecord } from './state.js';
import type { ReasonCode, Verdict } from './verdict.js';

export const REPORT_SCHEMA = 'rotwatch/report@1' as const;

export interface ReportEntryRef {
  id: string;
  file: string;
  line: number;
  title: string;
  section?: string;
  /** Present (false) when the catalogue marks this link `fix: false`: `rotwatch fix` leaves it alone. */
  fix?: false;
}

/**
 * The archived copy the catalogue itself keeps for a link (`archive: {url, date}`), and whether
 * that capture still plays back: `ok`, `unplayable` (with the reason, e.g. `http-404`), or
 * `unchecked` (the run could not look: network down, interrupted).
 */
export interface CatalogueArchive {
  url: string;
  date: string;
  status: 'ok' | 'unplayable' | 'unchecked';
  reason: string | null;
}

export interface ReportLink {
  url: string;
  status: Verdict;
  reason: ReasonCode | null;
  message: string;
  httpStatus: number | null;
  finalUrl: string | null;
  redirects: Hop[];
  title: string | null;
  contentType: string | null;
  checkedAt: string;
  attempts: number;
  /** The proposed archived copy (issue 4), or null. */
  archive: (ArchiveCapture & { distanceDays: number }) | null;
  /** Why `archive` is null for a dead/moved link; null when not looked up or found. */
  archiveReason: ArchiveMissReason | null;
  entries: ReportEntryRef[];
  /** ISO date-time of the first failure of the current streak. */
  failingSince: string | null;
  consecutiveFailures: number;
  /** True when this link was not failing in the previous run (it is "new this week"). */
  newFailure: boolean;
  /** The URL to put in the catalogue instead, when known (permanent redirect target). */
  suggestedUrl: string | null;
  /**
   * The archived copy kept in the catalogue for this URL (the first citation that has one), or
   * null. A dead link that has one is already remedied: it is not new work for editors.
   */
  catalogueArchive?: CatalogueArchive | null;
  meta: {
    canonical: string | null;
    lang: string | null;
    contentLength: number | null;
    lastModified: string | null;
    pdfPages: number | null;
    /*
     * Bibliographic metadata the page or PDF declares (issue 11). Always written by this
     * version; optional only so that reports of older versions still read.
     */
    /** Names in page order; an empty array when no source names anyone. */
    authors?: string[];
    /** ISO 8601 at the precision given: "2019", "2019-03", "2019-03-12" or a date-time. */
    published?: string | null;
    modified?: string | null;
    siteName?: string | null;
    publisher?: string | null;
    /** Journal or series. */
    container?: string | null;
    /** Lower-cased DOI without resolver ("10.1000/xyz"). */
    doi?: string | null;
  };
  /**
   * Where what the page declares differs from what a citing catalogue entry says (creators,
   * year, container). Never changes the verdict. Absent in reports of older versions.
   */
  metadataDiffers?: MetadataDifference[];
  /**
   * Content drift (issue 13): null when the page matches the catalogue and earlier runs, or when
   * it could not be read (a failing link); see src/model/drift.ts. Reports written before drift
   * existed lack the field: readers treat it as null.
   */
  drift: Drift | null;
}

/** One "metadata differs" finding: both values, as written on each side. */
export interface MetadataDifference {
  /** Id of the citing entry. */
  entry: string;
  field: 'creators' | 'date' | 'container';
  catalogue: string;
  page: string;
}

export interface ReportRun {
  id: string;
  startedAt: string;
  finishedAt: string;
  toolVersion: string;
  catalogues: string[];
  /** False when the run was interrupted (Ctrl-C, SIGTERM): only what was checked is reported. */
  complete: boolean;
  network: {
    status: 'ok' | 'down';
    hostsChecked: number;
    hostsUnreachable: number;
  };
  /**
   * The readers' language of the human texts (issue 12): `en` or `fr`, chosen by --language,
   * `report.language` in the config, then the catalogue's `language`. Absent in older reports
   * (read as English). Machine values (verdicts, reason codes, field names) never change.
   */
  language?: 'en' | 'fr';
}

export type ReportSummary = Record<Verdict, number> & {
  total: number;
  /**
   * Links not checked conclusively because the checker's own network was down (reason
   * `network-down`). They are counted in `error` too (the counts per status add up to `total`),
   * but nothing is known about them: readers say "not checked", not "broken". Absent in reports
   * written before it existed.
   */
  notChecked?: number;
  /** Links whose drift is confirmed (held on two runs); absent in runs before drift existed. */
  drifted?: number;
};

/** A link that was failing in the previous run and is `ok` or `redirected` now. */
export interface FixedLink {
  url: string;
  previousStatus: Verdict;
  previousReason: ReasonCode | null;
  status: Verdict;
  entries: ReportEntryRef[];
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  run: ReportRun;
  summary: ReportSummary;
  links: ReportLink[];
  /** Links fixed since the previous run (for the digest's "fixed" section). */
  fixed: FixedLink[];
  /** Previous runs, oldest first, for trend charts (may be empty). */
  history: RunSummaryRecord[];
  /**
   * Present when the report is a snapshot of a shared store (issue 10) rather than one run:
   * every link with its latest verdict, whichever run checked it. Absent in run reports.
   */
  snapshot?: ReportSnapshot;
}

/** What a snapshot report covers (Report.snapshot). */
export interface ReportSnapshot {
  /** When the store was read (ISO date-time). */
  takenAt: string;
  /**
   * The previous report of the whole catalogue (ISO date-time): links newly failing or fixed
   * since then are this report's new failures and fixed links.
   */
  since: string;
  /** Links of the catalogue the store has no verdict for yet (never checked): not listed. */
  neverChecked: number;
  /** The oldest check among the listed links (ISO date-time), null when none is listed. */
  oldestCheckAt: string | null;
}

/**
 * A report as the writers read it: everything but the links, and the links as a stream that
 * can be read again (once per output format). A run of a million links keeps its links in the
 * history store, not in memory; a small in-memory Report is adapted with `reportSourceOf`
 * (src/report). `links()` yields in report order (by URL) and must be callable several times.
 */
export interface ReportSource {
  head: Omit<Report, 'links'>;
  links(): AsyncIterable<ReportLink>;
}
