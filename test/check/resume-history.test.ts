/**
 * `--resume` in process, after a run stopped with its signal (Ctrl-C): the part it checked was
 * settled into the history then; resuming checks only the rest and must not apply the first
 * part to the history a second time (a failing streak counted once per run).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunCheckOptions, runCheck } from '../../src/check/index.js';
import { readHistory } from '../support/history.js';
import { hang, html, sequence, startTestWeb, status } from '../support/web.js';

const FAST = {
  allowPrivateAddresses: true,
  perHostInterval: 0,
  timeout: 60_000,
  retries: 0,
  backoffBase: 5,
};

let closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers = [];
});

async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('runCheck --resume after an interruption', () => {
  it('checks only the rest, keeps the run id, and counts each failure once', async () => {
    const web = await startTestWeb(['down.test', 'slow.test']);
    closers.push(() => web.close());
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-resume-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
    const down = web.host('down.test');
    const slow = web.host('slow.test');
    down.route('/a', status(503));
    // Answers run 1, hangs in run 2 (interrupted then), answers the resumed run.
    slow.route('/s', sequence(html('<title>S</title>'), hang(), html('<title>S</title>')));
    const a = `${down.origin}/a`;
    const s = `${slow.origin}/s`;
    await writeFile(join(dir, 'links.txt'), `${a}\n${s}\n`);
    const run = (o: RunCheckOptions = {}) =>
      runCheck({ cwd: dir, lookup: web.lookup, inputs: ['links.txt'], ...o, overrides: FAST });

    const first = await run();
    expect(first.report?.links.find((l) => l.url === a)?.consecutiveFailures).toBe(1);

    const controller = new AbortController();
    const second = run({ signal: controller.signal });
    await until(
      () => down.requests.length === 2 && slow.inFlight === 1,
      'the 503 answered again, the slow page in flight',
    );
    await new Promise((r) => setTimeout(r, 100)); // let the 503 be recorded
    controller.abort();
    const interrupted = await second;
    expect(interrupted.report?.run.complete).toBe(false);
    const runId = interrupted.report?.run.id;
    expect((await readHistory(dir)).links[a]?.consecutiveFailures).toBe(2);

    const err: string[] = [];
    const resumed = await run({ resume: true, out: { stderr: (x) => err.push(x) } });
    expect(err.join('')).toContain(`Resuming run ${runId}`);
    expect(resumed.report?.run).toMatchObject({ id: runId, complete: true });
    expect(resumed.report?.links.map((l) => l.url).sort()).toEqual([a, s].sort());
    // Only the slow page was asked again; the 503 was not re-checked nor re-counted.
    const asked = (h: typeof down, path: string) => h.requests.filter((r) => r.path === path);
    expect(asked(down, '/a')).toHaveLength(2);
    expect(asked(slow, '/s')).toHaveLength(3);
    const history = await readHistory(dir);
    expect(history.links[a]?.consecutiveFailures).toBe(2);
    expect(history.links[s]?.lastStatus).toBe('ok');
    // The run list holds run 1 and the resumed run once (its interrupted record replaced).
    expect(history.runs.map((r) => [r.id === runId, r.complete])).toEqual([
      [false, true],
      [true, true],
    ]);
  });
  it('does not finish a run started on other inputs: that run is left, a new one checks these', async () => {
    const web = await startTestWeb(['gone.test', 'slow.test', 'fine.test']);
    closers.push(() => web.close());
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-resume-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
    const gone = `${web.host('gone.test').origin}/g`;
    const slow = `${web.host('slow.test').origin}/s`;
    const fine = `${web.host('fine.test').origin}/f`;
    web.host('gone.test').route('/g', status(404));
    web.host('slow.test').route('/s', hang());
    web.host('fine.test').route('/f', html('<title>Fine</title>'));
    await writeFile(join(dir, 'nightly.txt'), `${gone}\n${slow}\n`);
    await writeFile(join(dir, 'pr.txt'), `${fine}\n`);
    const run = (inputs: string[], o: RunCheckOptions = {}) =>
      runCheck({ cwd: dir, lookup: web.lookup, inputs, ...o, overrides: FAST });

    const controller = new AbortController();
    const nightly = run(['nightly.txt'], { signal: controller.signal });
    await until(
      () => web.host('gone.test').requests.length === 1 && web.host('slow.test').inFlight === 1,
      'the 404 answered, the slow page in flight',
    );
    await new Promise((r) => setTimeout(r, 100)); // let the 404 be recorded
    controller.abort();
    expect((await nightly).report?.run.complete).toBe(false);

    // A cron line that always passes --resume, on other inputs: the dead link of the other run
    // is not this run's, and must not fail it.
    const err: string[] = [];
    const pr = await run(['pr.txt'], { resume: true, out: { stderr: (x) => err.push(x) } });
    expect(err.join('')).toContain('started on other inputs (nightly.txt)');
    expect(pr.report?.links.map((l) => l.url)).toEqual([fine]);
    expect(pr.report?.run.catalogues).toEqual(['pr.txt']);
    expect(pr.exitCode).toBe(0);
  });

  it('reports that cannot be written leave the run unfinished: --resume writes them, checking nothing again', async () => {
    const web = await startTestWeb(['site.test']);
    closers.push(() => web.close());
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-resume-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
    const site = web.host('site.test');
    site.route('/p', html('<title>P</title>'));
    site.route('/gone', status(404));
    const urls = [`${site.origin}/p`, `${site.origin}/gone`];
    await writeFile(join(dir, 'links.txt'), `${urls.join('\n')}\n`);
    const run = (o: RunCheckOptions = {}) =>
      runCheck({ cwd: dir, lookup: web.lookup, inputs: ['links.txt'], ...o, overrides: FAST });
    // A folder where latest.html goes: the reports cannot be put in place.
    await mkdir(join(dir, 'reports', 'latest.html'), { recursive: true });
    const err: string[] = [];
    const first = await run({ out: { stderr: (x) => err.push(x) } });
    expect(first.exitCode).toBe(2);
    const runId = first.head?.run.id;
    expect(err.join('')).toContain(`the reports of run ${runId} were not written`);
    expect(existsSync(join(dir, 'reports', 'latest.json'))).toBe(false);
    const asked = site.requests.filter((r) => r.path === '/p' || r.path === '/gone').length;

    await rm(join(dir, 'reports', 'latest.html'), { recursive: true });
    const again: string[] = [];
    const resumed = await run({ resume: true, out: { stderr: (x) => again.push(x) } });
    expect(again.join('')).toContain(`Resuming run ${runId}`);
    expect(resumed.exitCode).toBe(1);
    expect(site.requests.filter((r) => r.path === '/p' || r.path === '/gone')).toHaveLength(asked);
    const report = JSON.parse(await readFile(join(dir, 'reports', 'latest.json'), 'utf8'));
    expect(report.run.id).toBe(runId);
    expect(report.summary).toMatchObject({ ok: 1, dead: 1, total: 2 });
    expect(existsSync(join(dir, 'reports', 'latest.html'))).toBe(true);
  });
});
