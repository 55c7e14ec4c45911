/**
 * `runCheck` end to end: real inputs in a temp dir, a loopback test web, the reports and the
 * state file it writes. Engine-level verdicts are in engine.test.ts; this file is about the job
 * around them (inputs, config, history, interruption, git, reports).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { check, type RunCheckOptions, runCheck } from '../../src/check/index.js';
import type { Report } from '../../src/model/index.js';
import { readHistory } from '../support/history.js';
import {
  hang,
  html,
  redirect,
  sequence,
  startTestWeb,
  status,
  type TestWeb,
  text,
} from '../support/web.js';

const git = promisify(execFile);

/** Fast settings, as the command line would give them. */
const FAST = {
  allowPrivateAddresses: true,
  perHostInterval: 0,
  timeout: 2_000,
  retries: 0,
  backoffBase: 5,
};

let closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers = [];
});

async function setup(names: string[], opts: { latencyMs?: number } = {}) {
  const web = await startTestWeb(names, opts);
  closers.push(() => web.close());
  const dir = await mkdtemp(join(tmpdir(), 'rotwatch-run-'));
  closers.push(() => rm(dir, { recursive: true, force: true }));
  await writeConfig(dir, []);
  const write = async (name: string, body: string) => {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), body);
  };
  const run = (o: RunCheckOptions = {}) =>
    runCheck({
      cwd: dir,
      lookup: web.lookup,
      ...o,
      overrides: { ...FAST, ...o.overrides },
    });
  return { web, dir, write, run, url: (host: string, path: string) => url(web, host, path) };
}

const url = (web: TestWeb, host: string, path: string) => `${web.host(host).origin}${path}`;

/** rotwatch.config.yaml with archive lookups off and the given lines under `check:`. */
async function writeConfig(dir: string, checkLines: string[]): Promise<void> {
  const check = checkLines.length ? ['check:', ...checkLines.map((l) => `  ${l}`)] : [];
  await writeFile(
    join(dir, 'rotwatch.config.yaml'),
    [...check, 'archive:', '  enabled: false', ''].join('\n'),
  );
}

