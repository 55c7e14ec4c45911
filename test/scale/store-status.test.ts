import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/report.js';
import { runStatusCommand } from '../../src/cli/status.js';
import type { HistoryStatus } from '../../src/cli/status-store.js';
import type { Report, Target } from '../../src/model/index.js';
import { joinOrCreate, leaseShards } from '../../src/scale/leases.js';
import { isDuePass } from '../../src/scale/store-status.js';
import {
  type StoreStatus,
  storeStatusLines,
  summaryFromRows,
} from '../../src/scale/store-status-view.js';
import { openPostgresStore } from '../../src/store/index.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';
import { type FlipWeb, startFlipWeb } from './flip-web.js';

describe('store status (pure)', () => {
  it('sums the per-verdict rows as the snapshot counts them, keeping the oldest check', () => {
    const { summary, oldestCheckAt } = summaryFromRows([
      { status: 'ok', links: 5, notChecked: 0, drifted: 2, oldestCheckAt: '2026-11-02T00:00:00Z' },
      {
        status: 'dead',
        links: 3,
        notChecked: 0,
        drifted: 0,
        oldestCheckAt: '2026-11-01T10:00:00Z',
      },
      { status: 'error', links: 1, notChecked: 1, drifted: 0, oldestCheckAt: null },
      { status: 'bogus', links: 4, notChecked: 0, drifted: 0, oldestCheckAt: null },
    ]);
    expect(summary).toMatchObject({ total: 9, ok: 5, dead: 3, error: 1, redirected: 0 });
    expect(summary).toMatchObject({ notChecked: 1, drifted: 2 });
    expect(oldestCheckAt).toBe('2026-11-01T10:00:00Z');
  });

  it('renders the snapshot, the overdue and never-checked links, and each run in progress', () => {
    const status: StoreStatus = {
      takenAt: '2026-12-01T06:00:00.000Z',
      summary: { ...summaryFromRows([]).summary, total: 5_012, ok: 5_000, dead: 12 },
      overdue: 1_234,
      nextDueAt: '2026-12-01T07:00:00.000Z',
      neverChecked: 3,
      oldestCheckAt: '2026-11-20T01:00:00.000Z',
      inProgress: [
        {
          id: 'r-due',
          startedAt: '2026-12-01T05:58:00.000Z',
          touchedAt: '2026-12-01T05:59:59.000Z',
          due: true,
          shards: { total: 16, done: 10, leased: 3 },
          links: { total: 450, recorded: 300 },
          finishing: false,
        },
        {
          id: 'r-all',
          startedAt: '2026-12-01T05:00:00.000Z',
          touchedAt: '2026-12-01T05:59:00.000Z',
          due: false,
          shards: { total: 4, done: 4, leased: 0 },
          links: { total: 40, recorded: 40 },
          finishing: true,
        },
      ],
    };
    const lines = storeStatusLines(status);
    expect(lines[0]).toBe(
      'Store snapshot (2026-12-01T06:00:00.000Z): 5,012 links with a verdict: 5,000 ok, 12 dead.',
    );
    expect(lines[1]).toBe(
      '  1,234 overdue; 3 never checked; oldest check 2026-11-20T01:00:00.000Z.',
    );
    expect(lines[2]).toMatch(
      /^Due pass in progress: r-due, .*10 of 16 shards done, 3 leased; 300 of 450 links answered/,
    );
    expect(lines[3]).toMatch(/^Run in progress: r-all, .*being finished/);
    const idle = storeStatusLines({ ...status, overdue: 0, inProgress: [] });
    expect(idle[1]).toContain('next due 2026-12-01T07:00:00.000Z');
    expect(idle[2]).toBe('No run in progress.');
  });

  it('tells a due pass by its journal info', () => {
    expect(isDuePass({ catalogues: ['x'], due: true })).toBe(true);
    expect(isDuePass('{"due":true}')).toBe(true);
    expect(isDuePass({ catalogues: ['x'] })).toBe(false);
    expect(isDuePass(null)).toBe(false);
    expect(isDuePass('not json')).toBe(false);
  });
});

const server = pgTestUrl();
if (!server) {
  console.warn(
    'store-status.test.ts: no PostgreSQL (see test/support/postgres-setup.ts): its PostgreSQL tests are SKIPPED.',
  );
}
let dir: string;
let origin = '';
let flip: FlipWeb;

beforeAll(async () => {
  flip = await startFlipWeb('rotwatch-store-status-');
  ({ dir, origin } = flip);
});
afterAll(async () => {
  await flip?.close();
});

