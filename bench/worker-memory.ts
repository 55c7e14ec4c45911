/**
 * `node --expose-gc build/bench/worker-memory.js`: does a long-running process keep something
 * of every run? The same check (runCheck, as the worker calls it: reports streamed, nothing
 * collected) run BENCH_RUNS times (default 60) in one process over BENCH_URLS (300) URLs on
 * BENCH_HOSTS (20) loopback hosts, each answer BENCH_LATENCY_MS (5) ms late. After each run,
 * two full collections, then: RSS, V8 heap used, external and array-buffer memory, live native
 * contexts, and the handles and requests still active (a timer or socket left behind by a run).
 * Prints a line every BENCH_EVERY (10) runs and, at the end, the growth per run of each figure
 * over the second half of the series (the first runs fill caches and V8's code space).
 *
 * BENCH_SNAPSHOTS=1 also writes a heap snapshot after run BENCH_SNAPSHOT_FROM (default
 * BENCH_RUNS/2) and after the last, and
 * prints the object groups (constructor or type) that grew between the two: a structure kept
 * per run shows as a group growing by about (runs between) x (its size per run).
 * A measurement, not a test: the figures depend on the machine and V8.
 */
import { fork } from 'node:child_process';
import { lookup as dnsLookup } from 'node:dns';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics, setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runCheck } from '../src/check/index.js';
import { followHeapGrowth } from '../src/cli/heap-growth.js';
import { V8_FLAGS } from '../src/cli/v8-flags.js';
import { zipfCounts } from './bound.js';
import { writeUrlList } from './url-list.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc');
  process.exit(2);
}
// Same V8 tuning as the rotwatch command (src/cli/bin.ts).
setFlagsFromString(V8_FLAGS);
followHeapGrowth();

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RUNS = env('BENCH_RUNS', 60);
const URLS = env('BENCH_URLS', 300);
const HOSTS = env('BENCH_HOSTS', 20);
const EVERY = env('BENCH_EVERY', 10);
const SNAPSHOTS = process.env.BENCH_SNAPSHOTS === '1';
/** The run after which the first snapshot is taken. */
const SNAPSHOT_FROM = env('BENCH_SNAPSHOT_FROM', Math.floor(RUNS / 2));

