/**
 * `rotwatch check` through the command line entry point (`main`): exit codes, reports on disk,
 * stdout/stderr. URLs use literal 127.0.0.x addresses (the CLI has no lookup hook).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseReport } from '../../src/report/index.js';
import { loopbackConfig } from '../support/config-file.js';
import { readHistory } from '../support/history.js';
import { captureIO } from '../support/io.js';
import { hang, html, redirect, startTestWeb, status, type TestWeb } from '../support/web.js';

const schema = JSON.parse(
  await readFile(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validateReport = ajv.compile(schema);

const CONFIG = loopbackConfig({ perHostInterval: 0, timeout: 2000, retries: 0, backoffBase: 5 });

let web: TestWeb;
let savedLevel: string | undefined;
beforeAll(async () => {
  savedLevel = process.env.ROTWATCH_LOG_LEVEL;
  process.env.ROTWATCH_LOG_LEVEL = 'silent'; // keep pino's stderr lines out of the test output
  web = await startTestWeb(['site.test']);
  const site = web.host('site.test');
  site.route('/', html('<title>Home</title>'));
  site.route('/doc', html('<title>A document</title>'));
  site.route('/gone', status(404));
  site.route('/moved', redirect(301, '/doc'));
  site.route('/hang', hang());
});
afterAll(async () => {
  await web.close();
  if (savedLevel === undefined) delete process.env.ROTWATCH_LOG_LEVEL;
  else process.env.ROTWATCH_LOG_LEVEL = savedLevel;
});

let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});

/** A temp working dir with the fast config and the given files. */
async function workdir(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rotwatch-cli-check-'));
  dirs.push(dir);
  await writeFile(join(dir, 'rotwatch.config.yaml'), CONFIG);
  for (const [name, body] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), body);
  }
  return dir;
}

async function cli(dir: string, ...args: string[]) {
  const io = captureIO(dir);
  const code = await main(['check', ...args], io);
  return { code, out: io.out, err: io.err };
}

/** http://127.0.0.x:port/path of the test site (a literal IP: no name resolution). */
const ip = (path: string) => {
  const h = web.host('site.test');
  return `http://${h.ip}:${h.port}${path}`;
};

const list = (...paths: string[]) => `${paths.map(ip).join('\n')}\n`;