function catalogue(entries: { id: string; title: string; urls: string[] }[]): string {
  const lines = ['catalogue:', '  title: Test catalogue', 'entries:'];
  for (const e of entries) {
    lines.push(
      `  - id: ${e.id}`,
      '    section: { number: "1", title: "Section" }',
      '    creators: "Someone"',
      `    title: "${e.title}"`,
      '    medium: report',
      '    links:',
      ...e.urls.map((u) => `      - ${u}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

const linkOf = (report: Report | null, u: string) => {
  const link = report?.links.find((l) => l.url === u);
  if (!link) throw new Error(`no link ${u} in report`);
  return link;
};

const hits = (web: TestWeb, host: string, path: string) =>
  web.host(host).requests.filter((r) => r.path === path);

async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('runCheck: inputs', () => {
  it('merges a URL list, a Markdown file and a catalogue: one request per URL, every citation kept', async () => {
    const t = await setup(['site.test']);
    const site = t.web.host('site.test');
    site.route('/shared', html('<title>Shared</title>'));
    site.route('/only-list', html('<title>List</title>'));
    site.route('/only-md', html('<title>Md</title>'));
    const shared = t.url('site.test', '/shared');
    await t.write(
      'lists/urls.txt',
      [
        '# a comment line',
        '',
        shared,
        `# ${t.url('site.test', '/commented-out')}`,
        t.url('site.test', '/only-list'),
      ].join('\n'),
    );
    await t.write(
      'notes.md',
      ['# Notes', '', `See [the doc](${shared}) and`, `<${t.url('site.test', '/only-md')}>.`].join(
        '\n',
      ),
    );
    await t.write(
      'catalogue/cat.yaml',
      catalogue([{ id: 'doc-one', title: 'Doc one', urls: [shared] }]),
    );

    const result = await t.run({ inputs: ['lists/urls.txt', 'notes.md', 'catalogue'] });
    expect(result.problems).toEqual([]);
    expect(result.exitCode).toBe(0);
    const report = result.report!;
    expect(report.links.map((l) => l.url).sort()).toEqual(
      [shared, t.url('site.test', '/only-list'), t.url('site.test', '/only-md')].sort(),
    );
    expect(hits(t.web, 'site.test', '/shared')).toHaveLength(1);
    expect(hits(t.web, 'site.test', '/commented-out')).toHaveLength(0);
    const citations = linkOf(report, shared).entries.map((e) => `${e.file}:${e.line}`);
    expect(citations).toEqual(
      expect.arrayContaining([
        'lists/urls.txt:3',
        'notes.md:3',
        expect.stringMatching(/^catalogue\/cat\.yaml:\d+$/),
      ]),
    );
    expect(citations).toHaveLength(3);
    expect(linkOf(report, shared).entries.find((e) => e.file === 'catalogue/cat.yaml')?.id).toBe(
      'doc-one',
    );
    expect(report.run.catalogues).toEqual(['lists/urls.txt', 'notes.md', 'catalogue']);
  });

  it('keeps the history of links in a catalogue that failed to load (not a full run)', async () => {
    const t = await setup(['site.test']);
    t.web.host('site.test').route('/a', html('<title>A</title>'));
    t.web.host('site.test').route('/b', html('<title>B</title>'));
    const a = t.url('site.test', '/a');
    const b = t.url('site.test', '/b');
    await t.write('catalogue/one.yaml', catalogue([{ id: 'a', title: 'A', urls: [a] }]));
    await t.write('catalogue/two.yaml', catalogue([{ id: 'b', title: 'B', urls: [b] }]));
    expect((await t.run()).exitCode).toBe(0);
    const before = await readHistory(t.dir);
    expect(Object.keys(before.links).sort()).toEqual([a, b]);

    // A typo in one catalogue: exit 2, and its links must not be forgotten by the state.
    await t.write(
      'catalogue/two.yaml',
      catalogue([{ id: 'b', title: 'B', urls: [b] }]).replace('medium:', 'mediumm:'),
    );
    const result = await t.run();
    expect(result.exitCode).toBe(2);
    expect(result.problems.some((p) => /^catalogue\/two\.yaml:\d+: /.test(p))).toBe(true);
    const after = await readHistory(t.dir);
    expect(Object.keys(after.links).sort()).toEqual([a, b]);
  });

  it('reads a catalogue over the default cap once check.maxInputBytes allows it', async () => {
    const t = await setup(['site.test']);
    t.web.host('site.test').route('/a', html('<title>A</title>'));
    const a = t.url('site.test', '/a');
    const padding = `# ${'x'.repeat(4_000)}\n`;
    await t.write('catalogue/one.yaml', padding + catalogue([{ id: 'a', title: 'A', urls: [a] }]));
    const capped = await t.run({ overrides: { maxInputBytes: 2_048 } });
    expect(capped.exitCode).toBe(2);
    expect(capped.problems[0]).toMatch(
      /over the 2048-byte limit \(raise it with check\.maxInputBytes/,
    );
    expect(capped.disposition?.reports).toBe('failed');
    await writeConfig(t.dir, ['maxInputBytes: 8192']);
    const raised = await t.run();
    expect(raised.exitCode).toBe(0);
    expect(raised.report?.summary.ok).toBe(1);
  });

  it('never publishes a run whose inputs could not all be read: side file, no history, exit 2', async () => {
    const t = await setup(['site.test']);
    t.web.host('site.test').route('/a', html('<title>A</title>'));
    const a = t.url('site.test', '/a');
    await t.write('catalogue/one.yaml', catalogue([{ id: 'a', title: 'A', urls: [a] }]));
    await t.write('catalogue/two.yaml', 'catalogue: [not, a, catalogue\n');
    const good = await t.run({ inputs: ['catalogue/one.yaml'], overrides: { formats: ['md'] } });
    expect(good.exitCode).toBe(0);
    const reports = join(t.dir, 'reports');
    const latest = await readFile(join(reports, 'latest.json'), 'utf8');
    const latestMd = await readFile(join(reports, 'latest.md'), 'utf8');
    const history = await readHistory(t.dir);
    expect(history.runs).toHaveLength(1);

    // A mistyped path, then an invalid catalogue next to a good one.
    for (const inputs of [['catalogue/one.yaml', 'catalogue/typo.yaml'], ['catalogue']]) {
      const failed = await t.run({ inputs, overrides: { formats: ['md'], json: 'out/r.json' } });
      expect(failed.exitCode).toBe(2);
      expect(failed.disposition?.reports).toBe('failed');
      expect(
        failed.problems.some((p) => /could not be read: this run is not published/.test(p)),
      ).toBe(true);
      expect(await readFile(join(reports, 'latest.json'), 'utf8')).toBe(latest);
      expect(await readFile(join(reports, 'latest.md'), 'utf8')).toBe(latestMd);
      // Neither the links' states nor the run list moved.
      expect(await readHistory(t.dir)).toEqual(history);
      const side = JSON.parse(await readFile(join(reports, 'latest.failed.json'), 'utf8'));
      expect(side.run.id).toBe(failed.report?.run.id);
      expect(await readFile(join(reports, 'latest.failed.md'), 'utf8')).toContain('# Link');
      // The file the user named is not replaced either.
      await readFile(join(t.dir, 'out', 'r.failed.json'), 'utf8');
      await expect(readFile(join(t.dir, 'out', 'r.json'), 'utf8')).rejects.toThrow();
    }
    const runs = await readFile(join(reports, 'runs', `${good.report?.run.id}.json`), 'utf8');
    expect(runs).toBe(latest);
    // The next good run is published and clears the side files.
    expect((await t.run({ inputs: ['catalogue/one.yaml'] })).exitCode).toBe(0);
    await expect(readFile(join(reports, 'latest.failed.json'), 'utf8')).rejects.toThrow();
  });
});

