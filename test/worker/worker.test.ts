import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { access, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runWorkerCommand } from '../../src/cli/worker.js';
import type { Report } from '../../src/model/index.js';
import { LOCK_FILE } from '../../src/worker/lock.js';
import { newRunRecord } from '../../src/worker/run-record.js';
import { readStatus, STATUS_FILE, type WorkerStatus } from '../../src/worker/status.js';
import { startWorker, type WorkerOptions } from '../../src/worker/worker.js';
import { memoryLogger, renderers, standInCheck, tempDir, until } from './support.js';

const EVERY_SECOND = '*/1 * * * * *';
const NEVER_SOON = '0 0 1 1 *';

let cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function setup() {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function options(dir: string, extra: Partial<WorkerOptions> = {}): WorkerOptions {
  return {
    reportDir: dir,
    cron: EVERY_SECOND,
    timezone: 'Europe/Paris',
    runNow: false,
    notify: 'always',
    shutdownGraceMs: 2_000,
    lockStaleMs: 60_000,
    check: { cwd: dir },
    delivery: {},
    env: {},
    ...extra,
  };
}

async function start(
  opts: WorkerOptions,
  check: { runCheck: ReturnType<typeof standInCheck>['runCheck'] },
) {
  const { logger, lines } = memoryLogger();
  const got = await startWorker(opts, { runCheck: check.runCheck, renderers, logger });
  if (!got.ok) throw new Error(got.message);
  cleanups.push(() => got.worker.stop('test over'));
  return { worker: got.worker, lines };
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

describe('worker', () => {
  it('runs on its schedule, writes the status file and logs one line per run', async () => {
    const dir = await setup();
    const check = standInCheck(dir, { delayMs: 10 });
    const { worker, lines } = await start(options(dir), check);
    const status = await until(async () => {
      const s = await readStatus(dir);
      return s?.lastRun?.outcome === 'ok' ? s : null;
    });
    await worker.stop('done');
    expect(check.calls.length).toBeGreaterThanOrEqual(1);
    expect(check.calls[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(status.lastRun).toMatchObject({ trigger: 'scheduled', exitCode: 0, complete: true });
    expect(status.lastRun?.finishedAt).not.toBeNull();
    expect(status.schedule).toEqual({ cron: EVERY_SECOND, timezone: 'Europe/Paris' });
    expect(Date.parse(status.nextDueAt ?? '')).toBeGreaterThan(
      Date.parse(status.lastRun!.startedAt),
    );
    const finished = lines.filter((l) => l.event === 'run-finished');
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(finished[0]).toMatchObject({ outcome: 'ok', exitCode: 0, summary: { total: 1, ok: 1 } });
    expect(typeof finished[0]?.durationMs).toBe('number');
    expect(await exists(join(dir, LOCK_FILE))).toBe(false);
  });

  it('skips ticks while a run is in progress and never runs two checks at once', async () => {
    const dir = await setup();
    const check = standInCheck(dir, { delayMs: 1_400 });
    const { worker, lines } = await start(options(dir), check);
    await until(() => lines.some((l) => l.event === 'tick-skipped'));
    await until(() => lines.some((l) => l.event === 'run-finished'));
    await worker.stop('done');
    expect(check.maxConcurrent()).toBe(1);
    const status = (await readStatus(dir)) as WorkerStatus;
    expect(status.skippedTicks).toBeGreaterThanOrEqual(1);
    expect(worker.status().skippedTicks).toBe(
      lines.filter((l) => l.event === 'tick-skipped').length,
    );
  });

  it('refuses a second worker on the same reports directory', async () => {
    const dir = await setup();
    const check = standInCheck(dir, { delayMs: 10 });
    await start(options(dir, { cron: NEVER_SOON }), check);
    const { logger } = memoryLogger();
    const second = await startWorker(options(dir, { cron: NEVER_SOON }), {
      runCheck: check.runCheck,
      renderers,
      logger,
    });
    expect(second).toMatchObject({ ok: false, code: 'lock-held', holder: { pid: process.pid } });

    // The command says so and exits 2.
    const err: string[] = [];
    const io = {
      stdout: () => undefined,
      stderr: (t: string) => err.push(t),
      cwd: dir,
      isTTY: false,
    };
    const code = await runWorkerCommand({ reportDir: dir, cron: NEVER_SOON }, io, {
      runCheck: check.runCheck,
      renderers,
      logger,
      signals: new EventEmitter(),
    });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/another rotwatch worker holds .*\.rotwatch\.lock \(pid \d+/);
  });

  it('recovers a stale lock left by a dead process', async () => {
    const dir = await setup();
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => child.on('exit', r));
    const at = new Date().toISOString();
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({
        pid: child.pid,
        hostname: hostname(),
        startedAt: at,
        heartbeatAt: at,
        token: 'old',
      }),
    );
    const { lines } = await start(
      options(dir, { cron: NEVER_SOON }),
      standInCheck(dir, { delayMs: 10 }),
    );
    expect(lines.find((l) => l.event === 'stale-lock-recovered')).toMatchObject({
      previous: { pid: child.pid },
    });
    const lock = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'));
    expect(lock.pid).toBe(process.pid);
  });

  it('on stop mid-run: aborts the check, keeps the partial report flagged incomplete, releases the lock', async () => {
    const dir = await setup();
    const check = standInCheck(dir, { delayMs: 60_000, links: [] });
    const { worker, lines } = await start(options(dir, { cron: NEVER_SOON, runNow: true }), check);
    await check.started(1);
    expect(worker.isBusy()).toBe(true);
    const result = await worker.stop('SIGTERM');
    expect(result).toEqual({ aborted: true, timedOut: false });
    expect(check.calls[0]?.signal?.aborted).toBe(true);
    const report = JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')) as Report;
    expect(report.run.complete).toBe(false);
    const status = (await readStatus(dir)) as WorkerStatus;
    expect(status.lastRun).toMatchObject({
      outcome: 'interrupted',
      complete: false,
      trigger: 'startup',
    });
    expect(status.worker?.stoppedAt).not.toBeNull();
    expect(await exists(join(dir, LOCK_FILE))).toBe(false);
    expect(lines.some((l) => l.event === 'worker-stopped')).toBe(true);
    // No new run after stop.
    expect(await worker.trigger('manual')).toBeNull();
  });

  it('gives up on a check that ignores the abort after the grace bound and still releases the lock', async () => {
    const dir = await setup();
    const check = standInCheck(dir, { delayMs: 400, ignoreAbort: true });
    const { worker } = await start(
      options(dir, { cron: NEVER_SOON, runNow: true, shutdownGraceMs: 50 }),
      check,
    );
    await check.started(1);
    expect(await worker.stop('SIGTERM')).toEqual({ aborted: true, timedOut: true });
    expect(await exists(join(dir, LOCK_FILE))).toBe(false);
    const status = (await readStatus(dir)) as WorkerStatus;
    expect(status.lastRun?.outcome).toBe('interrupted');
    expect(status.lastRun?.error).toMatch(/did not stop within 50 ms/);
    // When the abandoned check returns at last, its result changes nothing.
    await until(() => check.completed() === 1);
    await new Promise((r) => setImmediate(r));
    expect(worker.status().lastRun).toMatchObject({ outcome: 'interrupted', delivery: [] });
    const after = (await readStatus(dir)) as WorkerStatus;
    expect(after.lastRun).toMatchObject({ outcome: 'interrupted', delivery: [] });
  });

  it('detects a run its crashed predecessor left unfinished, and resumes it at once', async () => {
    const dir = await setup();
    const crashed: WorkerStatus = {
      schema: 'rotwatch/worker-status@1',
      schedule: { cron: NEVER_SOON, timezone: 'UTC' },
      worker: {
        pid: 999_999,
        hostname: hostname(),
        startedAt: '2026-11-16T05:00:00.000Z',
        stoppedAt: null,
      },
      // A run that was still going when its worker died.
      lastRun: newRunRecord('scheduled', new Date('2026-11-16T05:00:00.000Z'), 999_999),
      lastCrash: null,
      nextDueAt: null,
      skippedTicks: 0,
      updatedAt: '2026-11-16T05:00:01.000Z',
    };
    await writeFile(join(dir, STATUS_FILE), JSON.stringify(crashed));
    const check = standInCheck(dir, { delayMs: 10 });
    // No --run-now: the unfinished run is reason enough to run at start.
    const { worker, lines } = await start(options(dir, { cron: NEVER_SOON, runNow: false }), check);
    expect(lines.find((l) => l.event === 'previous-run-crashed')).toMatchObject({
      startedAt: '2026-11-16T05:00:00.000Z',
    });
    await until(() => lines.some((l) => l.event === 'run-finished'));
    expect(check.calls.map((c) => c.resume)).toEqual(['auto']);
    await worker.stop('done');
    const status = (await readStatus(dir)) as WorkerStatus;
    expect(status.lastCrash).toMatchObject({
      outcome: 'crashed',
      startedAt: '2026-11-16T05:00:00.000Z',
    });
    expect(status.lastRun?.outcome).toBe('ok');
  });

  it('runWorkerCommand: SIGTERM mid-run stops cleanly and resolves 0', async () => {
    const dir = await setup();
    const check = standInCheck(dir, { delayMs: 60_000 });
    const signals = new EventEmitter();
    const { logger, lines } = memoryLogger();
    const io = { stdout: () => undefined, stderr: () => undefined, cwd: dir, isTTY: false };
    const done = runWorkerCommand(
      { reportDir: 'reports', cron: NEVER_SOON, runNow: true, timezone: 'UTC' },
      io,
      {
        runCheck: check.runCheck,
        renderers,
        logger,
        signals,
      },
    );
    await check.started(1);
    signals.emit('SIGTERM');
    expect(await done).toBe(0);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
    expect(await exists(join(dir, 'reports', LOCK_FILE))).toBe(false);
    const status = (await readStatus(join(dir, 'reports'))) as WorkerStatus;
    expect(status.lastRun?.outcome).toBe('interrupted');
    expect(lines.find((l) => l.event === 'signal')).toMatchObject({ signal: 'SIGTERM' });
  });

  it('runWorkerCommand: a second signal exits at once with 1', async () => {
    const dir = await setup();
    await writeFile(join(dir, 'rotwatch.config.yaml'), 'worker:\n  shutdownGraceMs: 300\n');
    const check = standInCheck(dir, { delayMs: 1_000, ignoreAbort: true });
    const signals = new EventEmitter();
    const io = { stdout: () => undefined, stderr: () => undefined, cwd: dir, isTTY: false };
    const done = runWorkerCommand({ cron: NEVER_SOON, runNow: true }, io, {
      runCheck: check.runCheck,
      renderers,
      logger: memoryLogger().logger,
      signals,
    });
    await check.started(1);
    signals.emit('SIGINT');
    signals.emit('SIGTERM');
    expect(await done).toBe(1);
    expect(signals.listenerCount('SIGINT')).toBe(0);
    // The graceful stop still finishes in the background and releases the lock.
    await until(async () => !(await exists(join(dir, 'reports', LOCK_FILE))));
  });

  it('rejects a bad cron expression or time zone with exit 2', async () => {
    const dir = await setup();
    const err: string[] = [];
    const io = {
      stdout: () => undefined,
      stderr: (t: string) => err.push(t),
      cwd: dir,
      isTTY: false,
    };
    const deps = {
      ...standInCheck(dir, { delayMs: 1 }),
      renderers,
      signals: new EventEmitter(),
      logger: memoryLogger().logger,
    };
    expect(await runWorkerCommand({ cron: 'not a cron' }, io, deps)).toBe(2);
    expect(await runWorkerCommand({ timezone: 'Mars/Olympus' }, io, deps)).toBe(2);
    expect(err.join('')).toMatch(
      /--cron "not a cron": not a valid cron expression[\s\S]*--timezone "Mars\/Olympus": not a known IANA time zone/,
    );
  });
});
