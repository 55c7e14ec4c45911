import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStatusCommand } from '../../src/cli/status.js';
import { LOCK_FILE } from '../../src/worker/lock.js';
import { nextDue, STATUS_FILE, type WorkerStatus } from '../../src/worker/status.js';
import { captureIO } from '../support/io.js';
import { tempDir } from './support.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

function statusFile(extra: Partial<WorkerStatus> = {}): WorkerStatus {
  return {
    schema: 'rotwatch/worker-status@1',
    schedule: { cron: '0 6 * * 1', timezone: 'Europe/Paris' },
    worker: {
      pid: 999_999,
      hostname: 'elsewhere',
      startedAt: '2026-11-01T00:00:00.000Z',
      stoppedAt: '2026-11-24T00:00:00.000Z',
    },
    lastRun: {
      runId: 'r1',
      trigger: 'scheduled',
      pid: 999_999,
      startedAt: '2026-11-23T05:00:00.000Z',
      finishedAt: '2026-11-23T05:12:03.000Z',
      durationMs: 723_000,
      outcome: 'failures',
      exitCode: 1,
      complete: true,
      summary: { ok: 40, redirected: 2, dead: 3, error: 1, blocked: 0, skipped: 0, total: 46 },
      newFailures: 1,
      fixed: 2,
      error: null,
      delivery: [
        {
          channel: 'email',
          status: 'sent',
          attempts: 1,
          code: null,
          message: null,
          at: '2026-11-23T05:12:04.000Z',
        },
      ],
    },
    lastCrash: null,
    nextDueAt: '2099-01-05T05:00:00.000Z',
    skippedTicks: 0,
    updatedAt: '2026-11-23T05:12:04.000Z',
    ...extra,
  };
}

async function run(status: WorkerStatus | null, json = false, lock?: object) {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  if (status) await writeFile(join(dir, STATUS_FILE), JSON.stringify(status));
  if (lock) await writeFile(join(dir, LOCK_FILE), JSON.stringify(lock));
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    cwd: dir,
    isTTY: false,
  };
  const code = await runStatusCommand({ reportDir: '.', json }, io);
  return { code, out: out.join(''), err: err.join('') };
}

describe('rotwatch status', () => {
  it('says when the last run happened, how it ended, and when the next is due', async () => {
    const { code, out } = await run(statusFile());
    expect(code).toBe(0);
    expect(out).toMatch(/Last run:\s+Mon, 23 Nov 2026, 06:00 CET \(scheduled\), took 12m 3s/);
    expect(out).toMatch(/Outcome:\s+failures; exit 1; 46 links: 3 dead \(1 new\)/);
    expect(out).toMatch(/Delivery:\s+email sent/);
    expect(out).toMatch(/Next run:\s+Mon, .* 06:00 CET if a worker is running then/);
    expect(out).toMatch(/Worker:\s+not running \(stopped 2026-11-24/);
  });

  it('--json computes the next due time from cron and time zone', async () => {
    const at = new Date().toISOString();
    const lock = {
      pid: process.pid,
      hostname: hostname(),
      startedAt: at,
      heartbeatAt: at,
      token: 't',
    };
    const { code, out } = await run(statusFile(), true, lock);
    expect(code).toBe(0);
    const parsed = JSON.parse(out);
    const due = new Date(parsed.nextDueAt);
    expect(due.getTime()).toBeGreaterThan(Date.now());
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(due);
    expect(local).toBe('Mon 06:00');
    expect(parsed).toMatchObject({ healthy: true, problems: [], workerRunning: true });
  });

  it('flags a crashed run and a failed delivery with exit 1', async () => {
    const s = statusFile();
    s.lastRun!.delivery = [
      {
        channel: 'webhook',
        status: 'failed',
        attempts: 4,
        code: 'http-502',
        message: 'bad gateway',
        at: s.lastRun!.startedAt,
      },
    ];
    s.lastCrash = {
      ...s.lastRun!,
      startedAt: '2026-11-16T05:00:00.000Z',
      outcome: 'crashed',
      finishedAt: null,
    };
    const { code, out } = await run(s);
    expect(code).toBe(1);
    expect(out).toMatch(/webhook FAILED \(http-502: bad gateway\) after 4 attempts/);
    expect(out).toMatch(/Crashed:\s+the run started 2026-11-16T05:00:00.000Z did not finish/);
    expect(out).toMatch(/Attention: webhook delivery failed/);
  });

  it('a worker stopped cleanly is no alarm, even once a run is due; one that vanished is', async () => {
    const interrupted = statusFile({ nextDueAt: '2026-11-30T05:00:00.000Z' });
    interrupted.lastRun = { ...interrupted.lastRun!, outcome: 'interrupted', complete: false };
    const stopped = await run(interrupted);
    expect(stopped.code).toBe(0);
    expect(stopped.out).toMatch(/Stopped:\s+cleanly/);
    expect(stopped.out).not.toContain('Attention');

    const vanished = statusFile({ nextDueAt: '2026-11-30T05:00:00.000Z' });
    vanished.worker = { ...vanished.worker!, stoppedAt: null };
    const gone = await run(vanished);
    expect(gone.code).toBe(1);
    expect(gone.out).toMatch(/Attention: a run was due 2026-11-30T05:00:00.000Z but no worker/);
  });

  it('exits 2 when there is no status file', async () => {
    const { code, err } = await run(null);
    expect(code).toBe(2);
    expect(err).toMatch(/no worker status/);
  });

  it('exits 2 for a damaged status file, and says so: monitoring must not take it for none', async () => {
    for (const text of ['{"schema": "rotwatch/worker-status@1", "last', '{"hello": 1}']) {
      const { dir, cleanup } = await tempDir();
      cleanups.push(cleanup);
      await writeFile(join(dir, STATUS_FILE), text);
      const io = captureIO(dir);
      expect(await runStatusCommand({ reportDir: '.' }, io)).toBe(2);
      expect(io.err).toMatch(/worker-status\.json is not usable: (not JSON|not a rotwatch)/);
    }
  });

  it('nextDue honours the time zone', () => {
    const due = nextDue('0 6 * * 1', 'America/New_York')!;
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(due);
    expect(local).toBe('Mon 06:00');
  });
});
