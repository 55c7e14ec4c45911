/**
 * `npm run bench`: runs `rotwatch check` (runCheck: inputs, history, reports, as the command
 * does) on a generated URL list of 10,000 URLs on 200 loopback hosts, skewed like a real
 * catalogue (a few hosts hold many URLs), each answer ~100 ms late, and prints:
 * - wall time / the politeness lower bound (target <= 1.05 at 10,000 URLs),
 * - requests per URL as seen by the servers (target <= 1.1 on a clean web),
 * - CPU (user + sys) per URL of the checker process (target <= 1.2 ms per checked URL),
 * - peak RSS of the checker process, and per 1,000 URLs,
 * - the size of the history store and of the reports it wrote.
 * BENCH_SKIP=1 skips every URL (no network, no web started): planning, history and reports of
 * up to a million URLs (targets: 100k <= 300 MB peak RSS; 1M <= 1 GB, every report written).
 * Sizes and policy through env: BENCH_URLS, BENCH_HOSTS, BENCH_LATENCY_MS, BENCH_PER_HOST,
 * BENCH_INTERVAL_MS, BENCH_CONCURRENCY, BENCH_SKEW, BENCH_PAGE_BYTES (size of each page, default
 * a small page), BENCH_FORMATS (default every file format), BENCH_KEEP=1 keeps the work folder.
 * Ends with a Markdown table row to paste into a note, and with BENCH_JSON=1 the same figures
 * as one JSON line.
 */
import { fork } from 'node:child_process';
import { lookup as dnsLookup } from 'node:dns';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runCheck } from '../src/check/index.js';
import { followHeapGrowth } from '../src/cli/heap-growth.js';
import { V8_FLAGS } from '../src/cli/v8-flags.js';
import { createLogger } from '../src/log.js';
import { lowerBoundMs, zipfCounts } from './bound.js';
import { folderSizes, sampleHeap, startAllocationProfile } from './measure.js';
import { type HostStats, phasesOf } from './phases.js';
import { type BenchFigures, type BenchSettings, benchLines } from './print.js';
import { mainThreadCpuSeconds } from './threads.js';
import { writeUrlList } from './url-list.js';

// Same V8 tuning as the rotwatch command (src/cli/bin.ts), so the figures are the CLI's.
if (process.env.BENCH_V8_DEFAULTS !== '1') {
  setFlagsFromString(V8_FLAGS);
  followHeapGrowth();
}

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings: BenchSettings = {
  skip: process.env.BENCH_SKIP === '1',
  urls: env('BENCH_URLS', 10_000),
  hosts: env('BENCH_HOSTS', 200),
  latencyMs: env('BENCH_LATENCY_MS', 100),
  perHost: env('BENCH_PER_HOST', 2),
  intervalMs: env('BENCH_INTERVAL_MS', 50),
  concurrency: env('BENCH_CONCURRENCY', 256),
  pageBytes: env('BENCH_PAGE_BYTES', 0),
};
const { skip: SKIP, urls: URLS } = settings;
const SKEW = env('BENCH_SKEW', 0.7);
const FORMATS = (process.env.BENCH_FORMATS ?? 'json,md,html,csv,junit').split(',');
const policy = {
  latencyMs: settings.latencyMs,
  perHost: settings.perHost,
  intervalMs: settings.intervalMs,
  concurrency: settings.concurrency,
};

const hostSpecs = Array.from({ length: settings.hosts }, (_, i) => ({
  name: `h${String(i + 1).padStart(3, '0')}.bench.test`,
  ip: `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`,
}));
const ipOf = new Map(hostSpecs.map((h) => [h.name, h.ip]));

// Skipping everything needs no web: every URL then names port 9 (nothing is fetched).
const child = SKIP
  ? null
  : fork(fileURLToPath(new URL('./web.js', import.meta.url)), {
      env: {
        ...process.env,
        BENCH_HOSTS: JSON.stringify(hostSpecs),
        BENCH_LATENCY_MS: String(settings.latencyMs),
        BENCH_PAGE_BYTES: String(settings.pageBytes),
      },
    });
const ask = <T>(type: string): Promise<T> =>
  new Promise((resolve) => {
    const onMessage = (msg: { type: string } & T) => {
      if (msg.type === type) {
        child?.off('message', onMessage);
        resolve(msg);
      }
    };
    child?.on('message', onMessage);
    if (type !== 'ready') child?.send({ type });
  });

const ports = child
  ? (await ask<{ ports: Record<string, number> }>('ready')).ports
  : Object.fromEntries(hostSpecs.map((h) => [h.name, 9]));
const counts = zipfCounts(URLS, settings.hosts, SKEW);

