import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyLockFile, lockHistory } from '../../src/check/run-lock.js';

const log = { warn: () => undefined, error: () => undefined };
let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});

async function storePath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rotwatch-lock-'));
  dirs.push(dir);
  return join(dir, 'reports', 'history.sqlite');
}

/** A lock file as a process that died without releasing it left it. */
async function leftBy(path: string, pid: number): Promise<void> {
  const at = new Date().toISOString();
  await writeFile(
    join(path, '..', historyLockFile(path)),
    JSON.stringify({ pid, hostname: hostname(), startedAt: at, heartbeatAt: at, token: 'old' }),
  );
}

describe('lockHistory', () => {
  it('one run at a time: a second run (here, in the same process) is refused, naming the holder', async () => {
    const path = await storePath();
    const first = await lockHistory(path, log);
    expect(first.ok).toBe(true);
    const second = await lockHistory(path, log);
    expect(second).toMatchObject({ ok: false });
    expect(second.ok ? '' : second.problem).toContain(
      `is in use by another rotwatch check (pid ${process.pid}`,
    );
    if (first.ok) await first.release();
    const third = await lockHistory(path, log);
    expect(third.ok).toBe(true);
    if (third.ok) await third.release();
  });

  it('takes over a lock left by a process killed on this host (its pid no longer runs)', async () => {
    const path = await storePath();
    await lockHistory(path, log).then((l) => (l.ok ? l.release() : undefined));
    await leftBy(path, 2 ** 22 + 12345);
    const taken = await lockHistory(path, log);
    expect(taken.ok).toBe(true);
    if (taken.ok) await taken.release();
  });

  it('takes over a lock with our own pid that this process does not hold (a restarted container)', async () => {
    const path = await storePath();
    await lockHistory(path, log).then((l) => (l.ok ? l.release() : undefined));
    await leftBy(path, process.pid);
    const taken = await lockHistory(path, log);
    expect(taken.ok).toBe(true);
    const lock = JSON.parse(await readFile(join(path, '..', historyLockFile(path)), 'utf8'));
    expect(lock.token).not.toBe('old');
    if (taken.ok) await taken.release();
  });

  it('a lock file that cannot be made leaves the run to the history: unlocked, said why', async () => {
    const path = await storePath();
    // A file where the history's folder should be: the store cannot be opened there either.
    await writeFile(join(path, '..', '..', 'blocked'), 'a file');
    const taken = await lockHistory(join(path, '..', '..', 'blocked', 'history.sqlite'), log);
    expect(taken).toMatchObject({ ok: true, unlocked: expect.stringMatching(/./) });
  });
});
