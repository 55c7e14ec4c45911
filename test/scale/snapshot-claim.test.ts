import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimSnapshot,
  claimWindowMs,
  holdClaim,
  type SnapshotClaim,
} from '../../src/scale/snapshot-claim.js';
import { runSnapshotReport, type SnapshotJob } from '../../src/scale/snapshot-report.js';
import { openPostgresStore } from '../../src/store/index.js';
import { PG_MIGRATIONS } from '../../src/store/postgres-schema.js';
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
  /** A fresh shared store the whole catalogue was checked into (reports in `reportDir`). */
  const checkedStore = async (reportDir: string) => {
    const url = await freshDatabase(server as string);
    flip.setFlip(200);
    expect((await flip.check(url, reportDir)).problems).toEqual([]);
    return url;
  };
  /** A due-only worker's scheduled snapshot of the store `store`, claiming as `claimant`. */
  const snapshotAs = (
    store: string,
    claimant: string,
    reportDir: string,
    claim: Partial<SnapshotClaim> = {},
    extra: Partial<SnapshotJob> = {},
  ) =>
    runSnapshotReport({
      cwd: flip.dir,
      inputs: ['links.txt'],
      overrides: { ...CHECK, store, reportDir },
      claim: { windowMs: 3_600_000, claimant, ...claim },
      ...extra,
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
      expect(claims.filter((c) => c === 'taken')).toHaveLength(1);
      expect(claims.filter((c) => c === 'held-elsewhere')).toHaveLength(3);
      const winner = ['a', 'b', 'c', 'd'][claims.indexOf('taken')] as string;
      // The winner's own late tick (or a retried statement) keeps it; the others stay out.
      expect(await claimSnapshot(db, 'cat', { windowMs: hour, claimant: winner })).toBe('taken');
      const other = winner === 'a' ? 'b' : 'a';
      expect(await claimSnapshot(db, 'cat', { windowMs: hour, claimant: other })).toBe(
        'held-elsewhere',
      );
      // Another catalogue is another claim; past the window, the next tick claims anew.
      expect(await claimSnapshot(db, 'other', { windowMs: hour, claimant: other })).toBe('taken');
      await db.query("UPDATE snapshot_claims SET taken_at = now() - interval '2 hours'");
      expect(await claimSnapshot(db, 'cat', { windowMs: hour, claimant: other })).toBe('taken');
    } finally {
      await opened.store.close();
    }
  });

  it('passes a claim on when its holder fails or goes silent, never once its report is sent', async () => {
    const opened = await openPostgresStore(await freshDatabase(server as string));
    if (!opened.ok) throw new Error(opened.error.message);
    const db = opened.store.db;
    const claim = (claimant: string) => ({ windowMs: 3_600_000, claimant, staleMs: 60_000 });
    try {
      // Sent: the others learn it is done and stand down.
      expect(await claimSnapshot(db, 'sent', claim('a'))).toBe('taken');
      await holdClaim(db, 'sent', claim('a')).end('done');
      expect(await claimSnapshot(db, 'sent', claim('b'))).toBe('done-elsewhere');
      // Failed: released, the next worker to check takes it.
      expect(await claimSnapshot(db, 'failed', claim('a'))).toBe('taken');
      await holdClaim(db, 'failed', claim('a')).end('failed');
      expect(await claimSnapshot(db, 'failed', claim('b'))).toBe('taken');
      // Silent past staleMs while unfinished (its holder died): taken over.
      expect(await claimSnapshot(db, 'silent', claim('a'))).toBe('taken');
      expect(await claimSnapshot(db, 'silent', claim('b'))).toBe('held-elsewhere');
      await db.query(
        "UPDATE snapshot_claims SET alive_at = now() - interval '2 minutes' WHERE key = 'silent'",
      );
      expect(await claimSnapshot(db, 'silent', claim('b'))).toBe('taken');
      // A holder marking its claim alive keeps it: silent for two minutes, then marked again.
      const holder = { ...claim('c'), aliveMs: 20 };
      expect(await claimSnapshot(db, 'alive', holder)).toBe('taken');
      await db.query(
        "UPDATE snapshot_claims SET alive_at = now() - interval '2 minutes' WHERE key = 'alive'",
      );
      const hold = holdClaim(db, 'alive', holder);
      await until(async () => {
        const r = await db.query<{ fresh: boolean }>(
          "SELECT alive_at > now() - interval '1 minute' AS fresh FROM snapshot_claims WHERE key = 'alive'",
        );
        return r.rows[0]?.fresh;
      });
      expect(await claimSnapshot(db, 'alive', claim('d'))).toBe('held-elsewhere');
      await hold.end('done');
    } finally {
      await opened.store.close();
    }
  });

  it('a claim made before claims were marked done counts as sent (migration 7)', async () => {
    const url = await freshDatabase(server as string);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      // The schema as version 6 left it, with a claim taken a minute ago.
      await c.query(
        'CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const [i, sql] of PG_MIGRATIONS.slice(0, 6).entries()) {
        await c.query(sql);
        await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [i + 1]);
      }
      await c.query(
        "INSERT INTO snapshot_claims (key, taken_at, claimant) VALUES ('cat', now() - interval '1 minute', 'old')",
      );
    } finally {
      await c.end();
    }
    const opened = await openPostgresStore(url);
    if (!opened.ok) throw new Error(opened.error.message);
    try {
      const claim = { windowMs: 3_600_000, claimant: 'new' };
      expect(await claimSnapshot(opened.store.db, 'cat', claim)).toBe('done-elsewhere');
    } finally {
      await opened.store.close();
    }
  });

  it('a waiting worker takes over from a holder that died, and stops waiting on shutdown', async () => {
    const url = await checkedStore('reports-dead');
    const opened = await openPostgresStore(url);
    if (!opened.ok) throw new Error(opened.error.message);
    try {
      // A claimant took the tick's claim and was killed: nothing marks it alive again.
      const key = 'links.txt';
      expect(
        await claimSnapshot(opened.store.db, key, { windowMs: 3_600_000, claimant: 'dead' }),
      ).toBe('taken');
      // Shut down while waiting (the claim not stale yet): no report, no wait to its end.
      const stop = new AbortController();
      stop.abort();
      const stopped = await snapshotAs(
        url,
        'worker-2',
        'reports-stopped',
        {},
        { signal: stop.signal },
      );
      // Nobody may have sent it: not "taken elsewhere" (the worker records it as interrupted).
      expect(stopped).toMatchObject({ report: null, written: [] });
      expect(stopped.takenElsewhere).toBeUndefined();
      expect(stopped.problems.join()).toContain('had not sent it');
      // Silent past staleMs: the waiting worker takes the claim over and sends the report.
      const taken = await snapshotAs(url, 'worker-2', 'reports-taken', {
        staleMs: 300,
        recheckMs: 100,
      });
      expect(taken.takenElsewhere).toBeUndefined();
      expect(taken.report?.links).toHaveLength(3);
      expect(taken.written.length).toBeGreaterThan(0);
      const row = await opened.store.db.query<{ claimant: string; done: boolean }>(
        'SELECT claimant, done_at IS NOT NULL AS done FROM snapshot_claims WHERE key = $1',
        [key],
      );
      expect(row.rows).toEqual([{ claimant: 'worker-2', done: true }]);
    } finally {
      await opened.store.close();
    }
  });

  it('a holder whose snapshot fails releases the claim: the next worker sends the report', async () => {
    const url = await checkedStore('reports-fail');
    // Its report cannot be written: a folder is in the way of the JSON file.
    await mkdir(join(flip.dir, 'reports-blocked', 'latest.json', 'x'), { recursive: true });
    const job = (claimant: string, reportDir: string) =>
      snapshotAs(url, claimant, reportDir, { recheckMs: 100 });
    await expect(job('worker-1', 'reports-blocked')).rejects.toThrow();
    const next = await job('worker-2', 'reports-next');
    expect(next.takenElsewhere).toBeUndefined();
    expect(next.report?.links).toHaveLength(3);
  });

  it('a worker whose tick another worker took writes, records and returns no report', async () => {
    const url = await checkedStore('reports-run');
    const snapshot = (claimant: string, reportDir: string) => snapshotAs(url, claimant, reportDir);
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
    const url = await checkedStore('reports-w0');
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
