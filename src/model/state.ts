import type { DriftState, PageSnapshot } from './drift.js';
import type { ReportSummary } from './report.js';
import type { ReasonCode, Verdict } from './verdict.js';

/**
 * What the run history keeps per URL between runs. Stores keep it whole (a JSON document per
 * URL, see src/store/types.ts): a new optional field persists without any store change. Keep
 * new fields optional (old histories lack them) and JSON-serialisable.
 */
export interface LinkState {
  url: string;
  lastStatus: Verdict;
  lastReason: ReasonCode | null;
  lastCheckedAt: string;
  /** ISO date-time of the first failure of the current failing streak, null when healthy. */
  firstFailureAt: string | null;
  consecutiveFailures: number;
  lastSuccessAt: string | null;
  etag?: string;
  lastModified?: string;
  lastTitle?: string | null;
  /**
   * The permanent move in progress: where the link's permanent redirect leads, since when, on
   * how many consecutive conclusive runs (the same target each time), and the page title seen
   * before the move started. Absent when the last conclusive run saw no permanent redirect.
   * `rotwatch fix` replaces a URL only once its move has been seen on two runs.
   */
  moved?: LinkMove;
  /**
   * What the last good copy declared about itself (authors, dates, site, publisher, container,
   * DOI; issue 11): reported again when the server answers 304 Not Modified.
   */
  lastBiblio?: StoredBiblio;
  /**
   * For each field of `lastBiblio` that holds a value: on how many consecutive good runs it has
   * held that same value (a 304 counts, the document is the one read before). `rotwatch fix
   * --enrich` fills a catalogue entry only from values held on two runs or more (issue 11).
   * Absent in older histories: a `lastBiblio` value is then taken as seen on one run.
   */
  biblioRuns?: BiblioRuns;
  /** The last page read at this URL (a 304 keeps it): what drift compares the next run with. */
  page?: PageSnapshot;
  /** Drift evidence seen in the last run(s), absent when there is none. */
  drift?: DriftState;
}

export interface LinkMove {
  to: string;
  /** ISO date-time of the first run that saw this move. */
  since: string;
  runs: number;
  titleBefore: string | null;
}

/** The bibliographic fields of a report's `meta`, as kept between runs. */
export interface StoredBiblio {
  authors: string[];
  published: string | null;
  modified: string | null;
  siteName: string | null;
  publisher: string | null;
  container: string | null;
  doi: string | null;
}

/** Consecutive runs per bibliographic field (LinkState.biblioRuns); absent: no value. */
export type BiblioRuns = Partial<Record<keyof StoredBiblio, number>>;

/**
 * What the history keeps per host between runs (stored whole, like LinkState): for example the
 * answer to the random-path probe, so a weekly run need not probe every host again.
 */
export interface HostState {
  /**
   * The origin these facts are about: scheme, lower-cased host and port when not the scheme's
   * default (`https://example.org`, `http://example.org:8080`; see probeOriginKey). The field
   * keeps its name, as do the stores' `hosts` tables. Before round 17 it held the host alone
   * (`example.org`), which http:// and https:// shared; such rows are dropped by the stores'
   * migrations (SQLite 3, PostgreSQL 8): each origin is probed once more, then kept.
   */
  host: string;
  updatedAt: string;
  /** The host's answer to a path that cannot exist, when one was probed. */
  probe?: StoredProbe;
}

/** A probe answer reduced to what classification compares against. */
export interface StoredProbe {
  probedAt: string;
  url: string;
  status: number | null;
  finalUrl: string | null;
  contentType: string | null;
  title: string | null;
  htmlTitle: string | null;
  h1: string | null;
  /** Visible text excerpt (folded), as PageMeta.text. */
  text: string;
}

/** One line of run history, for trends. */
export interface RunSummaryRecord {
  id: string;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  network: 'ok' | 'down';
  /** As ReportSummary's: `notChecked` (links the run could not look at), `drifted`. */
  summary: ReportSummary;
}

export interface RunState {
  schema: 'rotwatch/state@1';
  links: Record<string, LinkState>;
  runs: RunSummaryRecord[];
}

/** Storage behind a small interface so a database can take over for very large catalogues. */
export interface StateStore {
  load(): Promise<RunState>;
  /** Must be atomic: a crash mid-write leaves the previous state intact. */
  save(state: RunState): Promise<void>;
}
