/**
 * Archive limits held by every process on one PostgreSQL together: two archive finders, each
 * with its own connection pool and its own in-process gates (as two processes have), share
 * nothing but the database; the fake archive counts their CDX queries per window server-side.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createArchiveFinder } from '../../src/archive/index.js';
import { runCheck } from '../../src/check/index.js';
import { createSharedRates, decideStart } from '../../src/scale/rates.js';
import { openPostgresStore } from '../../src/store/index.js';
import { createDb, type Db } from '../../src/store/postgres-db.js';
import { testOptions, UA } from '../archive/helpers.js';
import { createTestJudge, type FakeArchive, startFakeArchive } from '../support/archives.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';
import { startTestWeb } from '../support/web.js';

const server = pgTestUrl();
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('decideStart (sliding window)', () => {
  const rate = { requests: 3, intervalMs: 1000 };
  it('lets a start in while fewer than `requests` started in the window, keeping only those', () => {
    expect(decideStart([], 5000, rate)).toEqual({ take: true, starts: [5000] });
    expect(decideStart([3000, 4200, 4900], 5000, rate)).toEqual({
      take: true,
      starts: [4200, 4900, 5000],
    });
  });
  it('otherwise says how long until the start that blocks it leaves the window', () => {
    expect(decideStart([4100, 4200, 4900], 5000, rate)).toEqual({ take: false, waitMs: 101 });
    // A start recorded ahead of the clock (a clock stepped back) still counts.
    expect(decideStart([4500, 4600, 5200], 5000, rate)).toEqual({ take: false, waitMs: 501 });
  });
});

describe.runIf(server)('shared archive limits in PostgreSQL', () => {
  it('two processes together never send an archive more than its limit in any window', async () => {
    const url = await freshDatabase(server as string);
    const opened = await openPostgresStore(url); // applies the migrations
    if (!opened.ok) throw new Error(opened.error.message);
    cleanup.push(() => opened.store.close());
    const urls = Array.from({ length: 8 }, (_, i) => `http://example.org/doc-${i}.html`);
    const archive: FakeArchive = await startFakeArchive({
      wayback: Object.fromEntries(urls.map((u) => [u, [{ ts: '20210301000000' }]])),
      // The archive's own limit, looser than ours by the time a query may spend between its
      // start and the server (200 ms: a loaded CI machine delays some by tens of ms). Without
      // the shared limit the two would send 6 queries at once, far inside any window.
      enforce: { prefix: '/cdx/', requests: 3, windowMs: 400 },
    });
    cleanup.push(() => archive.close());
    const rate = { requests: 3, intervalMs: 600 };
    const finderOf = (db: Db) => {
      const rates = createSharedRates(db);
      const finder = createArchiveFinder(testOptions(archive.base, { rate }), {
        judge: createTestJudge(),
        userAgent: UA,
        sharedLimit: (name, r) => (deadline, signal) =>
          rates.acquire(`archive:${name}`, r, deadline, signal),
      });
      cleanup.push(() => finder.close());
      return finder;
    };
    const dbs = [createDb({ connectionString: url }), createDb({ connectionString: url })];
    for (const db of dbs) cleanup.push(() => db.close());
    const [a, b] = dbs.map(finderOf);
    const req = (u: string) => ({
      url: u,
      windowEnd: '2021-04-10',
      windowStart: null,
      contentType: null,
    });
    // Each process alone would send 3 CDX queries in its first window: 6 together.
    const results = await Promise.all([
      ...urls.slice(0, 4).map((u) => a!.find(req(u))),
      ...urls.slice(4).map((u) => b!.find(req(u))),
    ]);
    expect(results.map((r) => r.capture?.timestamp)).toEqual(
      urls.map(() => '2021-03-01T00:00:00.000Z'),
    );
    // Two CDX queries per lookup (one on each side of the access date).
    expect(archive.count('/cdx/')).toBe(16);
    expect(archive.violations).toEqual([]);
    expect(archive.maxInWindow('/cdx/', 400)).toBeLessThanOrEqual(3);
    const row = await dbs[0]!.query<{ n: number }>(
      "SELECT cardinality(starts) AS n FROM rate_windows WHERE name = 'archive:Wayback CDX'",
    );
    expect(row.rows[0]?.n).toBeGreaterThan(0);
  });

  it('gives no start past the deadline, and none once aborted', async () => {
    const url = await freshDatabase(server as string);
    const opened = await openPostgresStore(url);
    if (!opened.ok) throw new Error(opened.error.message);
    cleanup.push(() => opened.store.close());
    const rates = createSharedRates(opened.store.db);
    const rate = { requests: 1, intervalMs: 60_000 };
    expect(await rates.acquire('x', rate, Date.now() + 5_000)).toBe(true);
    // The next start is a minute away: past this deadline.
    expect(await rates.acquire('x', rate, Date.now() + 5_000)).toBe(false);
    const stopped = new AbortController();
    stopped.abort();
    expect(await rates.acquire('y', rate, Date.now() + 5_000, stopped.signal)).toBe(false);
  });

  it('a check on a PostgreSQL history looks up archives under the shared limits', async () => {
    const url = await freshDatabase(server as string);
    const web = await startTestWeb(['site.test']);
    cleanup.push(() => web.close());
    const gone = `${web.host('site.test').origin}/gone`;
    const archive = await startFakeArchive({ wayback: { [gone]: [{ ts: '20210301000000' }] } });
    cleanup.push(() => archive.close());
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-rates-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    // A window of ten minutes: no start recorded by this run leaves it before we count them.
    const rate = { requests: 50, intervalMs: 600_000 };
    const base = testOptions(archive.base, { rate });
    await writeFile(
      join(dir, 'rotwatch.config.yaml'),
      stringify({
        check: { allowPrivateAddresses: true, retries: 0, perHostInterval: 0 },
        archive: { ...base, cache: { path: null } },
      }),
    );
    await writeFile(join(dir, 'links.txt'), `${gone}\n`);
    const result = await runCheck({
      cwd: dir,
      lookup: web.lookup,
      inputs: ['links.txt'],
      overrides: { store: url },
    });
    expect(result.problems).toEqual([]);
    expect(result.report?.links[0]?.archive?.timestamp).toBe('2021-03-01T00:00:00.000Z');
    const opened = await openPostgresStore(url);
    if (!opened.ok) throw new Error(opened.error.message);
    cleanup.push(() => opened.store.close());
    const rows = await opened.store.db.query<{ name: string; n: number }>(
      'SELECT name, cardinality(starts) AS n FROM rate_windows ORDER BY name',
    );
    // Every CDX query the run made took its start from the shared window.
    const cdx = rows.rows.find((r) => r.name === 'archive:Wayback CDX');
    expect(cdx?.n).toBe(archive.count('/cdx/'));
    expect(cdx?.n).toBeGreaterThan(0);
  });
});
