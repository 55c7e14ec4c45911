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
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runCheck } from '../src/check/index.js';
import { followHeapGrowth } from '../src/cli/heap-growth.js';
import { V8_FLAGS } from '../src/cli/v8-flags.js';
import { createLogger } from '../src/log.js';
import { lowerBoundMs, zipfCounts } from './bound.js';
import { mainThreadCpuSeconds } from './threads.js';

// Same V8 tuning as the rotwatch command (src/cli/bin.ts), so the figures are the CLI's.
if (process.env.BENCH_V8_DEFAULTS !== '1') {
  setFlagsFromString(V8_FLAGS);
  followHeapGrowth();
}

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const URLS = env('BENCH_URLS', 10_000);
const HOSTS = env('BENCH_HOSTS', 200);
const LATENCY = env('BENCH_LATENCY_MS', 100);
const PER_HOST = env('BENCH_PER_HOST', 2);
const INTERVAL = env('BENCH_INTERVAL_MS', 50);
const CONCURRENCY = env('BENCH_CONCURRENCY', 256);
const SKEW = env('BENCH_SKEW', 0.7);
const PAGE_BYTES = env('BENCH_PAGE_BYTES', 0);
const SKIP = process.env.BENCH_SKIP === '1';
const FORMATS = (process.env.BENCH_FORMATS ?? 'json,md,html,csv,junit').split(',');