describe('rotwatch check: exit codes', () => {
  it('exits 0 when every link is ok, and writes every report and the state', async () => {
    const dir = await workdir({ 'links.txt': list('/', '/doc') });
    const r = await cli(dir, 'links.txt', '--json', 'out/report.json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('rotwatch: 2 links checked');

    const latest = JSON.parse(await readFile(join(dir, 'reports', 'latest.json'), 'utf8'));
    const parsed = parseReport(latest);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    expect(validateReport(latest) ? [] : validateReport.errors).toEqual([]);
    expect(latest.schema).toBe('rotwatch/report@1');
    expect(latest.summary).toMatchObject({ total: 2, ok: 2 });
    for (const name of ['latest.md', 'latest.html', 'latest.csv', 'latest.xml']) {
      expect(existsSync(join(dir, 'reports', name)), name).toBe(true);
    }
    expect(JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8'))).toEqual(latest);
    const state = await readHistory(dir);
    expect(Object.keys(state.links).sort()).toEqual([ip('/'), ip('/doc')]);
  });

  it('exits 1 for a dead link, 0 with --fail-on none; --quiet prints no summary', async () => {
    const dir = await workdir({ 'links.txt': list('/doc', '/gone') });
    const dead = await cli(dir, 'links.txt');
    expect(dead.code).toBe(1);
    expect(dead.out).toContain(ip('/gone'));
    const none = await cli(dir, 'links.txt', '--fail-on', 'none', '--quiet');
    expect(none.code).toBe(0);
    expect(none.out).toBe('');
  });

  it('exits 1 for a 301 with --fail-on redirected only', async () => {
    const dir = await workdir({ 'links.txt': list('/moved') });
    expect((await cli(dir, 'links.txt', '-q')).code).toBe(0);
    expect((await cli(dir, 'links.txt', '-q', '--fail-on', 'redirected')).code).toBe(1);
  });

  it('exits 2 for a bad option value, naming the option', async () => {
    const dir = await workdir({ 'links.txt': list('/doc') });
    const r = await cli(dir, 'links.txt', '--concurrency', 'abc');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--concurrency');
    for (const value of ['', '0x10', '1e3', '-1']) {
      const odd = await cli(dir, 'links.txt', `--timeout=${value}`);
      expect(odd.code, value).toBe(2);
      expect(odd.err, value).toContain('--timeout');
    }
    const level = await cli(dir, 'links.txt', '--fail-on', 'sometimes');
    expect(level.code).toBe(2);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });

  it('exits 2 for an out-of-range option value, naming the option, not the config file', async () => {
    const dir = await workdir({ 'links.txt': list('/doc') });
    const r = await cli(dir, 'links.txt', '--concurrency', '0', '--timeout', '5');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--concurrency: /m);
    expect(r.err).toMatch(/^--timeout: /m);
    expect(r.err).not.toContain('rotwatch.config.yaml');
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });

  it('exits 2 for an invalid --include regexp, saying which', async () => {
    const dir = await workdir({ 'links.txt': list('/doc') });
    const r = await cli(dir, 'links.txt', '--include', '[unclosed');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--include: not a valid regular expression: .*\[unclosed/m);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });

  it('exits 2 for a broken config file, naming rotwatch.config.yaml:LINE', async () => {
    const dir = await workdir({ 'links.txt': list('/doc') });
    await writeFile(
      join(dir, 'rotwatch.config.yaml'),
      ['check:', '  allowPrivateAddresses: true', '  perHost: many', ''].join('\n'),
    );
    const r = await cli(dir, 'links.txt');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/rotwatch\.config\.yaml:3: check\.perHost/);

    await writeFile(
      join(dir, 'rotwatch.config.yaml'),
      ['check:', '  exclude:', '    - ok', '    - "(unclosed"', ''].join('\n'),
    );
    const pattern = await cli(dir, 'links.txt');
    expect(pattern.code).toBe(2);
    expect(pattern.err).toMatch(
      /rotwatch\.config\.yaml:4: check\.exclude\.1: not a valid regular expression/,
    );

    await writeFile(join(dir, 'rotwatch.config.yaml'), 'check:\n  timeout: [1, 2\n');
    const syntax = await cli(dir, 'links.txt');
    expect(syntax.code).toBe(2);
    expect(syntax.err).toMatch(/rotwatch\.config\.yaml:\d+: /);
  });

  it('exits 2 for a broken catalogue, listing every problem as file:line', async () => {
    const dir = await workdir({
      'catalogue/bad.yaml': [
        'catalogue:',
        '  title: Broken',
        'entries:',
        '  - id: one',
        '    section: { number: "1", title: "S" }',
        '    creators: "X"',
        '    title: "One"',
        '    medium: report',
        '    links:',
        '      - not-a-url',
        '  - id: two',
        '    section: { number: "1", title: "S" }',
        '    creators: "X"',
        '    titel: "Two"',
        '    medium: report',
        '',
      ].join('\n'),
    });
    const r = await cli(dir);
    expect(r.code).toBe(2);
    const problems = r.err.split('\n').filter((l) => l.startsWith('catalogue/bad.yaml:'));
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.some((p) => p.startsWith('catalogue/bad.yaml:10:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('catalogue/bad.yaml:14:'))).toBe(true);
  });

  it('exits 2 when a report cannot be written, still writing the rest and the summary', async () => {
    const dir = await workdir({ 'links.txt': list('/doc'), 'taken/.keep': '' });
    const r = await cli(dir, 'links.txt', '--json', 'taken');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^taken: cannot write: /m);
    expect(r.out).toContain('rotwatch: 1 link checked');
    expect(existsSync(join(dir, 'reports', 'latest.json'))).toBe(true);
    expect(existsSync(join(dir, 'reports', 'history.sqlite'))).toBe(true);
  });

  it('exits 3 when no host can be reached: the network looks down, nothing is called dead', async () => {
    const closed = await Promise.all(['127.0.0.61', '127.0.0.62', '127.0.0.63'].map(closedPort));
    const dir = await workdir({
      'links.txt': `${closed.map((a) => `http://${a}/page`).join('\n')}\n`,
    });
    const r = await cli(dir, 'links.txt');
    expect(r.code).toBe(3);
    // Said once (the summary's line), not by the summary, a log line and a stderr line.
    expect(`${r.out}${r.err}`.match(/no link was declared dead/gi)).toHaveLength(1);
    expect(r.out).toContain('rotwatch: 3 links checked: 0 broken, 3 not checked (network down)');
    const latest = JSON.parse(await readFile(join(dir, 'reports', 'latest.json'), 'utf8'));
    expect(latest.run.network.status).toBe('down');
    expect(latest.summary.dead).toBe(0);
    expect(latest.summary.notChecked).toBe(3);
    // Quiet: no summary, so the one line goes to stderr.
    const quiet = await cli(dir, 'links.txt', '-q');
    expect(quiet.code).toBe(3);
    expect(quiet.out).toBe('');
    expect(quiet.err.match(/no link was declared dead/gi)).toHaveLength(1);
  });
});

describe('rotwatch check: what the terminal shows', () => {
  it('-q still prints the links that fail the run, and nothing else', async () => {
    const dir = await workdir({ 'links.txt': list('/doc', '/gone', '/moved') });
    const r = await cli(dir, 'links.txt', '-q');
    expect(r.code).toBe(1);
    expect(r.out).toContain(ip('/gone'));
    expect(r.out).not.toContain(ip('/moved'));
    expect(r.out).not.toContain('links checked');
    const strict = await cli(dir, 'links.txt', '-q', '--fail-on', 'redirected');
    expect(strict.out).toContain(`${ip('/moved')} -> ${ip('/doc')}`);
  });

  it('names each moved link with its new URL', async () => {
    const dir = await workdir({ 'links.txt': list('/moved') });
    const r = await cli(dir, 'links.txt');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Moved link (update the URL):');
    expect(r.out).toContain(`  ${ip('/moved')} -> ${ip('/doc')}`);
  });

  it('logs no block repeating the summary at the default level', async () => {
    const dir = await workdir({ 'links.txt': list('/doc', '/gone') });
    process.env.ROTWATCH_LOG_LEVEL = 'info';
    try {
      const r = await cli(dir, 'links.txt');
      expect(r.code).toBe(1);
      expect(r.out).toContain('rotwatch: 2 links checked');
      expect(r.err).not.toContain('check finished');
      expect(r.err).not.toContain('"summary"');
      // The details are still there for whoever asks for them.
      process.env.ROTWATCH_LOG_LEVEL = 'debug';
      const debug = await cli(dir, 'links.txt');
      expect(debug.err).toContain('check finished');
    } finally {
      process.env.ROTWATCH_LOG_LEVEL = 'silent';
    }
  });
});

describe('rotwatch check: stopped by a signal', () => {
  it('exits 130 with an incomplete report of the links checked so far, and removes its handlers', async () => {
    const dir = await workdir({ 'links.txt': list('/doc', '/hang') });
    const before = process.listeners('SIGTERM');
    const hangs = () => web.host('site.test').requests.filter((r) => r.path === '/hang').length;
    const hangsBefore = hangs();
    const running = cli(dir, 'links.txt', '--timeout', '20000');
    const end = Date.now() + 5_000;
    while (hangs() === hangsBefore && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100)); // let /doc's answer be recorded
    // Only the command's own handler: the test runner's must not see a fake SIGTERM.
    const ours = process.listeners('SIGTERM').filter((l) => !before.includes(l));
    expect(ours).toHaveLength(1);
    for (const l of ours) (l as (s: NodeJS.Signals) => void)('SIGTERM');
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.out).toContain('Run interrupted');
    // No complete run yet: latest.json is not invented; the partial report is beside it.
    await expect(readFile(join(dir, 'reports', 'latest.json'), 'utf8')).rejects.toThrow();
    const partial = JSON.parse(await readFile(join(dir, 'reports', 'latest.partial.json'), 'utf8'));
    expect(partial.run.complete).toBe(false);
    expect(partial.links.map((l: { url: string }) => l.url)).toEqual([ip('/doc')]);
    expect(process.listeners('SIGTERM')).toEqual(before);
  });
});