const work = await mkdtemp(join(tmpdir(), 'rotwatch-bench-'));
const list = join(work, 'urls.txt');
await writeUrlList(list, hostSpecs, counts, (host) => ports[host]!);
await writeFile(join(work, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');

const lookup = (hostname: string, options: object, cb: (...args: unknown[]) => void) => {
  const ip = ipOf.get(hostname);
  if (!ip) return dnsLookup(hostname, options, cb);
  const all = (options as { all?: boolean }).all;
  return all ? cb(null, [{ address: ip, family: 4 }]) : cb(null, ip, 4);
};

const bound = SKIP ? 0 : lowerBoundMs(counts, policy);
const startRss = process.memoryUsage().rss;
const heap = sampleHeap();
// BENCH_ALLOC_PROFILE=file.heapprofile: sampled allocations of the check.
const profiler = process.env.BENCH_ALLOC_PROFILE ? await startAllocationProfile() : null;
// The run's debug logs mark its phases after the last answer (settling, reports).
const marks = new Map<string, number>();
const logger = createLogger({
  level: 'debug',
  pretty: false,
  write: (line) => {
    const msg = (JSON.parse(line) as { msg?: string }).msg;
    if (msg) marks.set(msg, performance.now());
  },
});
const cpuBefore = process.cpuUsage();
const mainBefore = mainThreadCpuSeconds();
const startedWall = Date.now();
const started = performance.now();
const result = await runCheck({
  cwd: work,
  inputs: [list],
  overrides: {
    concurrency: settings.concurrency,
    perHost: settings.perHost,
    perHostInterval: settings.intervalMs,
    allowPrivateAddresses: true,
    retries: 0,
    timeout: 30_000,
    quiet: true,
    formats: FORMATS,
    ...(SKIP ? { exclude: ['.*'] } : {}),
  },
  lookup,
  logger,
  // As the command does: the reports are streamed from the history, never one object.
  collect: false,
});
const wall = performance.now() - started;
if (profiler) await profiler.stop(process.env.BENCH_ALLOC_PROFILE!);
const cpu = process.cpuUsage(cpuBefore);
const mainAfter = mainThreadCpuSeconds();
const peakHeap = heap.stop();

const stats = child ? (await ask<{ stats: Record<string, HostStats> }>('stats')).stats : {};
child?.send({ type: 'stop' });

const requests = Object.values(stats).reduce((n, s) => n + s.requests, 0);
const maxPeak = Math.max(0, ...Object.values(stats).map((s) => s.peak));
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const summary = (result.head ?? result.report)?.summary;
const expected = SKIP ? summary?.skipped : summary?.ok;
const sizes = await folderSizes(join(work, 'reports'));
const span = (from: string, to: string): number | null => {
  const a = marks.get(from);
  const b = marks.get(to);
  return a === undefined || b === undefined ? null : (b - a) / 1000;
};
const phases = SKIP
  ? null
  : phasesOf(Object.values(stats), {
      ...policy,
      startWall: startedWall,
      wallMs: wall,
      busiestCount: Math.max(...counts),
      boundMs: bound,
      span,
    });
const cpuS = (cpu.user + cpu.system) / 1e6;
const figures: BenchFigures = {
  mode: SKIP ? 'skip' : 'web',
  urls: URLS,
  hosts: settings.hosts,
  busiest: Math.max(...counts),
  exitCode: result.exitCode,
  problems: result.problems.slice(0, 5),
  wallS: wall / 1000,
  boundS: bound / 1000,
  ratio: bound > 0 ? wall / bound : null,
  requestsPerUrl: requests / URLS,
  cpuS,
  cpuMsPerUrl: (cpuS * 1000) / URLS,
  cpuThreads:
    mainBefore !== null && mainAfter !== null
      ? { mainS: mainAfter - mainBefore, othersS: cpuS - (mainAfter - mainBefore) }
      : null,
  peakRssMb,
  rssPer1000: (peakRssMb / URLS) * 1000,
  startRssMb: startRss / 2 ** 20,
  peakHeapMb: peakHeap.heapMb,
  peakHeapTotalMb: peakHeap.heapTotalMb,
  peakExternalMb: peakHeap.externalMb,
  storeMb: sizes.store / 2 ** 20,
  reportsMb: sizes.reports / 2 ** 20,
  files: sizes.files,
  phases,
  expectedCount: expected ?? 0,
  maxPerHostInFlight: maxPeak,
};
for (const line of benchLines(settings, figures, summary?.total ?? 0)) console.log(line);
if (process.env.BENCH_JSON) console.log(JSON.stringify(figures));
if (process.env.BENCH_KEEP === '1') console.log(`work folder kept: ${work}`);
else await rm(work, { recursive: true, force: true });

const allSeen = expected === URLS && (SKIP || maxPeak <= settings.perHost);
process.exit(allSeen && result.exitCode === 0 ? 0 : 1);
