/**
 * `check --resume` on real processes killed with SIGKILL, when what the next run is asked to do
 * is no longer what the killed run was doing. Finishing the killed run then would mix two runs
 * in one report: a link the catalogue no longer cites reported (and failing CI), a new one
 * left out, links judged under other filters. Only the pace may change between the two.
 */
import { watch } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { loopbackConfig } from '../support/config-file.js';
import { cliProcess, HoldingDocs, unfinishedJournal, until } from '../support/killed-runs.js';
import { transpileSources } from '../support/transpile.js';

const HOSTS = ['a.test', 'b.test'];
/** Documents answered before the server starts holding every request (the kill comes then). */
const ANSWER_FIRST = 4;

let dir: string;
/** Answers ANSWER_FIRST documents, then holds every request until released. */
let site: HoldingDocs;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-resume-changed-'));
  await transpileSources(dir);
  site = await HoldingDocs.start(HOSTS, ANSWER_FIRST);
  await writeFile(
    join(dir, 'rotwatch.config.yaml'),
    loopbackConfig({
      perHostInterval: 0,
      perHost: 2,
      timeout: 60000,
      retries: 1,
      backoffBase: 5,
      formats: '[json]',
    }),
  );
}, 120_000);

afterAll(async () => {
  await site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const origin = (name: string) => site.origin(name);
const docs = (n: number) =>
  HOSTS.flatMap((h) => Array.from({ length: n }, (_, i) => `${origin(h)}/doc/${i}`));

/** The CLI in `cwd`, its exit code and what it said on stderr. */
function rotwatch(args: string[], cwd = dir) {
  const p = cliProcess(dir, args, cwd);
  return { child: p.child, exited: p.exited.then((e) => e.code), err: () => p.output().err };
}
const journal = (reports = join(dir, 'reports')) => unfinishedJournal(reports);

/** Starts `check`, waits until `rows` links are in its journal, kills it with SIGKILL. */
async function killedRun(rows: number, ...args: string[]): Promise<string> {
  site.holdAgain();
  const first = rotwatch(['check', 'links.txt', ...args]);
  let seen = journal();
  await until(
    () => {
      seen = journal();
      return seen.rows >= rows;
    },
    () => `${rows} links recorded (${seen.rows}); ${first.err()}`,
  );
  first.child.kill('SIGKILL');
  await first.exited;
  site.release();
  expect(seen.runId).not.toBeNull();
  return seen.runId as string;
}

async function latest(): Promise<Report> {
  return JSON.parse(await readFile(join(dir, 'reports', 'latest.json'), 'utf8')) as Report;
}

describe('check --resume after SIGKILL, the work changed in between', () => {
  it('a catalogue edited since (a dead link removed, one added): a new run, nothing stale', async () => {
    const gone = `${origin('a.test')}/gone`;
    await writeFile(join(dir, 'links.txt'), `${[gone, ...docs(6)].join('\n')}\n`);
    // The dead link and the first documents are recorded, then the run is killed.
    const killed = await killedRun(ANSWER_FIRST + 1);

    // The dead link is fixed in the catalogue, a new one is cited.
    const added = `${origin('b.test')}/doc/new`;
    const now = [...docs(6), added];
    await writeFile(join(dir, 'links.txt'), `${now.join('\n')}\n`);
    const resumed = rotwatch(['check', 'links.txt', '--resume']);
    const code = await resumed.exited;
    expect(resumed.err()).toContain(
      `Not resuming run ${killed}: it was started on inputs whose content has changed since (13 links then, 13 now`,
    );
    // The removed dead link would have failed the run (exit 1) had it been reported.
    expect(code).toBe(0);
    const report = await latest();
    expect(report.run.id).not.toBe(killed);
    expect(report.links.map((l) => l.url).sort()).toEqual([...now].sort());
    expect(report.summary).toMatchObject({ ok: now.length, total: now.length });
    expect(site.asked.get('b.test/doc/new')).toBe(1);
  }, 60_000);

  it('a filter that changes the URL set (--exclude): not mixed, a new run', async () => {
    const killed = await killedRun(ANSWER_FIRST);
    const resumed = rotwatch(['check', 'links.txt', '--resume', '--exclude', '/doc/5$']);
    const code = await resumed.exited;
    expect(resumed.err()).toContain(
      `Not resuming run ${killed}: it was started with other options`,
    );
    expect(code).toBe(0);
    const report = await latest();
    expect(report.run.id).not.toBe(killed);
    expect(report.summary).toMatchObject({ total: 13, skipped: 2 });
  }, 60_000);

  it('two check --resume at once (the first at another pace): the second is refused (exit 2), the first finishes every link once', async () => {
    const killed = await killedRun(ANSWER_FIRST);
    const before = new Map(site.answered);
    // The first resume is held mid-run by the server; the second comes while it runs.
    site.holdAgain();
    // At another pace: only what is checked and how must be the same.
    const first = rotwatch([
      'check',
      'links.txt',
      '--resume',
      '--concurrency',
      '3',
      '--timeout',
      '30000',
    ]);
    await until(
      () => site.heldCount > 0,
      () => `the first resume asking (${first.err()})`,
    );
    const second = rotwatch(['check', 'links.txt', '--resume']);
    expect(await second.exited).toBe(2);
    expect(second.err()).toContain('is in use by another rotwatch check');
    expect(second.err()).not.toContain('Resuming run');
    site.release();
    expect(await first.exited).toBe(0);
    expect(first.err()).toContain(`Resuming run ${killed}`);
    const report = await latest();
    expect(report.run.id).toBe(killed);
    expect(report.summary).toMatchObject({ ok: 13, total: 13 });
    // Over the killed run and the first resume, each document answered once.
    const docsNow = HOSTS.flatMap((h) => Array.from({ length: 6 }, (_, i) => `${h}/doc/${i}`));
    const times = docsNow.map((k) => (site.answered.get(k) ?? 0) - (before.get(k) ?? 0));
    expect(times.reduce((a, b) => a + b, 0)).toBe(12 - ANSWER_FIRST);
    expect(times.every((n) => n <= 1)).toBe(true);
  }, 60_000);
});

describe('a crash while the reports are written', () => {
  // Skipped links (--exclude .): no request, so the reports are large next to the run.
  const LINKS = 600;

  it('leaves the previous reports whole and together; --resume then writes this run’s', async () => {
    const work = join(dir, 'crash');
    await mkdir(work);
    await writeFile(join(work, 'rotwatch.config.yaml'), 'check:\n  formats: [json, csv, html]\n');
    const urls = Array.from({ length: LINKS }, (_, i) => `http://site.test/doc/${i}`);
    await writeFile(join(work, 'skip.txt'), `${urls.join('\n')}\n`);
    const run = (...args: string[]) =>
      rotwatch(['check', 'skip.txt', '--exclude', '.', ...args], work);
    const reports = join(work, 'reports');
    const files = ['latest.json', 'latest.csv', 'latest.html'];
    const read = () => Promise.all(files.map((f) => readFile(join(reports, f), 'utf8')));

    expect(await run().exited).toBe(0);
    const before = await read();
    const firstId = (JSON.parse(before[0] as string) as Report).run.id;

    // Killed as soon as its last report file is begun (a temp file beside latest.html): the
    // JSON and CSV are written by then.
    const second = run();
    const watcher = watch(reports, (_event, name) => {
      if (name?.startsWith('.latest.html.') && name.endsWith('.tmp')) second.child.kill('SIGKILL');
    });
    try {
      await second.exited;
    } finally {
      watcher.close();
    }
    expect(second.child.signalCode).toBe('SIGKILL');
    // The last complete run's files, whole and together.
    expect(await read()).toEqual(before);
    const killed = journal(reports).runId;
    expect(killed).not.toBeNull();

    const resumed = run('--resume');
    expect(await resumed.exited).toBe(0);
    expect(resumed.err()).toContain(`Resuming run ${killed}`);
    const after = JSON.parse(await readFile(join(reports, 'latest.json'), 'utf8')) as Report;
    expect(after.run.id).toBe(killed);
    expect(after.run.id).not.toBe(firstId);
    expect(after.summary).toMatchObject({ skipped: LINKS, total: LINKS });
    expect(await readFile(join(reports, 'latest.html'), 'utf8')).toContain(killed as string);
  }, 60_000);
});
