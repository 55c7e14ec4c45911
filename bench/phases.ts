import { lowerBoundMs } from './bound.js';

/** What the loopback web saw of one host (sent by bench/web.ts). */
export type HostStats = {
  requests: number;
  peak: number;
  first: number;
  last: number;
  starts: number[];
  answeredMs: number;
};

export interface PhaseContext {
  /** Wall clock (ms since the epoch) when the check started, and how long it took. */
  startWall: number;
  wallMs: number;
  latencyMs: number;
  perHost: number;
  intervalMs: number;
  concurrency: number;
  /** URLs of the busiest host, and the politeness bound at the nominal latency. */
  busiestCount: number;
  boundMs: number;
  /** Seconds between two of the run's debug marks (null when one is missing). */
  span: (from: string, to: string) => number | null;
}

/**
 * Where the wall time went, from the servers' side: when the first request came, when the
 * busiest host (whose lane is the lower bound) was served and how much time its lane lost to
 * requests arriving later than its pace allowed, and how long the run took after the last answer
 * (settling and writing the reports).
 */
export function phasesOf(hosts: HostStats[], c: PhaseContext) {
  const seen = hosts.filter((h) => h.requests > 0);
  if (seen.length === 0) return null;
  const busiest = seen.reduce((a, b) => (b.requests > a.requests ? b : a));
  const pace = Math.max(c.intervalMs, c.latencyMs / c.perHost);
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
  const measuredBoundMs = lowerBoundMs([c.busiestCount], {
    latencyMs: busiestAnswerMs,
    perHost: c.perHost,
    intervalMs: c.intervalMs,
    concurrency: c.concurrency,
  });
  return {
    firstS: (Math.min(...seen.map((h) => h.first)) - c.startWall) / 1000,
    busiestFirstS: (busiest.first - c.startWall) / 1000,
    busiestLastS: (busiest.last - c.startWall) / 1000,
    busiestLate: late,
    busiestLostS: lost / 1000,
    busiestLostBy5s: lostBy5s.map((x) => Math.round(x * 100) / 100),
    lastS: (lastWall - c.startWall) / 1000,
    busiestAnswerMs,
    measuredBoundS: Math.max(c.boundMs, measuredBoundMs) / 1000,
    afterS: (c.startWall + c.wallMs - lastWall - c.latencyMs) / 1000,
    settleS: c.span('links checked', 'links settled'),
    reportsS: c.span('links settled', 'reports written'),
  };
}

export type Phases = NonNullable<ReturnType<typeof phasesOf>>;
