/**
 * `--concurrency` is the process's: a process working several shards of a shared run at once
 * never has more requests in flight than that, all shards together (counted by the servers),
 * while each host keeps its own limit.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';
import { startTestWeb, type TestWeb } from '../support/web.js';

const server = pgTestUrl();
if (!server) {
  console.warn(
    'process-budget.test.ts: no PostgreSQL (see test/support/postgres-setup.ts): SKIPPED.',
  );
}

// One host per registrable domain: each its own shard.
const HOSTS = Array.from({ length: 10 }, (_, i) => `site${i}.test`);
const PAGES = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let web: TestWeb;
let dir: string;
let inFlight = 0;
let peak = 0;
/** Hosts with a request in flight when the peak was reached. */
let peakHosts = 0;
const busy = new Map<string, number>();

beforeAll(async () => {
  web = await startTestWeb(HOSTS);
  for (const name of HOSTS) {
    web.host(name).route('*', async (_req, res) => {
      inFlight++;
      busy.set(name, (busy.get(name) ?? 0) + 1);
      if (inFlight > peak) {
        peak = inFlight;
        peakHosts = [...busy.values()].filter((n) => n > 0).length;
      }
      await sleep(30);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<title>Page</title>');
      inFlight--;
      busy.set(name, (busy.get(name) ?? 1) - 1);
    });
  }
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-budget-'));
  // Five shards at once, each of whose hosts alone may have 2 requests out: without one
  // budget for the process, up to 10 would be out at once.
  await writeFile(
    join(dir, 'rotwatch.config.yaml'),
    'archive:\n  enabled: false\nscale:\n  shardsAtOnce: 5\n  shardPollMs: 20\n',
  );
  const urls = HOSTS.flatMap((h) =>
    Array.from({ length: PAGES }, (_, i) => `${web.host(h).origin}/p${i}`),
  );
  await writeFile(join(dir, 'links.txt'), urls.join('\n'));
});
afterAll(async () => {
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.runIf(server)('the process-wide concurrency of a shared run', () => {
  it('several shards at once never have more than --concurrency requests out in total', async () => {
    const url = await freshDatabase(server as string);
    const result = await runCheck({
      cwd: dir,
      lookup: web.lookup,
      inputs: ['links.txt'],
      overrides: {
        store: url,
        reportDir: 'reports',
        concurrency: 3,
        perHost: 2,
        perHostInterval: 0,
        retries: 0,
        allowPrivateAddresses: true,
      },
    });
    expect(result.problems).toEqual([]);
    expect(result.report?.links).toHaveLength(HOSTS.length * PAGES);
    expect(result.report?.summary.ok).toBe(HOSTS.length * PAGES);
    // The process's budget, all shards together, as the servers saw it.
    expect(peak).toBeLessThanOrEqual(3);
    // Reached, and by more than one shard at a time (each host alone may have 2 out).
    expect(peak).toBe(3);
    expect(peakHosts).toBeGreaterThanOrEqual(2);
    for (const h of HOSTS) {
      expect(web.host(h).maxConcurrent).toBeLessThanOrEqual(2);
      expect(web.host(h).requests.filter((r) => r.path.startsWith('/p'))).toHaveLength(PAGES);
    }
  });
});
