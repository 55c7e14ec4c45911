/**
 * `npm run bench:series`: the bench (run.ts) several times in a row, each in a fresh process,
 * and the spread of its figures (min, median, max). One run's wall/bound moves by ~0.01 from
 * one minute to the next on a shared 2-core machine (timer lateness, the other process's
 * scheduling): a target near its line is judged on the median of a series, not on one run.
 *
 * - BENCH_RUNS (default 5): runs in the series.
 * - BENCH_AGAINST=<folder>: alternate each run with the same bench of another checkout (its
 *   `build/bench/run.js`, built), and report both series: the machine's drift then weighs on
 *   both alike, which is how a change is measured against the code before it.
 * Every other BENCH_* variable is passed to the runs as it is.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Figures {
  ratio: number | null;
  cpuMsPerUrl: number;
  peakRssMb: number;
  requestsPerUrl: number;
  phases: { firstS: number; afterS: number; reportsS: number | null } | null;
}

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const here = fileURLToPath(new URL('./run.js', import.meta.url));
const against = process.env.BENCH_AGAINST
  ? join(process.env.BENCH_AGAINST, 'build', 'bench', 'run.js')
  : null;

/** One bench run in its own process; its figures (BENCH_JSON line). */
function runOnce(script: string): Figures {
  const out = execFileSync(process.execPath, [script], {
    env: { ...process.env, BENCH_JSON: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = out.split('\n').find((l) => l.startsWith('{"mode"'));
  if (!line) throw new Error(`no figures in the output of ${script}`);
  return JSON.parse(line) as Figures;
}

const series: Record<string, Figures[]> = { this: [] };
if (against) series.against = [];
for (let i = 0; i < RUNS; i++) {
  const f = runOnce(here);
  series.this!.push(f);
  console.log(`run ${i + 1}/${RUNS} this    ${line(f)}`);
  if (against) {
    const g = runOnce(against);
    series.against!.push(g);
    console.log(`run ${i + 1}/${RUNS} against ${line(g)}`);
  }
}

function line(f: Figures): string {
  return `wall/bound ${f.ratio?.toFixed(3) ?? '-'}  CPU ${f.cpuMsPerUrl.toFixed(3)} ms/URL  peak RSS ${f.peakRssMb.toFixed(0)} MB  first request ${f.phases?.firstS.toFixed(2) ?? '-'} s  after the last answer ${f.phases?.afterS.toFixed(2) ?? '-'} s`;
}

/** "min / median / max" of the values (the median of an even count is the mean of the two). */
function spread(values: number[], digits: number): string {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length / 2;
  const median = v.length % 2 ? v[Math.floor(mid)]! : (v[mid - 1]! + v[mid]!) / 2;
  return [v[0]!, median, v.at(-1)!].map((x) => x.toFixed(digits)).join(' / ');
}

console.log('\nmin / median / max');
for (const [name, runs] of Object.entries(series)) {
  const ratios = runs.map((f) => f.ratio).filter((r): r is number => r !== null);
  console.log(
    `${name.padEnd(8)} wall/bound ${ratios.length ? spread(ratios, 3) : '-'}  CPU ms/URL ${spread(
      runs.map((f) => f.cpuMsPerUrl),
      3,
    )}  peak RSS MB ${spread(
      runs.map((f) => f.peakRssMb),
      0,
    )}  requests/URL ${spread(
      runs.map((f) => f.requestsPerUrl),
      3,
    )}`,
  );
}
