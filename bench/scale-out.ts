/**
 * `npm run bench:scale-out`: 1, 2 and 3 `rotwatch check --store postgres://...` processes
 * sharing runs of the same loopback web (BENCH_URLS URLs on BENCH_HOSTS hosts, each answer
 * BENCH_LATENCY_MS late, at BENCH_PER_HOST requests at once and BENCH_INTERVAL_MS between two per
 * host). For each count it prints the wall time, URLs per second (in all and per process), the
 * politeness lower bound, and what the servers saw: requests per URL, the highest number in
 * flight on any host, the shortest gap between two arrivals on any host, and how many hosts
 * were served by more than one process. Then the database's size per link, and per million.
 * PostgreSQL: BENCH_PG_URL, else a throwaway one (its binaries found as the tests find them).
 * BENCH_PROCS (default "1,2,3") says which counts to run.
 */
import { fork, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { findPostgresBin, startTestPostgres } from '../test/support/postgres.js';
import { lowerBoundMs, zipfCounts } from './bound.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const URLS = env('BENCH_URLS', 5_000);
const HOSTS = env('BENCH_HOSTS', 100);
const LATENCY = env('BENCH_LATENCY_MS', 50);
const PER_HOST = env('BENCH_PER_HOST', 2);
const INTERVAL = env('BENCH_INTERVAL_MS', 100);
const SKEW = env('BENCH_SKEW', 0);
const PROCS = (process.env.BENCH_PROCS ?? '1,2,3').split(',').map(Number);

const hostSpecs = Array.from({ length: HOSTS }, (_, i) => ({
  name: `s${i + 1}.bench.test`,
  ip: `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`,
}));

interface HostStats {
  requests: number;
  peak: number;
  minGap: number | null;
  closest: string;
  agents: string[];
}

const web = fork(fileURLToPath(new URL('./scale-out-web.js', import.meta.url)), {
  env: {
    ...process.env,
    BENCH_HOSTS: JSON.stringify(hostSpecs),
    BENCH_LATENCY_MS: String(LATENCY),
  },
});
const ask = <T>(type: string): Promise<T> =>
  new Promise((resolve) => {
    const onMessage = (msg: { type: string } & T) => {
      if (msg.type === type) {
        web.off('message', onMessage);
        resolve(msg);
      }
    };
    web.on('message', onMessage);
    if (type !== 'ready') web.send({ type });
  });
const { ports } = await ask<{ ports: Record<string, number> }>('ready');

const started = process.env.BENCH_PG_URL ? null : await startServer();
const serverUrl = process.env.BENCH_PG_URL ?? (started?.url as string);

const work = await mkdtemp(join(tmpdir(), 'rotwatch-scale-bench-'));
const counts = zipfCounts(URLS, HOSTS, SKEW);
const urls = hostSpecs.flatMap((h, i) =>
  Array.from({ length: counts[i] ?? 0 }, (_, j) => `http://${h.ip}:${ports[h.name]}/doc/${j}`),
);
await writeFile(join(work, 'urls.txt'), `${urls.join('\n')}\n`);
await writeFile(
  join(work, 'rotwatch.config.yaml'),
  [
    'check:',
    '  allowPrivateAddresses: true',
    `  perHost: ${PER_HOST}`,
    `  perHostInterval: ${INTERVAL}`,
    '  formats: [json]',
    'archive:',
    '  enabled: false',
    '',
  ].join('\n'),
);
const bin = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url));
const bound = lowerBoundMs(counts, {
  latencyMs: LATENCY,
  perHost: PER_HOST,
  intervalMs: INTERVAL,
  concurrency: 1_000_000,
});

console.log(
  `${urls.length} URLs on ${HOSTS} hosts, ${LATENCY} ms per answer, ${PER_HOST} at once and ${INTERVAL} ms apart per host; politeness bound ${(bound / 1000).toFixed(1)} s`,
);
console.log(
  '| processes | wall s | URLs/s | URLs/s per process | wall/bound | requests/URL | peak in flight per host | shortest gap ms | hosts with 2+ processes |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
let dbBytesPerLink = 0;
for (const n of PROCS) {
  const db =
    process.env.BENCH_SQLITE === '1'
      ? `sqlite:${join(work, `h${n}.sqlite`)}`
      : await freshDatabase(serverUrl, n);
  await ask('reset');
  const t0 = performance.now();
  const exits = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      runProcess(['check', 'urls.txt', '--store', db, '--user-agent', `bench-${i + 1}`]),
    ),
  );
  const wall = performance.now() - t0;
  const bad = exits.filter((e) => e.code !== 0);
  if (bad.length > 0) console.error(`exit codes ${exits.map((e) => e.code)}: ${bad[0]?.err}`);
  const { stats } = await ask<{ stats: Record<string, HostStats> }>('stats');
  const all = Object.values(stats);
  const requests = all.reduce((s, h) => s + h.requests, 0);
  const peak = Math.max(...all.map((h) => h.peak));
  const gaps = all.map((h) => h.minGap).filter((g): g is number => g !== null);
  const shared = all.filter((h) => h.agents.length > 1).length;
  const rate = urls.length / (wall / 1000);
  console.log(
    `| ${n} | ${(wall / 1000).toFixed(1)} | ${rate.toFixed(0)} | ${(rate / n).toFixed(0)} | ${(wall / bound).toFixed(2)} | ${(requests / urls.length).toFixed(3)} | ${peak} | ${Math.min(...gaps).toFixed(0)} | ${shared} |`,
  );
  if (process.env.BENCH_SQLITE !== '1') dbBytesPerLink = await bytesPerLink(db, urls.length);
  if (process.env.BENCH_GAPS === '1') {
    const close = all
      .filter((h) => h.minGap !== null && h.minGap < INTERVAL * 0.9)
      .map((h) => `${h.minGap?.toFixed(0)}ms ${h.closest}`);
    console.log(
      `hosts with a gap under ${INTERVAL * 0.9} ms: ${close.length}: ${close.slice(0, 5).join('; ')}`,
    );
  }
}
console.log(
  `database: ${(dbBytesPerLink / 1024).toFixed(2)} KB per link after a run (links, journal of the last run, run rows), about ${((dbBytesPerLink * 1_000_000) / 2 ** 30).toFixed(2)} GB per million links`,
);

web.send({ type: 'stop' });
await started?.stop();
await rm(work, { recursive: true, force: true });

async function startServer() {
  const found = findPostgresBin();
  if (!found) throw new Error('no PostgreSQL binaries (initdb, pg_ctl); set BENCH_PG_URL');
  return startTestPostgres(found);
}

async function freshDatabase(server: string, n: number): Promise<string> {
  const name = `bench_${n}_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function bytesPerLink(db: string, links: number): Promise<number> {
  const c = new pg.Client({ connectionString: db });
  await c.connect();
  // What a deployment keeps between runs: run_targets and the shards go with the next run.
  await c.query('VACUUM FULL');
  const res = await c.query('SELECT pg_database_size(current_database())::bigint AS size');
  const empty = await c.query("SELECT pg_database_size('template1')::bigint AS size");
  await c.end();
  return (Number(res.rows[0].size) - Number(empty.rows[0].size)) / links;
}

function runProcess(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: work,
      env: { ...process.env, ROTWATCH_LOG_LEVEL: 'silent', ROTWATCH_SHARD_POLL_MS: '200' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('exit', (code) => resolve({ code, err }));
  });
}
