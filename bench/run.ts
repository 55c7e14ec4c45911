/**
 * `npm run bench`: checks a generated web of 10,000 URLs on 200 loopback hosts, skewed like a
 * real catalogue (a few hosts hold many URLs), each answer ~100 ms late, and prints:
 * - wall time / the politeness lower bound (target <= 1.15),
 * - requests per URL as seen by the servers (target <= 1.1 on a clean web),
 * - peak RSS of the checker process, and per 1,000 URLs (target < 150 MB at 10,000 URLs).
 * Sizes and policy through env: BENCH_URLS, BENCH_HOSTS, BENCH_LATENCY_MS, BENCH_PER_HOST,
 * BENCH_INTERVAL_MS, BENCH_CONCURRENCY, BENCH_SKEW. Ends with a Markdown table row to paste into
 * a note, and with BENCH_JSON=1 the same figures as one JSON line.
 */
import { fork } from 'node:child_process';
import { lookup as dnsLookup } from 'node:dns';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { check } from '../src/index.js';
import type { Target } from '../src/model/index.js';
import { lowerBoundMs, zipfCounts } from './bound.js';

// Same V8 tuning as the rotwatch command (src/cli/bin.ts), so the figures are the CLI's.
if (process.env.BENCH_V8_DEFAULTS !== '1') setFlagsFromString('--optimize-for-size');

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
const BENCH_MD_HEADER = [
  '| URLs | hosts | wall/bound | requests/URL | peak RSS MB | MB per 1,000 URLs | peak heap MB | wall / bound s | CPU s |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
].join('\n');
const startRss = process.memoryUsage().rss;
let peakHeap = 0;
let peakHeapTotal = 0;
let peakExternal = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakHeapTotal = Math.max(peakHeapTotal, m.heapTotal);
  peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers);
}, 100);
// BENCH_ALLOC_PROFILE=file.heapprofile: sampled allocations of the check, garbage included (what
// the GC has to clean up, not just what stays), for Chrome DevTools or a script.
const profiler = process.env.BENCH_ALLOC_PROFILE ? await startAllocationProfile() : null;
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
if (profiler) await profiler.stop(process.env.BENCH_ALLOC_PROFILE!);
const cpu = process.cpuUsage();
clearInterval(sampler);
const { stats } = await ask<{ stats: Record<string, { requests: number; peak: number }> }>('stats');
child.send({ type: 'stop' });

const requests = Object.values(stats).reduce((n, s) => n + s.requests, 0);
const maxPeak = Math.max(...Object.values(stats).map((s) => s.peak));
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const ok = report.summary.ok;
const figures = {
  urls: URLS,
  hosts: HOSTS,
  busiest: Math.max(...counts),
  wallS: wall / 1000,
  boundS: bound / 1000,
  ratio: wall / bound,
  requestsPerUrl: requests / URLS,
  peakRssMb,
  rssPer1000: (peakRssMb / URLS) * 1000,
  startRssMb: startRss / 2 ** 20,
  peakHeapMb: peakHeap / 2 ** 20,
  peakHeapTotalMb: peakHeapTotal / 2 ** 20,
  peakExternalMb: peakExternal / 2 ** 20,
  cpuS: (cpu.user + cpu.system) / 1e6,
  okCount: ok,
  maxPerHostInFlight: maxPeak,
};
const f = (n: number, d = 2) => n.toFixed(d);
console.log(
  `URLs ${URLS} on ${HOSTS} hosts (busiest ${figures.busiest}), latency ${LATENCY} ms, per-host ${PER_HOST}, interval ${INTERVAL} ms, global ${CONCURRENCY}; node ${process.version} ${process.execArgv.join(' ')}`.trimEnd(),
);
console.log(`verdicts: ${ok} ok of ${report.summary.total}`);
console.log(`wall time            ${f(figures.wallS)} s`);
console.log(`politeness bound     ${f(figures.boundS)} s`);
console.log(`wall / bound         ${f(figures.ratio, 3)}   (target <= 1.15)`);
console.log(`requests per URL     ${f(figures.requestsPerUrl, 3)}   (target <= 1.1)`);
console.log(`CPU time (checker)   ${f(figures.cpuS)} s`);
console.log(`max per-host in flight seen by servers: ${maxPeak} (limit ${PER_HOST})`);
console.log(
  `peak RSS             ${f(peakRssMb, 1)} MB, ${f(figures.rssPer1000, 1)} MB per 1,000 URLs   (target < 150 MB at 10,000); ${f(figures.startRssMb, 1)} MB before the check`,
);
console.log(
  `peak JS heap         ${f(figures.peakHeapMb, 1)} MB used of ${f(figures.peakHeapTotalMb, 1)} MB, external+buffers ${f(figures.peakExternalMb, 1)} MB`,
);
// One line for notes: a Markdown table row under BENCH_MD_HEADER.
console.log(`\n${BENCH_MD_HEADER}`);
console.log(
  `| ${URLS} | ${HOSTS} | ${f(figures.ratio, 3)} | ${f(figures.requestsPerUrl, 3)} | ${f(peakRssMb, 1)} | ${f(figures.rssPer1000, 1)} | ${f(figures.peakHeapMb, 1)} | ${f(figures.wallS)} / ${f(figures.boundS)} | ${f(figures.cpuS)} |`,
);
if (process.env.BENCH_JSON) console.log(JSON.stringify(figures));
async function startAllocationProfile() {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return {
    async stop(file: string) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

process.exit(ok === URLS && maxPeak <= PER_HOST ? 0 : 1);
