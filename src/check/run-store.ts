// Which history a run writes to, and what it does when that history cannot be used: some
// failures stop the run (writing would do harm), others let it go on in memory, said aloud.
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { createMemoryStore, type HistoryStore, openHistoryStore } from '../store/index.js';
import type { LoadedConfig } from './config.js';

export type RunStore =
  | {
      ok: true;
      store: HistoryStore;
      /** Why the history could not be used or imported as it is; the run goes on. */
      problems: string[];
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
  const opened = await openHistoryStore({
    reportDir,
    cwd,
    ...(options.store ? { store: options.store } : {}),
    archiveCacheFile: config.archive.cache.path,
    ...(opts.now ? { now: opts.now } : {}),
  });
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
    return { ok: true, store: createMemoryStore(), problems: [opened.error.message] };
  }
  const problems: string[] = [];
  // A damaged state.json not yet imported: the same, and the file stays as it is.
  if (opened.problem)
    problems.push(`${join(options.reportDir, 'state.json')}:1: ${opened.problem}`);
  for (const notice of opened.notices ?? []) opts.logger?.warn(notice);
  return { ok: true, store: opened.store, problems };
}