describe('runCheck: config file', () => {
  it('applies check: options and per-host overrides: skip, headers for that host only', async () => {
    const names = ['keyed.test', 'v1.api.keyed.test', 'plain.test', 'off.test'];
    const t = await setup(names, { latencyMs: 20 });
    for (const h of names) t.web.host(h).route('*', html('<title>Page</title>'));
    // A header meant for keyed.test must not follow a redirect to another host.
    t.web.host('keyed.test').route('/hop', redirect(302, `${t.url('plain.test', '/landed')}`));
    await writeConfig(t.dir, [
      'perHost: 1',
      'hosts:',
      '  Off.Test: { skip: true }', // written in another case than the URLs
      '  keyed.test:',
      '    headers: { X-Api-Key: sesame }',
      '  api.keyed.test:', // the closer parent domain wins for v1.api.keyed.test
      '    headers: { X-Api-Key: inner }',
    ]);
    const keyedPaths = ['/p0', '/p1', '/p2', '/p3', '/hop'];
    await t.write(
      'links.txt',
      [
        ...keyedPaths.map((p) => t.url('keyed.test', p)),
        t.url('v1.api.keyed.test', '/p'),
        t.url('plain.test', '/p'),
        t.url('off.test', '/p'),
      ].join('\n'),
    );
    const { report, exitCode } = await t.run({ inputs: ['links.txt'] });
    expect(exitCode).toBe(0);
    const off = linkOf(report, t.url('off.test', '/p'));
    expect([off.status, off.reason]).toEqual(['skipped', 'host-skipped']);
    expect(t.web.host('off.test').requests).toHaveLength(0);
    expect(linkOf(report, t.url('keyed.test', '/p0')).status).toBe('ok');
    // perHost: 1 from the config file (the default is 2).
    expect(t.web.host('keyed.test').maxConcurrent).toBe(1);
    expect(hits(t.web, 'keyed.test', '/p0')[0]?.headers['x-api-key']).toBe('sesame');
    expect(hits(t.web, 'v1.api.keyed.test', '/p')[0]?.headers['x-api-key']).toBe('inner');
    expect(hits(t.web, 'plain.test', '/p')[0]?.headers['x-api-key']).toBeUndefined();
    expect(hits(t.web, 'plain.test', '/landed')).toHaveLength(1);
    expect(hits(t.web, 'plain.test', '/landed')[0]?.headers['x-api-key']).toBeUndefined();
  });

  it('applies --include / --exclude regexps and rejects an invalid one before any request', async () => {
    const t = await setup(['site.test']);
    t.web.host('site.test').route('*', html('<title>Any</title>'));
    const urls = ['/docs/a', '/docs/b.pdf', '/blog/c'].map((p) => t.url('site.test', p));
    await t.write('links.txt', urls.join('\n'));

    const { report } = await t.run({
      inputs: ['links.txt'],
      overrides: { include: ['/docs/'], exclude: ['\\.pdf$'] },
    });
    const verdicts = Object.fromEntries(
      report!.links.map((l) => [new URL(l.url).pathname, [l.status, l.reason]]),
    );
    expect(verdicts).toEqual({
      '/docs/a': ['ok', null],
      '/docs/b.pdf': ['skipped', 'excluded'],
      '/blog/c': ['skipped', 'excluded'],
    });
    const paths = t.web.host('site.test').requests.map((r) => r.path);
    expect(paths.filter((p) => !p.startsWith('/rotwatch-probe-'))).toEqual(['/docs/a']);

    const before = t.web.host('site.test').requests.length;
    const bad = await t.run({ inputs: ['links.txt'], overrides: { exclude: ['docs/(unclosed'] } });
    expect(bad.exitCode).toBe(2);
    expect(bad.problems.join('\n')).toMatch(/--exclude.*docs\/\(unclosed/);
    expect(t.web.host('site.test').requests.length).toBe(before);
    // The library entry point refuses it too (it throws on invalid options).
    await expect(
      check(
        urls.map((u) => ({ url: u, citations: [] })),
        { ...FAST, include: ['(docs'] },
      ),
    ).rejects.toThrow(/not a valid regular expression/);
  });
});

describe('runCheck: interruption', () => {
  it('writes an incomplete report of what was checked, and keeps the rest of the state', async () => {
    const t = await setup(['fast.test', 'slow.test']);
    const fast = t.web.host('fast.test');
    const slow = t.web.host('slow.test');
    for (let i = 0; i < 4; i++) fast.route(`/p${i}`, html(`<title>p${i}</title>`));
    // Answers the first run, then hangs: the second run is interrupted while waiting for it.
    slow.route('/s', sequence(html('<title>Slow</title>'), hang()));
    const fastUrls = Array.from({ length: 4 }, (_, i) => t.url('fast.test', `/p${i}`));
    const slowUrl = t.url('slow.test', '/s');
    await t.write('links.txt', [...fastUrls, slowUrl].join('\n'));
    const first = await t.run({ inputs: ['links.txt'] });
    expect(first.report?.run.complete).toBe(true);

    const controller = new AbortController();
    const running = t.run({
      inputs: ['links.txt'],
      signal: controller.signal,
      overrides: { timeout: 60_000 },
    });
    await until(
      () =>
        slow.inFlight > 0 &&
        fast.requests.filter((r) => r.path.startsWith('/p')).length === 8 &&
        fast.inFlight === 0,
      'fast pages answered, slow page in flight',
    );
    await new Promise((r) => setTimeout(r, 100)); // let the fast answers be recorded
    controller.abort();
    const result = await running;
    const report = result.report!;
    expect(report.run.complete).toBe(false);
    expect(report.links.map((l) => l.url).sort()).toEqual([...fastUrls].sort());
    expect(report.links.every((l) => l.status === 'ok')).toBe(true);
    // latest.json keeps the last complete run; the partial one is beside it, marked.
    const latest = JSON.parse(await readFile(join(t.dir, 'reports', 'latest.json'), 'utf8'));
    expect(latest.run.id).toBe(first.report?.run.id);
    expect(latest.links).toHaveLength(5);
    const partial = JSON.parse(
      await readFile(join(t.dir, 'reports', 'latest.partial.json'), 'utf8'),
    );
    expect(partial.run.complete).toBe(false);
    expect(partial.links).toHaveLength(4);
    expect(result.disposition?.reports).toBe('partial');
    const { links } = await readHistory(t.dir);
    // The slow link was not checked this time: its history from run 1 is kept as it was.
    expect(links[slowUrl]?.lastStatus).toBe('ok');
    expect(links[slowUrl]?.lastCheckedAt).toBe(linkOf(first.report, slowUrl).checkedAt);
    expect(Object.keys(links)).toHaveLength(5);
  });
});

describe('runCheck: robots.txt', () => {
  it('skips disallowed URLs with --respect-robots, fetching robots.txt once per host', async () => {
    const t = await setup(['robo.test', 'open.test']);
    const robo = t.web.host('robo.test');
    robo.route('/robots.txt', text('User-agent: *\nDisallow: /private/\n'));
    robo.route('*', html('<title>Robo</title>'));
    t.web.host('open.test').route('*', html('<title>Open</title>'));
    const urls = {
      pub1: t.url('robo.test', '/pub1'),
      pub2: t.url('robo.test', '/pub2'),
      priv: t.url('robo.test', '/private/x'),
      open: t.url('open.test', '/private/x'),
    };
    await t.write('links.txt', Object.values(urls).join('\n'));
    const { report } = await t.run({ inputs: ['links.txt'], overrides: { respectRobots: true } });
    expect([linkOf(report, urls.priv).status, linkOf(report, urls.priv).reason]).toEqual([
      'skipped',
      'robots',
    ]);
    expect(linkOf(report, urls.pub1).status).toBe('ok');
    expect(linkOf(report, urls.pub2).status).toBe('ok');
    expect(linkOf(report, urls.open).status).toBe('ok');
    expect(hits(t.web, 'robo.test', '/robots.txt')).toHaveLength(1);
    expect(hits(t.web, 'open.test', '/robots.txt')).toHaveLength(1);
    expect(hits(t.web, 'robo.test', '/private/x')).toHaveLength(0);
  });
});

describe('runCheck: history across runs', () => {
  it('calls a 503 an error twice, dead after 14 days of failing, and lists it as fixed once back', async () => {
    const t = await setup(['flaky.test']);
    const flaky = t.web.host('flaky.test');
    flaky.route('/doc', status(503));
    const u = t.url('flaky.test', '/doc');
    await t.write('links.txt', `${u}\n`);
    const day = (n: number) => () => new Date(Date.UTC(2026, 0, 1 + n, 6));
    const verdict = (r: Awaited<ReturnType<typeof t.run>>) => {
      const l = linkOf(r.report, u);
      return [l.status, l.reason, l.consecutiveFailures];
    };

    const run1 = await t.run({ inputs: ['links.txt'], now: day(0) });
    expect(verdict(run1)).toEqual(['error', 'http-503', 1]);
    expect(run1.exitCode).toBe(0);
    const run2 = await t.run({ inputs: ['links.txt'], now: day(7) });
    expect(verdict(run2)).toEqual(['error', 'http-503', 2]);
    const run3 = await t.run({ inputs: ['links.txt'], now: day(14) });
    expect(verdict(run3)).toEqual(['dead', 'persistent-error', 3]);
    expect(linkOf(run3.report, u).failingSince).toBe(day(0)().toISOString());
    expect(run3.exitCode).toBe(1);

    flaky.route('/doc', html('<title>Back again</title>'));
    const run4 = await t.run({ inputs: ['links.txt'], now: day(21) });
    expect(verdict(run4)).toEqual(['ok', null, 0]);
    expect(run4.report?.fixed).toEqual([
      expect.objectContaining({ url: u, previousStatus: 'dead', status: 'ok' }),
    ]);
    expect(run4.report?.history.map((h) => h.summary.dead)).toEqual([0, 0, 1]);
  });

  it('sends If-None-Match / If-Modified-Since from the last run; a 304 is ok and keeps the title', async () => {
    const t = await setup(['cond.test']);
    const lastModified = 'Wed, 01 Jan 2025 00:00:00 GMT';
    t.web.host('cond.test').route('/doc', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/html',
        etag: '"v1"',
        'last-modified': lastModified,
      });
      res.end('<title>Conditional doc</title>');
    });
    const u = t.url('cond.test', '/doc');
    await t.write('links.txt', `${u}\n`);
    const first = await t.run({ inputs: ['links.txt'] });
    expect(linkOf(first.report, u).title).toBe('Conditional doc');
    expect(hits(t.web, 'cond.test', '/doc')[0]?.headers['if-none-match']).toBeUndefined();

    for (const n of [2, 3]) {
      const again = await t.run({ inputs: ['links.txt'] });
      const req = hits(t.web, 'cond.test', '/doc')[n - 1];
      expect(req?.headers['if-none-match']).toBe('"v1"');
      expect(req?.headers['if-modified-since']).toBe(lastModified);
      const link = linkOf(again.report, u);
      expect([link.status, link.httpStatus, link.title]).toEqual(['ok', 304, 'Conditional doc']);
    }
  });
});

