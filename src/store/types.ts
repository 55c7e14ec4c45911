import type {
  FixedLink,
  HostState,
  LinkState,
  ReportLink,
  RunSummaryRecord,
  Verdict,
} from '../model/index.js';

/*
 * The run history behind one small interface, so the engine that keeps it can change without
 * the check, report, fix and worker code noticing: an embedded SQLite file by default, a
 * shared PostgreSQL for several workers. Every method is async (a network database needs it)
 * and works in batches (a million links must never be one call per row, nor one object).
 *
 * Rules every implementation keeps:
 * - A LinkState or HostState is stored whole, as the JSON document it is. Adding an optional,
 *   JSON-serialisable field to either type needs no change to any store: what a run writes, the
 *   next run reads back unchanged. Only fields a store must query on (the URL, the host, due
 *   dates) are columns of their own.
 * - Writes are durable when their promise resolves (at least against the process being
 *   killed: what resume needs), and each call is atomic: a crash leaves either the whole batch
 *   or none of it.
 * - A store never invents history: a link it has not seen is absent from `readLinks`' answer.
 * - Errors are values where a caller can act on them (`StoreOpenError` from the factory);
 *   during a run, a failing write rejects and the run reports it without losing the reports.
 */
export interface HistoryStore {
  /** What to show a person: a file path, or a database URL without its password. */
  readonly location: string;

  /** Prior state of each of these links; URLs never seen are absent from the map. */
  readLinks(urls: Iterable<string>): Promise<Map<string, LinkState>>;
  /** Inserts or replaces these links' state (keyed by `url`). Callers batch (hundreds). */
  writeLinks(links: readonly LinkState[]): Promise<void>;
  /** Every stored link, in URL order, read in pages: never the whole table at once. */
  eachLink(): AsyncIterable<LinkState>;
  /** Removes links not in `keep` (no longer cited anywhere); returns how many went. */
  pruneLinks(keep: ReadonlySet<string>): Promise<number>;

  /** The last `limit` runs recorded, oldest first. */
  readRuns(limit: number): Promise<RunSummaryRecord[]>;
  /** Records a finished run (replacing one with the same id), keeping the newest `keep`. */
  writeRun(run: RunSummaryRecord, keep: number): Promise<void>;

  /** What the history knows of these hosts (probe answers, ...); unknown hosts are absent. */
  readHosts(hosts: Iterable<string>): Promise<Map<string, HostState>>;
  writeHosts(hosts: readonly HostState[]): Promise<void>;

  /**
   * Imports a whole history at once (the old `state.json`), in ONE transaction: links and run
   * records (oldest first) added to what is stored.
   */
  importHistory(links: readonly LinkState[], runs: readonly RunSummaryRecord[]): Promise<void>;

  /** The archive lookup cache: the unexpired values of these keys (`now` in ms since epoch). */
  readCache(keys: Iterable<string>, now: number): Promise<Map<string, unknown>>;
  /** Inserts or replaces cache entries; each carries its own expiry. */
  writeCache(entries: readonly CacheEntry[]): Promise<void>;
  /** Removes entries expired at `now`; returns how many went. */
  purgeCache(now: number): Promise<number>;

  /** The run journal: what a run has recorded so far, so a killed run can be resumed. */
  readonly journal: RunJournal;

  /** Releases the file or connection. Idempotent. */
  close(): Promise<void>;
}

export interface CacheEntry {
  key: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  value: unknown;
}

/**
 * One run as it goes: a row per URL, written as each link is checked (the observation, opaque
 * to the store), then settled once the run-level facts are known (the report link, with the
 * link's next state written in the same transaction). An interrupted run keeps its rows: a
 * resumed run checks only the URLs without one. The report is streamed from the settled rows.
 */
