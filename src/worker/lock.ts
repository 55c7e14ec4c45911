import { randomUUID } from 'node:crypto';
import { open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const LOCK_FILE = '.rotwatch.lock';

/** What the lock file holds (JSON). */
export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Refreshed while the holder lives; staleness is judged on it. */
  heartbeatAt: string;
  /** Distinguishes two holders with the same pid (pid reuse, tests in one process). */
  token: string;
}

export interface LockEnv {
  pid: number;
  hostname: string;
  now: () => Date;
  /** Whether a pid is alive on this host. */
  isAlive: (pid: number) => boolean;
}

export type LockOutcome =
  | { ok: true; lock: HeldLock; recovered: LockInfo | null }
  | { ok: false; code: 'lock-held'; holder: LockInfo; path: string }
  | { ok: false; code: 'lock-error'; message: string; path: string };

export interface HeldLock {
  readonly path: string;
  readonly info: LockInfo;
  /** Rewrite the heartbeat; false if the lock is no longer ours. */
  refresh(): Promise<boolean>;
  /** Remove the lock file if it is still ours. */
  release(): Promise<void>;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const defaultLockEnv = (): LockEnv => ({
  pid: process.pid,
  hostname: osHostname(),
  now: () => new Date(),
  isAlive: processIsAlive,
});

/** Pure: is this lock abandoned? Dead pid on this host, or a heartbeat older than the bound. */
export function isStale(holder: LockInfo, env: LockEnv, staleMs: number): boolean {
  if (holder.hostname === env.hostname && !env.isAlive(holder.pid)) return true;
  const beat = Date.parse(holder.heartbeatAt || holder.startedAt);
  if (Number.isNaN(beat)) return true;
  return env.now().getTime() - beat > staleMs;
}

function parseLock(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid !== 'number' || typeof v.hostname !== 'string') return null;
    if (typeof v.startedAt !== 'string') return null;
    return {
      pid: v.pid,
      hostname: v.hostname,
      startedAt: v.startedAt,
      heartbeatAt: typeof v.heartbeatAt === 'string' ? v.heartbeatAt : v.startedAt,
      token: typeof v.token === 'string' ? v.token : '',
    };
  } catch {
    return null;
  }
}

export async function readLock(dir: string, file = LOCK_FILE): Promise<LockInfo | null> {
  try {
    return parseLock(await readFile(join(dir, file), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Take the reports directory's lock (O_EXCL create), or another lock file in `dir` (`file`). A
 * stale lock is moved aside and the create retried once; a live one is reported with its holder.
 */
export async function acquireLock(
  dir: string,
  opts: { staleMs: number; env?: LockEnv; file?: string },
): Promise<LockOutcome> {
  const env = opts.env ?? defaultLockEnv();
  const path = join(dir, opts.file ?? LOCK_FILE);
  let recovered: LockInfo | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    const startedAt = env.now().toISOString();
    const info: LockInfo = {
      pid: env.pid,
      hostname: env.hostname,
      startedAt,
      heartbeatAt: startedAt,
      token: randomUUID(),
    };
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(`${JSON.stringify(info, null, 2)}\n`);
      } finally {
        await fh.close();
      }
      return { ok: true, lock: heldLock(path, info, env), recovered };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        return { ok: false, code: 'lock-error', path, message: (err as Error).message };
      }
    }
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) continue; // released in between: try again
    const holder = parseLock(text);
    if (holder && !isStale(holder, env, opts.staleMs)) {
      return { ok: false, code: 'lock-held', holder, path };
    }
    if (!holder) {
      // Half-written by a holder that is creating it right now, or garbage left by a crash.
      const age = await stat(path).then(
        (s) => env.now().getTime() - s.mtimeMs,
        () => 0,
      );
      if (age < 5_000) {
        const unknown = { pid: 0, hostname: '?', startedAt: '?', heartbeatAt: '?', token: '' };
        return { ok: false, code: 'lock-held', holder: unknown, path };
      }
    }
    // Move the stale lock aside; if what we moved is not what we judged (another worker
    // recovered and locked in between), we have no lock: report it held.
    const aside = `${path}.stale-${env.pid}-${Date.now()}`;
    try {
      await rename(path, aside);
    } catch {
      continue;
    }
    const moved = await readFile(aside, 'utf8').catch(() => null);
    if (moved !== text) {
      await rename(aside, path).catch(() => undefined);
      const other = (moved && parseLock(moved)) || holder;
      if (other) return { ok: false, code: 'lock-held', holder: other, path };
    }
    await unlink(aside).catch(() => undefined);
    recovered = holder;
  }
  return { ok: false, code: 'lock-error', path, message: 'could not take the lock' };
}

function heldLock(path: string, info: LockInfo, env: LockEnv): HeldLock {
  const ours = async () => (await readLock(dirname(path), basename(path)))?.token === info.token;
  return {
    path,
    info,
    async refresh() {
      if (!(await ours())) return false;
      info.heartbeatAt = env.now().toISOString();
      // Plain rewrite of our own file: a torn write is at worst judged by its mtime above.
      await writeFile(path, `${JSON.stringify(info, null, 2)}\n`);
      return true;
    },
    async release() {
      if (await ours()) await unlink(path).catch(() => undefined);
    },
  };
}

/** Refresh the lock's heartbeat every `everyMs` (unref'd: never keeps the process alive). */
export function startHeartbeat(
  lock: HeldLock,
  everyMs: number,
  log: { warn: (o: object, m: string) => void; error: (o: object, m: string) => void },
): NodeJS.Timeout {
  const timer = setInterval(() => {
    lock.refresh().then(
      (ours) => {
        if (!ours)
          log.error({ event: 'lock-lost', path: lock.path }, 'the worker lock was taken away');
      },
      (err) =>
        log.warn(
          { event: 'lock-refresh-failed', err: (err as Error).message },
          'could not refresh the lock',
        ),
    );
  }, everyMs);
  timer.unref();
  return timer;
}
