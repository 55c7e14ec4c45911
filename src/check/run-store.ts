// Which history a run writes to, and what it does when that history cannot be used: some
// failures stop the run (writing would do harm), others let it go on in memory, said aloud.
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { createMemoryStore, type HistoryStore, openHistoryStore } from '../store/index.js';
import { storeTarget } from '../store/open.js';
import type { LoadedConfig } from './config.js';
import { lockHistory } from './run-lock.js';

export type RunStore =
  | {
      ok: true;
      store: HistoryStore;
      /** Why the history could not be used or imported as it is; the run goes on. */
      problems: string[];
      /** Closes the store, then lets another run have the history. */
      close(): Promise<void>;
    }
  /** A history the run must not use: a usage problem (exit 2). */
  | { ok: false; problem: string };

export async function openRunStore(
  cwd: string,
  reportDir: string,
  config: LoadedConfig,
  opts: { now?: (() => Date) | undefined; logger?: Logger | undefined },
): Promise<RunStore> {
  const { options } = config;
  // A SQLite history is one run's at a time (run-lock.ts), its import of state.json included.
  const target = storeTarget({
    reportDir,
    cwd,
    ...(options.store ? { store: options.store } : {}),
  });
  const noLog = { warn: () => undefined, error: () => undefined };
  const lock =
    target.kind === 'sqlite' ? await lockHistory(target.path, opts.logger ?? noLog) : null;
  if (lock && !lock.ok) return { ok: false, problem: lock.problem };
  if (lock?.unlocked)
    opts.logger?.warn({ reason: lock.unlocked }, 'could not lock the history; going on unlocked');
  const release = async () => {
    if (lock?.ok) await lock.release();
  };
  const opened = await openHistoryStore({
    reportDir,
    cwd,
    ...(options.store ? { store: options.store } : {}),
    archiveCacheFile: config.archive.cache.path,
    ...(opts.now ? { now: opts.now } : {}),
  });
  if (!opened.ok) await release();
  if (!opened.ok) {
    // A store this version must not write (newer schema, another engine), or a shared database
    // out of reach (the run would check alone what others share), is a usage problem.
    if (
      opened.error.code === 'store-newer-schema' ||
      opened.error.code === 'store-unsupported-url' ||
      opened.error.code === 'store-unreachable'
    )
      return { ok: false, problem: opened.error.message };
    // A damaged history is never overwritten: the run goes on without history, and says so.
    const store = createMemoryStore();
    return { ok: true, store, problems: [opened.error.message], close: () => store.close() };
  }
  const problems: string[] = [];
  // A damaged state.json not yet imported: the same, and the file stays as it is.
  if (opened.problem)
    problems.push(`${join(options.reportDir, 'state.json')}:1: ${opened.problem}`);
  for (const notice of opened.notices ?? []) opts.logger?.warn(notice);
  const { store } = opened;
  const close = async () => {
    try {
      await store.close();
    } finally {
      await release();
    }
  };
  return { ok: true, store, problems, close };
}