export interface RunJournal {
  /** Records a run as started (replacing nothing: the id is new). */
  begin(run: JournalRun): Promise<void>;
  /** The newest run not yet finished, if any. */
  unfinished(): Promise<JournalRun | null>;
  /** A run by id, finished or not. */
  get(runId: string): Promise<JournalRun | null>;
  /** The newest finished run (the one `rotwatch report` renders again). */
  lastFinished(): Promise<JournalRun | null>;
  /** Records observations (one per URL; a URL already recorded is replaced). */
  record(runId: string, rows: readonly JournalObservation[]): Promise<void>;
  /** Which of these URLs the run has recorded. */
  recorded(runId: string, urls: Iterable<string>): Promise<Set<string>>;
  /** Recorded rows not settled yet, in URL order, in pages of at most `pageSize`. */
  unsettled(runId: string, pageSize: number): AsyncIterable<JournalObservation[]>;
  /** Per host seen with a network answer: true when every request to it failed to connect. */
  hostHealth(runId: string): Promise<{ host: string; connectionFailed: boolean }[]>;
  /**
   * Settles rows with their report link, and writes the links' next states, in ONE
   * transaction: a crash leaves both or neither, so resuming never applies a run twice.
   */
  settle(runId: string, rows: readonly SettledRow[], states: readonly LinkState[]): Promise<void>;
  /**
   * Records observations and settles those of them in `settled` (with the links' next states)
   * in ONE transaction, for a run that can settle links as they come. A row settled here keeps
   * no observation: nothing reads it again.
   */
  recordSettled(
    runId: string,
    rows: readonly JournalObservation[],
    settled: readonly SettledRow[],
    states: readonly LinkState[],
  ): Promise<void>;
  /**
   * Counts per verdict of the settled rows, how many of them were not checked (reason
   * `network-down`), and the fixed links in URL order.
   */
  totals(runId: string): Promise<JournalTotals>;
  /** The settled report links, in URL order (code-unit order), read in pages. */
  links(runId: string): AsyncIterable<ReportLink>;
  /** Marks the run finished (with its report head) and drops the rows of older runs. */
  finish(runId: string, head: unknown): Promise<void>;
  /** Forgets a run and its rows (an unfinished run that will not be resumed). */
  discard(runId: string): Promise<void>;
  /** Removes stored links that this run did not record (a complete run of the catalogue). */
  pruneLinksOutside(runId: string): Promise<number>;
}

export interface JournalRun {
  id: string;
  startedAt: string;
  finished: boolean;
  /** What the run was started with (catalogues, subset...), opaque to the store. */
  info: unknown;
  /** The report head once finished, opaque to the store; null before. */
  head: unknown;
}

export interface JournalObservation {
  url: string;
  /** The host asked, null when no request was made (skipped links). */
  host: string | null;
  /** True: failed at connection level; false: the host answered; null: no request made. */
  connectionFailure: boolean | null;
  /** What was observed (JSON-serialisable), opaque to the store. */
  observation: unknown;
}

export interface JournalTotals {
  counts: Partial<Record<Verdict, number>>;
  notChecked: number;
  /** Links whose content drift is confirmed (ReportLink.drift.confirmed). */
  drifted: number;
  fixed: FixedLink[];
}

export interface SettledRow {
  url: string;
  link: ReportLink;
  fixed: FixedLink | null;
}

export type StoreOpenErrorCode =
  | 'store-unreadable'
  | 'store-corrupt'
  | 'store-newer-schema'
  | 'store-unsupported-url'
  | 'store-unreachable';

/** Why a store could not be opened; the data behind it is left untouched. */
export interface StoreOpenError {
  code: StoreOpenErrorCode;
  /** The file or redacted URL. */
  location: string;
  /** One sentence for a person, naming the place and what to do. */
  message: string;
}

export type StoreOpenResult =
  | {
      ok: true;
      store: HistoryStore;
      /** What opening did that a person should hear of (an old state file imported...). */
      notices?: string[];
      /**
       * The history could not be used as it is (a damaged `state.json` not yet imported): the
       * store is then an empty one in memory, the run goes on without history and writes
       * none, and the caller reports this (exit 2). The file is left untouched.
       */
      problem?: string;
    }
  | { ok: false; error: StoreOpenError };
