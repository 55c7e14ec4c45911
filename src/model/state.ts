import type { ReasonCode, Verdict } from './verdict.js';

/** What the run history keeps per URL between runs. */
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
}

/** One line of run history, for trends. */
export interface RunSummaryRecord {
  id: string;
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  network: 'ok' | 'down';
  summary: Record<Verdict, number> & { total: number };
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
