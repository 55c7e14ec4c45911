import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimSnapshot, claimWindowMs } from '../../src/scale/snapshot-claim.js';
import { runSnapshotReport } from '../../src/scale/snapshot-report.js';
import { openPostgresStore } from '../../src/store/index.js';
import { readStatus } from '../../src/worker/status.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';
import { until } from '../worker/support.js';
import { CHECK, type FlipWeb, startFlipWeb, withDueWorker } from './flip-web.js';

const server = pgTestUrl();
const DAY = 86_400_000;

describe('claimWindowMs', () => {
  it('is half the gap between the schedule’s next two ticks', () => {
    expect(claimWindowMs('0 6 * * 1', 'UTC')).toBe(3.5 * DAY);
    expect(claimWindowMs('0 6 * * *', 'Europe/Paris')).toBe(DAY / 2);
    expect(claimWindowMs('*/1 * * * * *', 'UTC')).toBe(500);
    expect(claimWindowMs('not a schedule', 'UTC')).toBeNull();
  });
});

describe.runIf(server)('one snapshot per tick among the workers of a store', () => {
  let flip: FlipWeb;
  beforeAll(async () => {
    flip = await startFlipWeb('rotwatch-snapshot-claim-');
  });
  afterAll(async () => {
    await flip?.close();
  });

  it('gives a claim to one claimant at a time, within the window; never blocks a claimant itself', async () => {
    const opened = await openPostgresStore(await freshDatabase(server as string));
    if (!opened.ok) throw new Error(opened.error.message);
    const db = opened.store.db;
    try {
      const hour = 3_600_000;
      const claims = await Promise.all(
        ['a', 'b', 'c', 'd'].map((claimant) =>
          claimSnapshot(db, 'cat', { windowMs: hour, claimant }),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = ['a', 'b', 'c', 'd'][claims.indexOf(true)] as string;
      // The winner's own late tick (or a retried statement) keeps it; the others stay out.
      expect(await claimSnapshot(db, 'cat', { windowMs: hour, claimant: winner })).toBe(true);
      const other = winner === 'a' ? 'b' : 'a';
      expect(await claimSnapshot(db, 'cat', { windowMs: hour, claimant: other })).toBe(false);
      // Another catalogue is another claim; past the window, the next tick claims anew.
      expect(await claimSnapshot(db, 'other', { windowMs: hour, claimant: other })).toBe(true);
      await db.query("UPDATE snapshot_claims SET taken_at = now() - interval '2 hours'");
      expect(await claimSnapshot(db, 'cat', { windowMs: hour, claimant: other })).toBe(true);
    } finally {
      await opened.store.close();
    }
  });

  it('a worker whose tick another worker took writes, records and returns no report', async () => {
    const url = await freshDatabase(server as string);
    flip.setFlip(200);
    expect((await flip.check(url, 'reports-run')).problems).toEqual([]);
    const snapshot = (claimant: string, reportDir: string) =>
      runSnapshotReport({
        cwd: flip.dir,
        inputs: ['links.txt'],
        overrides: { ...CHECK, store: url, reportDir },
        claim: { windowMs: 3_600_000, claimant },
      });
    const first = await snapshot('worker-1', 'reports-1');
    expect(first.takenElsewhere).toBeUndefined();
    expect(first.report?.links).toHaveLength(3);
    const second = await snapshot('worker-2', 'reports-2');
    expect(second).toMatchObject({ report: null, exitCode: 0, written: [], takenElsewhere: true });
    expect(await readdir(join(flip.dir, 'reports-2')).catch(() => [])).toEqual([]);
    const opened = await openPostgresStore(url);
    if (!opened.ok) throw new Error(opened.error.message);
    const runs = await opened.store.readRuns(10);
    await opened.store.close();
    // The whole run, then one snapshot: the second worker's tick is not in the run list.
    expect(runs.map((r) => r.id.startsWith('snapshot-'))).toEqual([false, true]);
  });

  it('two due-only workers on one schedule: a tick’s snapshot is taken by one of them', async () => {
    const url = await freshDatabase(server as string);
    flip.setFlip(200);
    expect((await flip.check(url, 'reports-w0')).problems).toEqual([]);
    const dirs = ['reports-wa', 'reports-wb'].map((d) => join(flip.dir, d));
    await withDueWorker(flip, { store: url, reportDir: dirs[0] as string }, () =>
      withDueWorker(flip, { store: url, reportDir: dirs[1] as string }, async () => {
        // Both tick every second; the one that lost a tick's claim says so in its status.
        const lost = await until(async () => {
          const all = await Promise.all(dirs.map((d) => readStatus(d)));
          return all.find((s) => s?.lastRun?.outcome === 'taken-elsewhere') ?? null;
        }, 20);
        expect(lost.lastRun?.delivery).toEqual([]);
      }),
    );
  }, 60_000);
});
