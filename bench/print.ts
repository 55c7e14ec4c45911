import type { Phases } from './phases.js';

/** The web and policy of one bench run (from its BENCH_* variables). */
export interface BenchSettings {
  skip: boolean;
  urls: number;
  hosts: number;
  latencyMs: number;
  perHost: number;
  intervalMs: number;
  concurrency: number;
  pageBytes: number;
}

/** The figures of one run, printed and (BENCH_JSON=1) written as one JSON line. */
export interface BenchFigures {
  mode: 'skip' | 'web';
  urls: number;
  hosts: number;
  busiest: number;
  exitCode: number;
  problems: string[];
  wallS: number;
  boundS: number;
  ratio: number | null;
  requestsPerUrl: number;
  cpuS: number;
  cpuMsPerUrl: number;
  /** Seconds on the main thread and on the others (null off Linux). */
  cpuThreads: { mainS: number; othersS: number } | null;
  peakRssMb: number;
  rssPer1000: number;
  startRssMb: number;
  peakHeapMb: number;
  peakHeapTotalMb: number;
  peakExternalMb: number;
  storeMb: number;
  reportsMb: number;
  files: string[];
  phases: Phases | null;
  expectedCount: number;
  maxPerHostInFlight: number;
}

const MD_HEADER = [
  '| mode | URLs | hosts | wall/bound | requests/URL | CPU ms/URL | peak RSS MB | MB per 1,000 URLs | store MB | reports MB | wall s |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
].join('\n');

const f = (n: number | null, d = 2) => (n === null ? '-' : n.toFixed(d));

/** The human lines of a run, then one Markdown table row to paste into a note. */
export function benchLines(s: BenchSettings, fig: BenchFigures, totalUrls: number): string[] {
  const out: string[] = [];
  const phases = fig.phases;
  out.push(
    `${s.skip ? 'SKIP (no network)' : 'web'}: URLs ${s.urls} on ${s.hosts} hosts (busiest ${fig.busiest}), latency ${s.latencyMs} ms, per-host ${s.perHost}, interval ${s.intervalMs} ms, global ${s.concurrency}, page ${s.pageBytes || 'small'}; node ${process.version} ${process.execArgv.join(' ')}`.trimEnd(),
    `verdicts: ${fig.expectedCount} ${s.skip ? 'skipped' : 'ok'} of ${totalUrls}; exit ${fig.exitCode}`,
  );
  for (const p of fig.problems) out.push(`problem: ${p}`);
  out.push(`wall time            ${f(fig.wallS)} s`);
  if (!s.skip) {
    out.push(
      `politeness bound     ${f(fig.boundS)} s`,
      `wall / bound         ${f(fig.ratio, 3)}   (target <= 1.05 at 10,000)`,
    );
    if (phases) {
      out.push(
        `  at the web's real answer time: bound ${f(phases.measuredBoundS)} s, wall / bound ${f(fig.wallS / phases.measuredBoundS, 3)} (the busiest host answered in ${f(phases.busiestAnswerMs, 1)} ms on average, not ${s.latencyMs})`,
      );
    }
    out.push(
      `requests per URL     ${f(fig.requestsPerUrl, 3)}   (target <= 1.1)`,
      `max per-host in flight seen by servers: ${fig.maxPerHostInFlight} (limit ${s.perHost})`,
    );
    if (phases) {
      out.push(
        `phases               first request ${f(phases.firstS)} s; busiest host from ${f(phases.busiestFirstS)} to ${f(phases.busiestLastS)} s (${phases.busiestLate} requests later than its pace allows, ${f(phases.busiestLostS)} s lost; by 5 s: ${phases.busiestLostBy5s.join(' ')}); last request ${f(phases.lastS)} s; after the last answer ${f(phases.afterS)} s (settling ${f(phases.settleS)} s, reports ${f(phases.reportsS)} s)`,
      );
    }
  }
  out.push(
    `CPU time (checker)   ${f(fig.cpuS)} s, ${f(fig.cpuMsPerUrl, 3)} ms per URL   (target <= 1.2)`,
  );
  if (fig.cpuThreads) {
    out.push(
      `  on the main thread ${f(fig.cpuThreads.mainS)} s, on the others ${f(fig.cpuThreads.othersS)} s (V8's garbage collector and compiler helpers, libuv's pool, the store's checkpoint worker)`,
    );
  }
  out.push(
    `peak RSS             ${f(fig.peakRssMb, 1)} MB, ${f(fig.rssPer1000, 1)} MB per 1,000 URLs   (targets: 100k <= 300 MB, 1M <= 1,024 MB); ${f(fig.startRssMb, 1)} MB before the check`,
    `peak JS heap         ${f(fig.peakHeapMb, 1)} MB used of ${f(fig.peakHeapTotalMb, 1)} MB, external+buffers ${f(fig.peakExternalMb, 1)} MB`,
    `history store        ${f(fig.storeMb, 1)} MB   (target at 1M <= 500 MB); reports ${f(fig.reportsMb, 1)} MB: ${fig.files.join(', ')}`,
    `\n${MD_HEADER}`,
    `| ${fig.mode} | ${s.urls} | ${s.hosts} | ${f(fig.ratio, 3)} | ${f(fig.requestsPerUrl, 3)} | ${f(fig.cpuMsPerUrl, 3)} | ${f(fig.peakRssMb, 1)} | ${f(fig.rssPer1000, 1)} | ${f(fig.storeMb, 1)} | ${f(fig.reportsMb, 1)} | ${f(fig.wallS)} |`,
  );
  return out;
}
