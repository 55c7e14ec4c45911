import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/report.js';
import type { Report } from '../../src/model/index.js';
import { runSnapshotReport } from '../../src/scale/snapshot-report.js';
import { openPostgresStore } from '../../src/store/index.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';
import { renderers, until } from '../worker/support.js';
import { CHECK, type FlipWeb, startFlipWeb, withDueWorker, withEnv } from './flip-web.js';

const server = pgTestUrl();
let dir: string;
let origin = '';
let flip: FlipWeb;

beforeAll(async () => {
  flip = await startFlipWeb('rotwatch-snapshot-');
  ({ dir, origin } = flip);
});
afterAll(async () => {
  await flip?.close();
});

/** A whole run, then /flip made dead and due, then a due-only run that checks /flip alone. */
async function wholeThenDue(url: string, reportDir: string) {
  flip.setFlip(200);
  const run = () => flip.check(url, reportDir);
  expect((await run()).problems).toEqual([]);
  flip.setFlip(404);
  await flip.makeFlipDue(url);
  const due = await withEnv({ ROTWATCH_DUE_ONLY: '1' }, run);
  // The due run is a report of /flip alone.
  expect(due.report?.links.map((l) => l.url)).toEqual([`${origin}/flip`]);
}

describe.runIf(server)('snapshot of the store', () => {
  it('report --store postgres:// renders every link with its latest verdict, not the last run', async () => {
    const url = await freshDatabase(server as string);
    await wholeThenDue(url, 'reports-a');
    const out: string[] = [];
    const code = await runReportCommand(
      { store: url, format: 'json' },
      { stdout: (s) => void out.push(s), stderr: () => undefined, cwd: dir, isTTY: false },
    );
    expect(code).toBe(0);
    const report = JSON.parse(out.join('')) as Report;
    const status = Object.fromEntries(
      report.links.map((l) => [l.url.slice(origin.length), l.status]),
    );
    expect(status).toEqual({ '/doc': 'ok', '/flip': 'dead', '/gone': 'dead' });
    expect(report.summary).toMatchObject({ total: 3, ok: 1, dead: 2 });
    expect(report.snapshot?.neverChecked).toBe(0);
    // /flip's failure is new; /gone was reported failing by the whole run already.
    expect(report.links.filter((l) => l.newFailure).map((l) => l.url)).toEqual([`${origin}/flip`]);
  });

  it('the snapshot job follows the catalogue: new links counted as never checked, removed ones pruned', async () => {
    const url = await freshDatabase(server as string);
    await wholeThenDue(url, 'reports-b');
    await writeFile(
      join(dir, 'links2.txt'),
      ['/doc', '/flip', '/new'].map((p) => origin + p).join('\n'),
    );
    const result = await runSnapshotReport({
      cwd: dir,
      inputs: ['links2.txt'],
      overrides: { ...CHECK, store: url, reportDir: 'reports-b' },
    });
    expect(result.problems).toEqual([]);
    expect(result.exitCode).toBe(1);
    const file = JSON.parse(
      await readFile(join(dir, 'reports-b', 'latest.json'), 'utf8'),
    ) as Report;
    expect(file.links.map((l) => l.url)).toEqual([`${origin}/doc`, `${origin}/flip`]);
    expect(file.snapshot).toMatchObject({ neverChecked: 1 });
    expect(file.run.complete).toBe(false);
    expect(file.links[0]?.entries[0]?.file).toBe('links2.txt');
    expect(result.report?.links).toHaveLength(2);
    const opened = await openPostgresStore(url);
    if (!opened.ok) throw new Error(opened.error.message);
    // Recorded in the run list (the next snapshot's trend and "new since").
    expect((await opened.store.readRuns(5)).at(-1)?.id).toBe(file.run.id);
    const left = await opened.store.db.query('SELECT url FROM latest_links ORDER BY url');
    expect(left.rows.map((r) => r.url)).toEqual([`${origin}/doc`, `${origin}/flip`]);
    await opened.store.close();
  });

  it('lists each new failure and fix in exactly one snapshot, even one recorded while a snapshot read', async () => {
    const url = await freshDatabase(server as string);
    flip.setFlip(200);
    expect((await flip.check(url, 'reports-n')).problems).toEqual([]);
    const due = async () => {
      await flip.makeFlipDue(url);
      const pass = await withEnv({ ROTWATCH_DUE_ONLY: '1' }, () => flip.check(url, 'reports-n'));
      return pass.report?.links.find((l) => l.url.endsWith('/flip'));
    };
    const snapshot = async (during?: () => Promise<unknown>) => {
      const r = await runSnapshotReport({
        cwd: dir,
        inputs: ['links.txt'],
        overrides: { ...CHECK, store: url, reportDir: 'reports-n' },
        ...(during ? { onReport: async () => void (await during()) } : {}),
      });
      const report = r.report as Report;
      const at = (path: string) => report.links.find((l) => l.url === origin + path);
      return {
        flip: at('/flip'),
        fresh: report.links.filter((l) => l.newFailure).map((l) => l.url.slice(origin.length)),
        fixed: report.fixed.map((f) => f.url.slice(origin.length)),
      };
    };
    // A due pass finds /flip failing and records it while a snapshot is reading the store:
    // that snapshot does not see it; the next one lists it as new, although its check came
    // before the previous snapshot ended.
    flip.setFlip(404);
    const first = await snapshot(async () => expect((await due())?.newFailure).toBe(true));
    expect(first.flip?.status).toBe('ok');
    expect(first.fresh).toEqual([]);
    const second = await snapshot();
    expect(second.flip?.status).toBe('dead');
    expect(second.fresh).toEqual(['/flip']);
    // Checked again, failing still: no news to the snapshot that showed it already.
    expect((await due())?.newFailure).toBe(false);
    expect((await snapshot()).fresh).toEqual([]);
    // Fixed, then checked again before the snapshot (its own pass lists no fix): the snapshot
    // lists the fix once.
    flip.setFlip(200);
    expect((await due())?.status).toBe('ok');
    expect((await due())?.status).toBe('ok');
    const fixed = await snapshot();
    expect(fixed.fixed).toEqual(['/flip']);
    expect((await snapshot()).fixed).toEqual([]);
    // Failing again, then checked again before the snapshot: still new to it.
    flip.setFlip(404);
    expect((await due())?.newFailure).toBe(true);
    expect((await due())?.newFailure).toBe(false);
    expect((await snapshot()).fresh).toEqual(['/flip']);
  });

  it('rotwatch worker in due-only mode checks due links continuously and reports the snapshot on schedule', async () => {
    const url = await freshDatabase(server as string);
    flip.setFlip(200);
    await flip.check(url, 'reports-c');
    flip.setFlip(404);
    await flip.makeFlipDue(url);
    const workerDir = join(dir, 'reports-w');
    const startedAt = new Date().toISOString();
    await withDueWorker(flip, { store: url, reportDir: workerDir, renderers }, async () => {
      // The schedule's report is the snapshot: every link, /flip with the due pass's verdict.
      const report = await until(async () => {
        const text = await readFile(join(workerDir, 'latest.json'), 'utf8').catch(() => null);
        const r = text ? (JSON.parse(text) as Report) : null;
        const flip = r?.links.find((l) => l.url.endsWith('/flip'));
        return flip?.status === 'dead' && flip.checkedAt > startedAt ? r : null;
      }, 50);
      expect(report.snapshot).toBeDefined();
      expect(report.links.map((l) => l.url.slice(origin.length))).toEqual([
        '/doc',
        '/flip',
        '/gone',
      ]);
      // The due pass checked /flip alone and wrote its own report under due/.
      const due = JSON.parse(
        await readFile(join(workerDir, 'due', 'latest.json'), 'utf8'),
      ) as Report;
      expect(due.snapshot).toBeUndefined();
      expect(due.links.map((l) => l.url)).toEqual([`${origin}/flip`]);
    });
  });
});
