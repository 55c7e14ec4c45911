/**
 * PostgreSQL restarted in the middle of a shared run: both processes lose every connection,
 * retry with backoff, and finish; the report has every link once.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { loopbackConfig } from '../support/config-file.js';
import { writeDocList } from '../support/doc-list.js';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { transpileSources } from '../support/transpile.js';
import { startTestWeb, type TestWeb } from '../support/web.js';
import { rotwatch, until } from './procs.js';

const HOSTS = Array.from({ length: 20 }, (_, i) => `r${i}.test`);
const PER_HOST = 20;
const TOTAL = HOSTS.length * PER_HOST;
const bin = findPostgresBin();

let dir: string;
let web: TestWeb;
let pg: TestPostgres;
const answered = new Map<string, number>();

beforeAll(async () => {
  if (!bin) return;
  // A server of its own: restarting the shared test server would cut other tests' connections.
  pg = await startTestPostgres(bin);
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-pg-restart-'));
  await transpileSources(dir);
  web = await startTestWeb(HOSTS, { keepAliveTimeoutMs: 120_000 });
  for (const name of HOSTS) {
    web.host(name).route('*', (req, res) => {
      if (!req.url?.startsWith('/doc/')) {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<title>Not found</title>');
        return;
      }
      const key = `${name}${req.url}`;
      answered.set(key, (answered.get(key) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<title>${key}</title>`);
    });
  }
  await writeDocList(dir, web, HOSTS, PER_HOST);
  await writeFile(
    join(dir, 'rotwatch.config.yaml'),
    loopbackConfig({
      perHostInterval: 30,
      perHost: 2,
      timeout: 60000,
      retries: 1,
      backoffBase: 100,
      formats: '[json]',
    }),
  );
}, 120_000);

afterAll(async () => {
  await web?.close();
  await pg?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.runIf(bin)('a PostgreSQL restart during a shared run', () => {
  it('is ridden out: the processes reconnect and finish, every link reported once', async () => {
    const env = { ROTWATCH_LEASE_SECONDS: '20', ROTWATCH_SHARD_POLL_MS: '100' };
    const procs = [1, 2].map((n) =>
      rotwatch(dir, ['check', 'links.txt', '--store', pg.url, '--user-agent', `proc-${n}`], env),
    );
    const logs = () => procs.map((p, i) => `#${i + 1}: ${p.output().err}`).join('\n');
    await until(
      () => answered.size >= TOTAL / 3,
      () => `a third of the links answered (${answered.size}); ${logs()}`,
    );
    await pg.restart();
    const results = await Promise.all(procs.map((p) => p.exited));
    expect(
      results.map((r) => r.code),
      logs(),
    ).toEqual([0, 0]);
    expect(answered.size).toBe(TOTAL);
    const report = JSON.parse(
      await readFile(join(dir, 'reports', 'latest.json'), 'utf8'),
    ) as Report;
    expect(report.run.complete).toBe(true);
    expect(report.summary).toMatchObject({ ok: TOTAL, total: TOTAL });
    expect(new Set(report.links.map((l) => l.url)).size).toBe(TOTAL);
  }, 240_000);
});
