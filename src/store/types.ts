import type { HostState, LinkState, RunSummaryRecord } from '../model/index.js';

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
 * - Writes are durable when their promise resolves, and each call is atomic: a crash leaves
 *   either the whole batch or none of it.
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

  /** Releases the file or connection. Idempotent. */
  close(): Promise<void>;
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
  | { ok: true; store: HistoryStore }
  | { ok: false; error: StoreOpenError };