describe('runCheck: network and state trouble', () => {
  it("exits 3 when no name resolves, and leaves every link's history as it was", async () => {
    const names = ['one.invalid', 'two.invalid', 'three.invalid'];
    const t = await setup(names);
    for (const h of names) t.web.host(h).route('/doc', html('<title>Doc</title>'));
    const urls = names.map((h) => t.url(h, '/doc'));
    await t.write('links.txt', urls.join('\n'));
    expect((await t.run({ inputs: ['links.txt'] })).exitCode).toBe(0);
    const before = await readHistory(t.dir);
    expect(Object.keys(before.links)).toHaveLength(3);

    const offline = (_h: string, _o: object, cb: (...args: unknown[]) => void) =>
      process.nextTick(() =>
        cb(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
      );
    const down = await t.run({ inputs: ['links.txt'], lookup: offline });
    expect(down.exitCode).toBe(3);
    expect(down.report?.run.network.status).toBe('down');
    expect(down.report?.summary.dead).toBe(0);
    expect(down.report?.links.every((l) => l.reason === 'network-down')).toBe(true);
    const after = await readHistory(t.dir);
    expect(after.links).toEqual(before.links);
    // The run itself is recorded, as a network-down run.
    expect(after.runs.map((r) => r.network)).toEqual(['ok', 'down']);
  });

  it('never overwrites a corrupt state file: exit 2 naming it, reports still written', async () => {
    const t = await setup(['site.test']);
    t.web.host('site.test').route('/doc', html('<title>Doc</title>'));
    await t.write('links.txt', `${t.url('site.test', '/doc')}\n`);
    await t.write('reports/state.json', '{ not json');
    const result = await t.run({ inputs: ['links.txt'] });
    expect(result.exitCode).toBe(2);
    expect(result.problems).toEqual([expect.stringMatching(/^reports\/state\.json:1: /)]);
    expect(await readFile(join(t.dir, 'reports', 'state.json'), 'utf8')).toBe('{ not json');
    const latest = JSON.parse(await readFile(join(t.dir, 'reports', 'latest.json'), 'utf8'));
    expect(latest.links[0].status).toBe('ok');
  });
});

describe('runCheck: --changed-since', () => {
  it('checks only URLs on lines added since the git ref, also from a symlinked working dir', async () => {
    const t = await setup(['site.test']);
    t.web.host('site.test').route('*', html('<title>Any</title>'));
    const old = t.url('site.test', '/old');
    const added = t.url('site.test', '/added');
    const sh = (...args: string[]) => git('git', args, { cwd: t.dir });
    await sh('init', '-q');
    await sh('config', 'user.email', 'test@example.org');
    await sh('config', 'user.name', 'Test');
    // A user's diff settings must not change what is parsed.
    await sh('config', 'diff.mnemonicPrefix', 'true');
    await t.write('catalogue/cat.yaml', catalogue([{ id: 'one', title: 'One', urls: [old] }]));
    await sh('add', 'catalogue/cat.yaml', 'rotwatch.config.yaml');
    await sh('commit', '-q', '-m', 'catalogue');
    await t.write(
      'catalogue/cat.yaml',
      catalogue([{ id: 'one', title: 'One', urls: [old, added] }]),
    );

    // A catalogue git does not track yet: all of it is new.
    const fresh = t.url('site.test', '/fresh');
    await t.write('catalogue/new.yaml', catalogue([{ id: 'new', title: 'New', urls: [fresh] }]));

    const result = await t.run({ overrides: { changedSince: 'HEAD' } });
    expect(result.problems).toEqual([]);
    expect(result.report?.links.map((l) => l.url).sort()).toEqual([added, fresh].sort());
    expect(hits(t.web, 'site.test', '/old')).toHaveLength(0);

    // Same repo reached through a symlink (as macOS's /var -> /private/var does to tmpdir).
    const link = join(tmpdir(), `rotwatch-run-link-${process.pid}-${Date.now()}`);
    await symlink(t.dir, link);
    closers.push(() => rm(link, { force: true }));
    const viaLink = await t.run({ cwd: link, overrides: { changedSince: 'HEAD' } });
    expect(viaLink.report?.links.map((l) => l.url).sort()).toEqual([added, fresh].sort());
  });

  it('calls a new link on a domain that does not exist dead at once, and records no run', async () => {
    const t = await setup(['site.test']);
    t.web.host('site.test').route('*', html('<title>Any</title>'));
    const sh = (...args: string[]) => git('git', args, { cwd: t.dir });
    await sh('init', '-q');
    await sh('config', 'user.email', 'test@example.org');
    await sh('config', 'user.name', 'Test');
    const old = t.url('site.test', '/old');
    await t.write('catalogue/cat.yaml', catalogue([{ id: 'one', title: 'One', urls: [old] }]));
    await sh('add', '.');
    await sh('commit', '-q', '-m', 'catalogue');
    const full = await t.run({});
    expect(full.report?.links).toHaveLength(1);

    const fine = t.url('site.test', '/new');
    const typo = 'https://no-such-domain.invalid/report.pdf'; // the test lookup answers ENOTFOUND
    await t.write(
      'catalogue/cat.yaml',
      catalogue([{ id: 'one', title: 'One', urls: [old, fine, typo] }]),
    );
    const pr = await t.run({ overrides: { changedSince: 'HEAD' } });
    const link = pr.report?.links.find((l) => l.url === typo);
    expect([link?.status, link?.reason]).toEqual(['dead', 'dns-nxdomain']);
    expect(pr.exitCode).toBe(1);
    const { runs } = await readHistory(t.dir);
    expect(runs).toHaveLength(1); // the pull request's run is not a run
  });

  it('exits 2 naming the ref when git cannot diff against it', async () => {
    const t = await setup(['site.test']);
    await t.write('links.txt', `${t.url('site.test', '/x')}\n`);
    const result = await t.run({ inputs: ['links.txt'], overrides: { changedSince: 'HEAD' } });
    expect(result.exitCode).toBe(2);
    expect(result.report).toBeNull();
    expect(result.problems.join('\n')).toContain('--changed-since HEAD');
  });
});