/** `ip:port` where nothing listens: bind an ephemeral port, then close it. */
async function closedPort(address: string): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, address, r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return `${address}:${port}`;
}

describe('rotwatch check: a catalogue of local addresses', () => {
  it('says why every link was skipped and how to check them (--allow-private-addresses)', async () => {
    const dir = await workdir({ 'links.txt': list('/', '/doc') });
    // The test config allows private addresses; this run uses the default guard.
    await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
    const r = await cli(dir, 'links.txt');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 skipped');
    expect(r.out).toContain(
      'All 2 links were skipped: their addresses are private, loopback or link-local',
    );
    expect(r.out).toContain('--allow-private-addresses');
    const md = await readFile(join(dir, 'reports', 'latest.md'), 'utf8');
    expect(md).toContain('`--allow-private-addresses`');
    const quiet = await cli(dir, 'links.txt', '-q');
    expect(quiet.out).toContain('--allow-private-addresses');
    const allowed = await cli(dir, 'links.txt', '--allow-private-addresses');
    expect(allowed.out).toContain('2 ok');
    expect(allowed.out).not.toContain('--allow-private-addresses');
  });
});

describe('rotwatch check: URLs on the command line and on standard input', () => {
  it('checks URLs given as arguments, and a URL list read from - (stdin)', async () => {
    const dir = await workdir();
    const r = await cli(dir, ip('/doc'), ip('/gone'));
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toContain('rotwatch: 2 links checked: 1 ok, 1 dead');
    expect(r.out).toContain('(command line):2');
    const latest = JSON.parse(await readFile(join(dir, 'reports', 'latest.json'), 'utf8'));
    expect(latest.run.catalogues).toEqual(['(command line)']);

    const io = captureIO(dir);
    io.readStdin = async () => `${ip('/doc')}\n${ip('/moved')}\n`;
    const code = await main(['check', '-', '--fail-on', 'redirected'], io);
    expect(code).toBe(1);
    expect(io.out).toContain('rotwatch: 2 links checked: 1 ok, 1 redirected');
    expect(io.out).toContain(`${ip('/moved')} -> ${ip('/doc')}`);
  });
});