const hostSpecs = Array.from({ length: HOSTS }, (_, i) => ({
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
        BENCH_LATENCY_MS: String(LATENCY),
        BENCH_PAGE_BYTES: String(PAGE_BYTES),
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
const counts = zipfCounts(URLS, HOSTS, SKEW);

// The URL list is written as a stream: the bench itself holds no URL, so the peak RSS is the
// checker's.
const work = await mkdtemp(join(tmpdir(), 'rotwatch-bench-'));
const list = join(work, 'urls.txt');
await new Promise<void>((resolve, reject) => {
  const out = createWriteStream(list);
  out.on('error', reject);
  let i = 0;
  let j = 0;
  const write = () => {
    let ok = true;
    while (ok && i < hostSpecs.length) {
      const h = hostSpecs[i]!;
      if (j >= counts[i]!) {
        i++;
        j = 0;
        continue;
      }
      ok = out.write(`http://${h.name}:${ports[h.name]}/doc/${j}\n`);
      j++;
    }
    if (i < hostSpecs.length) out.once('drain', write);
    else out.end(resolve);
  };
  write();
});
await writeFile(join(work, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');

const lookup = (hostname: string, options: object, cb: (...args: unknown[]) => void) => {
  const ip = ipOf.get(hostname);
  if (!ip) return dnsLookup(hostname, options, cb);
  const all = (options as { all?: boolean }).all;
  return all ? cb(null, [{ address: ip, family: 4 }]) : cb(null, ip, 4);
};

const bound = SKIP
  ? 0
  : lowerBoundMs(counts, {
      latencyMs: LATENCY,
      perHost: PER_HOST,
      intervalMs: INTERVAL,
      concurrency: CONCURRENCY,
    });
const BENCH_MD_HEADER = [
  '| mode | URLs | hosts | wall/bound | requests/URL | CPU ms/URL | peak RSS MB | MB per 1,000 URLs | store MB | reports MB | wall s |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
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
    concurrency: CONCURRENCY,
    perHost: PER_HOST,
    perHostInterval: INTERVAL,
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
clearInterval(sampler);
type HostStats = {
  requests: number;
  peak: number;
  first: number;
  last: number;
  starts: number[];
  answeredMs: number;
};
const stats = child ? (await ask<{ stats: Record<string, HostStats> }>('stats')).stats : {};
child?.send({ type: 'stop' });

const requests = Object.values(stats).reduce((n, s) => n + s.requests, 0);
const maxPeak = Math.max(0, ...Object.values(stats).map((s) => s.peak));
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const summary = (result.head ?? result.report)?.summary;
const expected = SKIP ? summary?.skipped : summary?.ok;
const sizes = await folderSizes(join(work, 'reports'));
const phases = SKIP ? null : phasesOf(Object.values(stats), startedWall, wall);
const figures = {
  mode: SKIP ? 'skip' : 'web',
  urls: URLS,
  hosts: HOSTS,
  busiest: Math.max(...counts),
  exitCode: result.exitCode,
  problems: result.problems.slice(0, 5),
  wallS: wall / 1000,
  boundS: bound / 1000,
  ratio: bound > 0 ? wall / bound : null,
  requestsPerUrl: requests / URLS,
  cpuS: (cpu.user + cpu.system) / 1e6,
  cpuMsPerUrl: (cpu.user + cpu.system) / 1000 / URLS,
  // Seconds on the main thread and on the others (null off Linux).
  cpuThreads:
    mainBefore !== null && mainAfter !== null
      ? {
          mainS: mainAfter - mainBefore,
          othersS: (cpu.user + cpu.system) / 1e6 - (mainAfter - mainBefore),
        }
      : null,
  peakRssMb,
  rssPer1000: (peakRssMb / URLS) * 1000,
  startRssMb: startRss / 2 ** 20,
  peakHeapMb: peakHeap / 2 ** 20,
  peakHeapTotalMb: peakHeapTotal / 2 ** 20,
  peakExternalMb: peakExternal / 2 ** 20,
  storeMb: sizes.store / 2 ** 20,
  reportsMb: sizes.reports / 2 ** 20,
  files: sizes.files,
  phases,
  expectedCount: expected ?? 0,
  maxPerHostInFlight: maxPeak,
};
const f = (n: number | null, d = 2) => (n === null ? '-' : n.toFixed(d));
console.log(
  `${SKIP ? 'SKIP (no network)' : 'web'}: URLs ${URLS} on ${HOSTS} hosts (busiest ${figures.busiest}), latency ${LATENCY} ms, per-host ${PER_HOST}, interval ${INTERVAL} ms, global ${CONCURRENCY}, page ${PAGE_BYTES || 'small'}; node ${process.version} ${process.execArgv.join(' ')}`.trimEnd(),
);
console.log(
  `verdicts: ${expected ?? 0} ${SKIP ? 'skipped' : 'ok'} of ${summary?.total ?? 0}; exit ${result.exitCode}`,
);
for (const p of figures.problems) console.log(`problem: ${p}`);
console.log(`wall time            ${f(figures.wallS)} s`);
if (!SKIP) {
  console.log(`politeness bound     ${f(figures.boundS)} s`);
  console.log(`wall / bound         ${f(figures.ratio, 3)}   (target <= 1.05 at 10,000)`);
  if (phases) {
    console.log(
      `  at the web's real answer time: bound ${f(phases.measuredBoundS)} s, wall / bound ${f(wall / 1000 / phases.measuredBoundS, 3)} (the busiest host answered in ${f(phases.busiestAnswerMs, 1)} ms on average, not ${LATENCY})`,
    );
  }
  console.log(`requests per URL     ${f(figures.requestsPerUrl, 3)}   (target <= 1.1)`);
  console.log(`max per-host in flight seen by servers: ${maxPeak} (limit ${PER_HOST})`);
  if (phases) {
    console.log(
      `phases               first request ${f(phases.firstS)} s; busiest host from ${f(phases.busiestFirstS)} to ${f(phases.busiestLastS)} s (${phases.busiestLate} requests later than its pace allows, ${f(phases.busiestLostS)} s lost; by 5 s: ${phases.busiestLostBy5s.join(' ')}); last request ${f(phases.lastS)} s; after the last answer ${f(phases.afterS)} s (settling ${f(phases.settleS)} s, reports ${f(phases.reportsS)} s)`,
    );
  }
}
console.log(
  `CPU time (checker)   ${f(figures.cpuS)} s, ${f(figures.cpuMsPerUrl, 3)} ms per URL   (target <= 1.2)`,
);
if (figures.cpuThreads) {
  const t = figures.cpuThreads;
  console.log(
    `  on the main thread ${f(t.mainS)} s, on the others ${f(t.othersS)} s (V8's garbage collector and compiler helpers, libuv's pool, the store's checkpoint worker)`,
  );
}
console.log(
  `peak RSS             ${f(peakRssMb, 1)} MB, ${f(figures.rssPer1000, 1)} MB per 1,000 URLs   (targets: 100k <= 300 MB, 1M <= 1,024 MB); ${f(figures.startRssMb, 1)} MB before the check`,
);
console.log(
  `peak JS heap         ${f(figures.peakHeapMb, 1)} MB used of ${f(figures.peakHeapTotalMb, 1)} MB, external+buffers ${f(figures.peakExternalMb, 1)} MB`,
);
console.log(
  `history store        ${f(figures.storeMb, 1)} MB   (target at 1M <= 500 MB); reports ${f(figures.reportsMb, 1)} MB: ${sizes.files.join(', ')}`,
);
// One line for notes: a Markdown table row under BENCH_MD_HEADER.
console.log(`\n${BENCH_MD_HEADER}`);
console.log(
  `| ${figures.mode} | ${URLS} | ${HOSTS} | ${f(figures.ratio, 3)} | ${f(figures.requestsPerUrl, 3)} | ${f(figures.cpuMsPerUrl, 3)} | ${f(peakRssMb, 1)} | ${f(figures.rssPer1000, 1)} | ${f(figures.storeMb, 1)} | ${f(figures.reportsMb, 1)} | ${f(figures.wallS)} |`,
);
if (process.env.BENCH_JSON) console.log(JSON.stringify(figures));
if (process.env.BENCH_KEEP === '1') console.log(`work folder kept: ${work}`);
else await rm(work, { recursive: true, force: true });

/**
 * Where the wall time went, from the servers' side: when the first request came, when the
 * busiest host (whose lane is the lower bound) was served and how much time its lane lost to
 * requests arriving later than its pace allowed, and how long the run took after the last answer
 * (settling and writing the reports).
 */
function phasesOf(hosts: HostStats[], startWall: number, wallMs: number) {
  const seen = hosts.filter((h) => h.requests > 0);
  if (seen.length === 0) return null;
  const busiest = seen.reduce((a, b) => (b.requests > a.requests ? b : a));
  const pace = Math.max(INTERVAL, LATENCY / PER_HOST);
  let lost = 0;
  let late = 0;
  // Time lost per 5 s of the busiest host's lane: where in the run it was late.
  const lostBy5s: number[] = [];
  for (let i = 1; i < busiest.starts.length; i++) {
    const gap = busiest.starts[i]! - busiest.starts[i - 1]!;
    if (gap > pace + 5) {
      late++;
      lost += gap - pace;
      const slot = Math.floor(busiest.starts[i]! / 5000);
      while (lostBy5s.length <= slot) lostBy5s.push(0);
      lostBy5s[slot]! += (gap - pace) / 1000;
    }
  }
  const lastWall = Math.max(...seen.map((h) => h.last));
  // The bound again with the busiest host's real answer time: the web's timers fire late under
  // load too, and no checker can read an answer before it is sent.
  const busiestAnswerMs = busiest.answeredMs / busiest.requests;
  const measuredBoundMs = lowerBoundMs([Math.max(...counts)], {
    latencyMs: busiestAnswerMs,
    perHost: PER_HOST,
    intervalMs: INTERVAL,
    concurrency: CONCURRENCY,
  });
  return {
    firstS: (Math.min(...seen.map((h) => h.first)) - startWall) / 1000,
    busiestFirstS: (busiest.first - startWall) / 1000,
    busiestLastS: (busiest.last - startWall) / 1000,
    busiestLate: late,
    busiestLostS: lost / 1000,
    busiestLostBy5s: lostBy5s.map((x) => Math.round(x * 100) / 100),
    lastS: (lastWall - startWall) / 1000,
    busiestAnswerMs,
    measuredBoundS: Math.max(bound, measuredBoundMs) / 1000,
    afterS: (startWall + wallMs - lastWall - LATENCY) / 1000,
    settleS: span('links checked', 'links settled'),
    reportsS: span('links settled', 'reports written'),
  };
}

/** Seconds between two of the run's debug marks (null when one is missing). */
function span(from: string, to: string): number | null {
  const a = marks.get(from);
  const b = marks.get(to);
  return a === undefined || b === undefined ? null : (b - a) / 1000;
}

/** Bytes of the history store (state.json, *.sqlite*, *.db*) and of the report files. */
async function folderSizes(dir: string) {
  let store = 0;
  let reports = 0;
  const files: string[] = [];
  for (const name of await readdir(dir, { recursive: true }).catch(() => [] as string[])) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (!info?.isFile()) continue;
    if (/^state\.json$|\.(sqlite|db)(-wal|-shm)?$/.test(name)) store += info.size;
    else if (!name.startsWith('.')) {
      reports += info.size;
      files.push(`${name} ${(info.size / 2 ** 20).toFixed(1)} MB`);
    }
  }
  return { store, reports, files };
}

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

const allSeen = expected === URLS && (SKIP || maxPeak <= PER_HOST);
process.exit(allSeen && result.exitCode === 0 ? 0 : 1);
