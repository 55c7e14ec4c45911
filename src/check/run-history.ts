// A run begins in one of three ways (new, resumed after a kill, joined with other processes on
// a shared history): each decides its id, its start and what is left to check. Kept apart so
// the pipeline reads the same whichever way it began.
import { randomUUID } from 'node:crypto';
import type { CheckOptions } from '../config/options.js';
import type { Target } from '../model/index.js';
import type { RunCoordinator } from '../scale/coordinator.js';
import type { HistoryStore, JournalRun } from '../store/index.js';
import type { RunInfo } from './run-fingerprint.js';

export type { RunInfo } from './run-fingerprint.js';

/** URLs asked of the journal at once when resuming. */
const RESUME_BATCH = 1_000;

/** The history a run reads and writes. */
export interface RunHistory {
  store: HistoryStore;
  /** The unfinished run to continue (`--resume`), or null for a new run. */
  resume: JournalRun | null;
  /** False for a run whose checks must not change any link's history (unread inputs). */
  recordLinks: boolean;
  /**
   * Archive lookups cached in the store (a CLI run); false: in the file at `cache.path`, as
   * the library does. Either way `cache.path: null` turns caching off.
   */
  archiveCacheInStore: boolean;
  /**
   * A run shared with other processes (a PostgreSQL history): joined or started through the
   * coordinator, checked a shard (registrable domain) at a time under leases, and settled by
   * the one process that finishes it.
   */
  shared?: RunCoordinator;
}

/** The run this process checks for: its id, its start, and the targets still to check. */
export interface StartedRun {
  runId: string;
  startedAt: string;
  todo: Target[];
}

/**
 * Begins a new run in the journal, resumes the unfinished one, or joins the shared one.
 * Null: a shared run had nothing due, so no run was started.
 */
export async function startRun(
  targets: Target[],
  options: CheckOptions,
  history: RunHistory,
  info: RunInfo,
  now: () => Date,
): Promise<StartedRun | null> {
  const { store } = history;
  if (history.shared) {
    const start = now();
    const joined = await history.shared.join({
      targets,
      info,
      scope: { include: options.include, exclude: options.exclude, since: options.changedSince },
      runId: runIdAt(start),
      startedAt: start.toISOString(),
    });
    if (!joined) return null;
    return { runId: joined.runId, startedAt: joined.startedAt, todo: targets };
  }
  if (history.resume) {
    const runId = history.resume.id;
    return {
      runId,
      startedAt: history.resume.startedAt,
      todo: await notRecorded(store, runId, targets),
    };
  }
  const start = now();
  const startedAt = start.toISOString();
  const runId = runIdAt(start);
  await store.journal.begin({ id: runId, startedAt, finished: false, info, head: null });
  return { runId, startedAt, todo: targets };
}

const COLONS_AND_DOTS = /[:.]/g;

/** A run's id: its start, sortable, and a random tail so two runs started together differ. */
function runIdAt(start: Date): string {
  return `${start.toISOString().replace(COLONS_AND_DOTS, '-')}-${runIdTail()}`;
}

/** The random end of a run's id (snapshots' ids end with one too). */
export function runIdTail(): string {
  return randomUUID().slice(0, 8);
}

/** The targets the run's journal has no row for. */
async function notRecorded(store: HistoryStore, runId: string, targets: Target[]) {
  const out: Target[] = [];
  for (let i = 0; i < targets.length; i += RESUME_BATCH) {
    const batch = targets.slice(i, i + RESUME_BATCH);
    const done = await store.journal.recorded(
      runId,
      batch.map((t) => t.url),
    );
    for (const t of batch) if (!done.has(t.url)) out.push(t);
  }
  return out;
}
