/**
 * `npm run bench`: checks a generated web of 10,000 URLs on 200 loopback hosts, skewed like a
 * real catalogue (a few hosts hold many URLs), each answer ~100 ms late, and prints:
 * - wall time / the politeness lower bound (target <= 1.15),
 * - requests per URL as seen by the servers (target <= 1.1 on a clean web),
 * - peak RSS of the checker process, and per 1,000 URLs (target < 150 MB at 10,000 URLs).
 * Sizes and policy through env: BENCH_URLS, BENCH_HOSTS, BENCH_LATENCY_MS, BENCH_PER_HOST,
 * BENCH_INTERVAL_MS, BENCH_CONCURRENCY, BENCH_SKEW.
 */
import { fork } from 'node:child_process';
import { lookup as dnsLookup } from 'node:dns';
import { fileURLToPath } from 'node:url';
import { check } from '../src/index.js';
import type { Target } from '../src/model/index.js';
import { lowerBoundMs, zipfCounts } from './bound.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const URLS = env('BENCH_URLS', 10_000);
const HOSTS = env('BENCH_HOSTS', 200);
const LATENCY = env('BENCH_LATENCY_MS', 100);
const PER_HOST = env('BENCH_PER_HOST', 2);
const INTERVAL = env('BENCH_INTERVAL_MS', 50);
const CONCURRENCY = env('BENCH_CONCURRENCY', 256);
const SKEW = env('BENCH_SKEW', 0.7);

const hostSpecs = Array.from({ length: HOSTS }, (_, i) => ({
  name: `h${String(i + 1).padStart(3, '0')}.bench.test`,
  ip: `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`,
}));
const ipOf = new Map(hostSpecs.map((h) => [h.name, h.ip]));

const child = fork(fileURLToPath(new URL('./web.js', import.meta.url)), {
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
        child.off('message', onMessage);
        resolve(msg);
      }
    };
    child.on('message', onMessage);
    if (type !== 'ready') child.send({ type });
  });

const { ports } = await ask<{ ports: Record<string, number> }>('ready');
const counts = zipfCounts(URLS, HOSTS, SKEW);
const targets: Target[] = [];
hostSpecs.forEach((h, i) => {
  for (let j = 0; j < counts[i]!; j++) {
    const url = `http://${h.name}:${ports[h.name]}/doc/${j}`;
    targets.push({
      url,
      citations: [{ id: `e${i}-${j}`, file: 'bench.yaml', line: j + 1, title: url }],
    });
  }
});

const lookup = (hostname: string, options: object, cb: (...args: unknown[]) => void) => {
  const ip = ipOf.get(hostname);
  if (!ip) return dnsLookup(hostname, options, cb);
  const all = (options as { all?: boolean }).all;
  return all ? cb(null, [{ address: ip, family: 4 }]) : cb(null, ip, 4);
};

const bound = lowerBoundMs(counts, {
  latencyMs: LATENCY,
  perHost: PER_HOST,
  intervalMs: INTERVAL,
  concurrency: CONCURRENCY,
});
let peakHeap = 0;
let peakExternal = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers);
}, 100);
const started = performance.now();
const report = await check(targets, {
  concurrency: CONCURRENCY,
  perHost: PER_HOST,
  perHostInterval: INTERVAL,
  allowPrivateAddresses: true,
  retries: 0,
  timeout: 30_000,
  archive: { enabled: false },
  lookup,
});
const wall = performance.now() - started;
const cpu = process.cpuUsage();
clearInterval(sampler);
const { stats } = await ask<{ stats: Record<string, { requests: number; peak: number }> }>('stats');
child.send({ type: 'stop' });

const requests = Object.values(stats).reduce((n, s) => n + s.requests, 0);
const maxPeak = Math.max(...Object.values(stats).map((s) => s.peak));
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const ok = report.summary.ok;
console.log(
  `URLs ${URLS} on ${HOSTS} hosts (busiest ${Math.max(...counts)}), latency ${LATENCY} ms, per-host ${PER_HOST}, interval ${INTERVAL} ms, global ${CONCURRENCY}`,
);
console.log(`verdicts: ${ok} ok of ${report.summary.total}`);
console.log(`wall time            ${(wall / 1000).toFixed(2)} s`);
console.log(`politeness bound     ${(bound / 1000).toFixed(2)} s`);
console.log(`wall / bound         ${(wall / bound).toFixed(3)}   (target <= 1.15)`);
console.log(`requests per URL     ${(requests / URLS).toFixed(3)}   (target <= 1.1)`);
console.log(`CPU time (checker)    ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
console.log(`max per-host in flight seen by servers: ${maxPeak} (limit ${PER_HOST})`);
console.log(
  `peak RSS             ${peakRssMb.toFixed(1)} MB, ${((peakRssMb / URLS) * 1000).toFixed(1)} MB per 1,000 URLs   (target < 150 MB at 10,000)`,
);
console.log(
  `peak JS heap used     ${(peakHeap / 2 ** 20).toFixed(1)} MB, external+buffers ${(peakExternal / 2 ** 20).toFixed(1)} MB`,
);
process.exit(ok === URLS && maxPeak <= PER_HOST ? 0 : 1);
