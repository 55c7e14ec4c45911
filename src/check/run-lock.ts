// One check at a time writes a SQLite history. Two at once lie in every combination: two
// `--resume` finish the same killed run, each checking and settling its rest (streaks counted
// twice, the report written twice); a `--resume` finishes a run another process is still
// checking; a run finishing first drops the other's journal rows while it still writes them.
// A lock file beside the history says who has it; a process that died (SIGKILL, OOM) leaves a
// lock that the next run recognises as stale and takes over.
import { basename, dirname } from 'node:path';
import { ensureDir } from '../fs/dirs.js';
import {
  acquireLock,
  defaultLockEnv,
  type HeldLock,
  type LockEnv,
  processIsAlive,
  startHeartbeat,
} from '../worker/lock.js';

/** The lock is refreshed this often while the run lasts. */
const HEARTBEAT_MS = 30_000;
/** A lock held from another host (a shared folder) is stale once its heartbeat is this old. */
const STALE_MS = 3 * 60_000;

/** Lock paths held by this process: its own pid in a lock file means "still running" only then. */
const heldHere = new Map<string, number>();

export type HistoryLock =
  | {
      ok: true;
      release(): Promise<void>;
      /**
       * Why no lock was taken: its file could not be made (a folder the run cannot write, where
       * opening the history fails too and the run goes on without one, as it did).
       */
      unlocked?: string;
    }
  /** Held by a live process: the run must not use the history. */
  | { ok: false; problem: string };

const unlocked = (reason: string): HistoryLock => ({
  ok: true,
  release: async () => undefined,
  unlocked: reason,
});

/** The lock file of a SQLite history: beside it, named after it. */
export function historyLockFile(storePath: string): string {
  return `${basename(storePath)}.run.lock`;
}

/**
 * Takes the lock of the SQLite history at `storePath` for one run. Held by a live process:
 * a usage problem (exit 2) naming it. `env` for tests.
 */
export async function lockHistory(
  storePath: string,
  log: { warn: (o: object, m: string) => void; error: (o: object, m: string) => void },
  env: LockEnv = lockEnvFor(storePath),
): Promise<HistoryLock> {
  // The history's folder may not exist yet (a first run): opening the store would create it.
  try {
    await ensureDir(dirname(storePath));
  } catch (err) {
    return unlocked((err as Error).message);
  }
  const taken = await acquireLock(dirname(storePath), {
    staleMs: STALE_MS,
    env,
    file: historyLockFile(storePath),
  });
  if (!taken.ok) {
    if (taken.code === 'lock-error') return unlocked(taken.message);
    const h = taken.holder;
    return {
      ok: false,
      problem: `${storePath} is in use by another rotwatch check (pid ${h.pid} on ${h.hostname}, since ${h.startedAt}): one run at a time writes a history. Wait for it to end, or give this run another --store. (The lock, ${taken.path}, is taken over at once when left by a process killed on this host; from another host, after 3 minutes without a heartbeat.)`,
    };
  }
  return { ok: true, release: held(storePath, taken.lock, log) };
}

/**
 * The lock environment: our own pid in a lock file is a live holder only while this process
 * holds that lock (two runs in one process, as tests and the library make). Otherwise it was
 * left by an earlier process that had our pid (a container restarted after a kill often gets
 * the same pid and host name): stale.
 */
function lockEnvFor(storePath: string): LockEnv {
  const env = defaultLockEnv();
  return {
    ...env,
    isAlive: (pid) => (pid === env.pid ? (heldHere.get(storePath) ?? 0) > 0 : processIsAlive(pid)),
  };
}

function held(
  storePath: string,
  lock: HeldLock,
  log: { warn: (o: object, m: string) => void; error: (o: object, m: string) => void },
): () => Promise<void> {
  heldHere.set(storePath, (heldHere.get(storePath) ?? 0) + 1);
  const heartbeat = startHeartbeat(lock, HEARTBEAT_MS, log);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    const n = (heldHere.get(storePath) ?? 1) - 1;
    if (n > 0) heldHere.set(storePath, n);
    else heldHere.delete(storePath);
    await lock.release();
  };
}