const io = (out: string[]) => ({
  stdout: (s: string) => void out.push(s),
  stderr: (s: string) => void out.push(s),
  cwd: dir,
  isTTY: false,
});

async function status(
  url: string,
): Promise<{ code: number; history: HistoryStatus; text: string }> {
  const json: string[] = [];
  const code = await runStatusCommand({ store: url, json: true, reportDir: 'none' }, io(json));
  const text: string[] = [];
  await runStatusCommand({ store: url, reportDir: 'none' }, io(text));
  return { code, history: JSON.parse(json.join('')).history, text: text.join('') };
}

async function withDueOnly<T>(fn: () => Promise<T>): Promise<T> {
  const before = process.env.ROTWATCH_DUE_ONLY;
  process.env.ROTWATCH_DUE_ONLY = '1';
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.ROTWATCH_DUE_ONLY;
    else process.env.ROTWATCH_DUE_ONLY = before;
  }
}

describe.runIf(server)('rotwatch status --store postgres://', () => {
  it('shows the store snapshot, overdue links, the last due pass and the runs in progress', async () => {
    const url = await freshDatabase(server as string);
    const check = () => flip.check(url, 'reports');
    flip.setFlip(200);
    expect((await check()).problems).toEqual([]);
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    try {
      await flip.makeFlipDue(url);
      // Before the due pass: the whole run is the last run; /flip is overdue.
      const first = await status(url);
      expect(first.code).toBe(0);
      expect(first.history.store).toMatchObject({
        summary: { total: 3, ok: 2, dead: 1 },
        overdue: 1,
        neverChecked: 0,
        inProgress: [],
      });
      expect(first.history.lastFinished?.due).toBe(false);

      flip.setFlip(404);
      const due = await withDueOnly(check);
      expect(due.report?.links.map((l) => l.url)).toEqual([`${origin}/flip`]);

      const after = await status(url);
      const store = after.history.store as StoreStatus;
      // The same facts as the snapshot report of the store.
      const out: string[] = [];
      expect(await runReportCommand({ store: url, format: 'json' }, io(out))).toBe(0);
      const report = JSON.parse(out.join('')) as Report;
      expect(store.summary).toEqual(report.summary);
      expect(store.summary).toMatchObject({ total: 3, ok: 1, dead: 2 });
      expect(store.oldestCheckAt).toBe(report.snapshot?.oldestCheckAt);
      expect(store.overdue).toBe(0);
      expect(store.nextDueAt).not.toBeNull();
      // The last finished run is the due pass of one link, said as such.
      expect(after.history.lastFinished).toMatchObject({ due: true, summary: { total: 1 } });
      expect(after.text).toContain('Store snapshot (');
      expect(after.text).toContain('3 links with a verdict: 1 ok, 2 dead.');
      expect(after.text).toMatch(/Last due pass: .*: 1 links: 1 dead\./);
      expect(after.text).toContain('No run in progress.');

      // A run in progress with a link the store has never checked, one shard leased.
      const run = await joinOrCreate((await openDb(url)).db, {
        key: 'another-catalogue',
        targets: [`${origin}/doc`, 'https://new.example.org/page'].map(
          (u) => ({ url: u, citations: [] }) as unknown as Target,
        ),
        runId: 'run-in-progress',
        startedAt: new Date().toISOString(),
        info: { catalogues: ['other.txt'] },
        staleMs: 60_000,
      });
      expect(run?.created).toBe(true);
      const leaser = await openDb(url);
      await leaseShards(leaser.db, run?.seq as string, 'someone', 1, 60_000);
      const busy = await status(url);
      expect(busy.history.store?.neverChecked).toBe(1);
      expect(busy.history.store?.inProgress).toEqual([
        expect.objectContaining({
          id: 'run-in-progress',
          due: false,
          finishing: false,
          shards: { total: 2, done: 0, leased: 1 },
          links: { total: 2, recorded: 0 },
        }),
      ]);
      expect(busy.text).toMatch(/Run in progress: run-in-progress, .*0 of 2 shards done, 1 leased/);
    } finally {
      await sql.end();
      await closeAll();
    }
  });
});

const opened: { close(): Promise<void> }[] = [];
async function openDb(url: string) {
  const o = await openPostgresStore(url);
  if (!o.ok) throw new Error(o.error.message);
  opened.push(o.store);
  return o.store;
}
async function closeAll() {
  for (const s of opened.splice(0)) await s.close();
}
