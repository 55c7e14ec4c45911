import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireLock,
  defaultLockEnv,
  isStale,
  LOCK_FILE,
  type LockInfo,
} from '../../src/worker/lock.js';
import { tempDir } from './support.js';

/** The pid of a process that has exited (real, not guessed). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid!;
  await new Promise((r) => child.on('exit', r));
  return pid;
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});
async function dir() {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('lock file', () => {
  it('is created with pid, hostname and start time, refuses a second holder, and is released', async () => {
    const d = await dir();
    const first = await acquireLock(d, { staleMs: 60_000 });
    expect(first.ok).toBe(true);
    const info = JSON.parse(await readFile(join(d, LOCK_FILE), 'utf8')) as LockInfo;
    expect(info.pid).toBe(process.pid);
    expect(info.hostname).toBe(hostname());
    expect(Number.isNaN(Date.parse(info.startedAt))).toBe(false);

    const second = await acquireLock(d, { staleMs: 60_000 });
    expect(second).toMatchObject({ ok: false, code: 'lock-held', holder: { pid: process.pid } });

    if (first.ok) await first.lock.release();
    await expect(readFile(join(d, LOCK_FILE))).rejects.toThrow();
    const third = await acquireLock(d, { staleMs: 60_000 });
    expect(third.ok).toBe(true);
    if (third.ok) await third.lock.release();
  });

  it('recovers a lock left by a dead process on this host', async () => {
    const d = await dir();
    const pid = await deadPid();
    const now = new Date().toISOString();
    const stale = { pid, hostname: hostname(), startedAt: now, heartbeatAt: now, token: 'x' };
    await writeFile(join(d, LOCK_FILE), JSON.stringify(stale));
    const got = await acquireLock(d, { staleMs: 60_000 });
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.recovered?.pid).toBe(pid);
    const info = JSON.parse(await readFile(join(d, LOCK_FILE), 'utf8')) as LockInfo;
    expect(info.pid).toBe(process.pid);
    await got.lock.release();
  });

  it('does not release a lock that another holder took over', async () => {
    const d = await dir();
    const got = await acquireLock(d, { staleMs: 60_000 });
    if (!got.ok) throw new Error('no lock');
    const other = { ...got.lock.info, token: 'someone-else' };
    await writeFile(join(d, LOCK_FILE), JSON.stringify(other));
    expect(await got.lock.refresh()).toBe(false);
    await got.lock.release();
    const still = JSON.parse(await readFile(join(d, LOCK_FILE), 'utf8')) as LockInfo;
    expect(still.token).toBe('someone-else');
  });
});

describe('isStale', () => {
  const env = {
    ...defaultLockEnv(),
    now: () => new Date('2026-11-28T12:00:00Z'),
    isAlive: () => true,
  };
  const base: LockInfo = {
    pid: 1234,
    hostname: 'other-host',
    startedAt: '2026-11-20T00:00:00Z',
    heartbeatAt: '2026-11-28T11:59:00Z',
    token: 't',
  };
  it('keeps a lock on another host with a recent heartbeat', () => {
    expect(isStale(base, env, 10 * 60_000)).toBe(false);
  });
  it('drops a lock whose heartbeat is older than the bound', () => {
    expect(isStale({ ...base, heartbeatAt: '2026-11-28T10:00:00Z' }, env, 10 * 60_000)).toBe(true);
  });
  it('drops a lock of a dead pid on this host, however recent', () => {
    const here = { ...env, isAlive: () => false };
    expect(isStale({ ...base, hostname: env.hostname }, here, 10 * 60_000)).toBe(true);
    expect(isStale({ ...base, hostname: env.hostname }, env, 10 * 60_000)).toBe(false);
  });
});
