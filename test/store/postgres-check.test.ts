/** `check --store postgres://...`: a whole run keeps its history in PostgreSQL. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import type { Report } from '../../src/model/index.js';
import { openPostgresStore } from '../../src/store/index.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';
import { html, startTestWeb, type TestWeb } from '../support/web.js';

const server = pgTestUrl();
let web: TestWeb;
let dir: string;

beforeAll(async () => {
  web = await startTestWeb(['site.test']);
  web.host('site.test').route('/doc', html('<title>Doc</title>'));
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-pg-check-'));
  await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
  const origin = web.host('site.test').origin;
  await writeFile(join(dir, 'links.txt'), `${origin}/doc\n${origin}/gone\n`);
});
afterAll(async () => {
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.runIf(server)('check --store postgres://', () => {
  it('records links, runs and the journal in the database; the next run reads them', async () => {
    const url = await freshDatabase(server as string);
    const run = () =>
      runCheck({
        cwd: dir,
        lookup: web.lookup,
        inputs: ['links.txt'],
        overrides: { allowPrivateAddresses: true, perHostInterval: 0, retries: 0, store: url },
      });
    const first = await run();
    expect(first.problems).toEqual([]);
    expect(first.exitCode).toBe(1);
    const second = await run();
    expect(second.exitCode).toBe(1);
    const report = JSON.parse(
      await readFile(join(dir, 'reports', 'latest.json'), 'utf8'),
    ) as Report;
    const gone = report.links.find((l) => l.url.endsWith('/gone'));
    // The failing streak spans both runs: the second run read the first one's history.
    expect(gone?.consecutiveFailures).toBe(2);
    const opened = await openPostgresStore(url);
    if (!opened.ok) throw new Error(opened.error.message);
    expect((await opened.store.readRuns(10)).length).toBe(2);
    const last = await opened.store.journal.lastFinished();
    expect(last?.finished).toBe(true);
    await opened.store.close();
  });

  it('records due dates; ROTWATCH_DUE_ONLY=1 checks only the due links and forgets none', async () => {
    const url = await freshDatabase(server as string);
    const run = () =>
      runCheck({
        cwd: dir,
        lookup: web.lookup,
        inputs: ['links.txt'],
        overrides: { allowPrivateAddresses: true, perHostInterval: 0, retries: 0, store: url },
      });
    await run();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const due = await c.query('SELECT url, due_at FROM link_due ORDER BY url');
    expect(due.rows).toHaveLength(2);
    // Not due for a day and a half at least.
    for (const row of due.rows)
      expect(row.due_at.getTime()).toBeGreaterThan(Date.now() + 36 * 3600_000);
    const gone = due.rows.map((r) => r.url as string).find((u) => u.endsWith('/gone'));
    await c.query("UPDATE link_due SET due_at = now() - interval '1 hour' WHERE url = $1", [gone]);
    const before = web.host('site.test').requests.filter((r) => r.path !== '/robots.txt').length;
    process.env.ROTWATCH_DUE_ONLY = '1';
    try {
      await run();
    } finally {
      delete process.env.ROTWATCH_DUE_ONLY;
    }
    const asked = web
      .host('site.test')
      .requests.slice(before)
      .map((r) => r.path);
    expect(asked.filter((p) => p === '/doc' || p === '/gone')).toEqual(['/gone']);
    const report = JSON.parse(
      await readFile(join(dir, 'reports', 'latest.json'), 'utf8'),
    ) as Report;
    expect(report.links.map((l) => l.url)).toEqual([gone]);
    // A subset run: the link it did not check stays in the history.
    expect((await c.query('SELECT count(*)::int AS n FROM links')).rows[0].n).toBe(2);
    // Nothing due now: no request, no run, the last report left as it is.
    const seen = web.host('site.test').requests.length;
    const errs: string[] = [];
    process.env.ROTWATCH_DUE_ONLY = '1';
    try {
      const idle = await runCheck({
        cwd: dir,
        lookup: web.lookup,
        inputs: ['links.txt'],
        out: { stderr: (s) => void errs.push(s) },
        overrides: { allowPrivateAddresses: true, perHostInterval: 0, retries: 0, store: url },
      });
      expect(idle.exitCode).toBe(0);
    } finally {
      delete process.env.ROTWATCH_DUE_ONLY;
    }
    expect(errs.join('')).toContain('No link is due');
    expect(web.host('site.test').requests.length).toBe(seen);
    const again = JSON.parse(await readFile(join(dir, 'reports', 'latest.json'), 'utf8')) as Report;
    expect(again.run.id).toBe(report.run.id);
    await c.end();
  });
});