const hostSpecs = Array.from({ length: HOSTS }, (_, i) => ({
  name: `m${String(i + 1).padStart(3, '0')}.bench.test`,
  ip: `127.0.9.${1 + i}`,
}));
const ipOf = new Map(hostSpecs.map((h) => [h.name, h.ip]));
const web = fork(fileURLToPath(new URL('./web.js', import.meta.url)), {
  env: {
    ...process.env,
    BENCH_HOSTS: JSON.stringify(hostSpecs),
    BENCH_LATENCY_MS: String(env('BENCH_LATENCY_MS', 5)),
  },
});
const ports = await new Promise<Record<string, number>>((resolve) =>
  web.once('message', (m: { ports: Record<string, number> }) => resolve(m.ports)),
);
const work = await mkdtemp(join(tmpdir(), 'rotwatch-worker-memory-'));
const list = join(work, 'urls.txt');
await writeUrlList(list, hostSpecs, zipfCounts(URLS, HOSTS, 0.7), (h) => ports[h] ?? 9);
await writeFile(join(work, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
const lookup = (hostname: string, options: object, cb: (...args: unknown[]) => void) => {
  const ip = ipOf.get(hostname);
  if (!ip) return dnsLookup(hostname, options, cb);
  return (options as { all?: boolean }).all
    ? cb(null, [{ address: ip, family: 4 }])
    : cb(null, ip, 4);
};

interface Sample {
  run: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  contexts: number;
  detached: number;
  handles: number;
}
const MB = 1024 * 1024;
const samples: Sample[] = [];
const sample = (run: number): Sample => {
  gc();
  gc();
  const m = process.memoryUsage();
  const h = getHeapStatistics();
  return {
    run,
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    contexts: h.number_of_native_contexts,
    detached: h.number_of_detached_contexts,
    handles: process.getActiveResourcesInfo().length,
  };
};
const show = (s: Sample) =>
  `run ${String(s.run).padStart(4)}  rss ${(s.rss / MB).toFixed(1)} MB  heap ${(s.heapUsed / MB).toFixed(2)} MB  external ${(s.external / MB).toFixed(2)} MB  buffers ${(s.arrayBuffers / MB).toFixed(2)} MB  contexts ${s.contexts}/${s.detached}  active ${s.handles}`;

samples.push(sample(0));
console.log(show(samples[0] as Sample));
let firstSnapshot: string | null = null;
for (let run = 1; run <= RUNS; run++) {
  const result = await runCheck({
    cwd: work,
    inputs: [list],
    lookup,
    collect: false,
    overrides: {
      allowPrivateAddresses: true,
      perHostInterval: 0,
      retries: 0,
      quiet: true,
      concurrency: 64,
    },
  });
  if (result.exitCode > 1) throw new Error(`run ${run}: exit ${result.exitCode}`);
  const s = sample(run);
  samples.push(s);
  if (run % EVERY === 0 || run === RUNS) console.log(show(s));
  if (SNAPSHOTS && run === SNAPSHOT_FROM) firstSnapshot = writeHeapSnapshot();
}
web.send({ type: 'stop' });

// Growth per run over the second half (least squares slope).
const half = samples.slice(Math.floor(samples.length / 2));
const slope = (pick: (s: Sample) => number) => {
  const n = half.length;
  const mx = half.reduce((a, s) => a + s.run, 0) / n;
  const my = half.reduce((a, s) => a + pick(s), 0) / n;
  const num = half.reduce((a, s) => a + (s.run - mx) * (pick(s) - my), 0);
  const den = half.reduce((a, s) => a + (s.run - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
};
const KB = 1024;
console.log(
  `per run over runs ${half[0]?.run}-${RUNS}: rss ${(slope((s) => s.rss) / KB).toFixed(1)} KB, heap ${(slope((s) => s.heapUsed) / KB).toFixed(1)} KB, external ${(slope((s) => s.external) / KB).toFixed(1)} KB, active handles ${slope((s) => s.handles).toFixed(2)}`,
);

if (SNAPSHOTS && firstSnapshot) {
  const last = writeHeapSnapshot();
  const [a, b] = [await groups(firstSnapshot), await groups(last)];
  const grown = [...b]
    .map(([key, v]) => {
      const was = a.get(key) ?? { count: 0, size: 0 };
      return { key, count: v.count - was.count, size: v.size - was.size };
    })
    .filter((g) => g.count > 0)
    .sort((x, y) => y.size - x.size)
    .slice(0, 15);
  console.log(`grown between ${firstSnapshot} and ${last} (${RUNS - SNAPSHOT_FROM} runs):`);
  for (const g of grown)
    console.log(`  ${g.key}: +${g.count} objects, +${(g.size / KB).toFixed(1)} KB`);
}
await rm(work, { recursive: true, force: true });
if (firstSnapshot)
  console.log('(the snapshots stay in the working folder: open them in DevTools, Memory)');

/** Objects of a heap snapshot grouped by type and constructor name: count and self size. */
async function groups(file: string): Promise<Map<string, { count: number; size: number }>> {
  let text = '';
  for await (const chunk of createReadStream(file, 'utf8')) text += chunk;
  const snap = JSON.parse(text) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const types = snap.snapshot.meta.node_types[0];
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + (typeAt ?? 0)] ?? 0] ?? '?';
    const name =
      type === 'object' || type === 'closure'
        ? snap.strings[snap.nodes[i + (nameAt ?? 1)] ?? 0]
        : '';
    const key = `${type}${name ? ` ${name}` : ''}`;
    const g = out.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += snap.nodes[i + (sizeAt ?? 3)] ?? 0;
    out.set(key, g);
  }
  return out;
}
