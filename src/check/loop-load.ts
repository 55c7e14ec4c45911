import { isLaneBound, type SchedulerPacing, spreadUtilisation } from './pace-bound.js';

/*
 * How many requests may be out at once is also bounded by how fast this process can read the
 * answers. Every answer costs CPU (parse, classify, record); past what one core can do, answers
 * queue in the event loop, and every host's requests wait there too, the busiest host's
 * included: its slots stay held and its gap timers fire late, so the run drifts away from its
 * politeness bound although the checker is "busy". The cure is to start fewer requests at once
 * when the loop falls behind: the scheduler serves the hosts with the most work first, so the
 * requests left out are those of hosts that have time to spare.
 *
 * The signals are the event loop's lag (how late a timer fires) and the CPU this process used
 * (user + system time per elapsed time), sampled by one timer. Lag alone also grows when other
 * processes take the CPU: fewer requests would not help then, so the cap only shrinks when the
 * loop is late while this process uses about a whole core. It follows additively up and
 * multiplicatively down (AIMD), between a floor and the configured global concurrency.
 *
 * How late is too late depends on what bounds the run (pace-bound.ts). Bound by its busiest
 * host's lane, every request of that lane leaves late by about the loop's lag, and those delays
 * add up to the run's wall time (measured: a lag held near 10 ms lost that lane ~1 s in the
 * first seconds of a 10k-link run): the loop is then kept nearly idle, and once the CPU per
 * request is known the process is held to the share of a core that spreads the rest of the work
 * over the lane's time (pace-bound.ts, spreadUtilisation), however prompt the loop: answers come
 * in bursts, and a loop busy most of the time makes the lane's requests late even when its
 * timers are not. Bound by its total work, the loop may lag more, as fewer requests at once
 * would only make the run longer.
 */

/** Lag above which the loop is behind: the cap shrinks. */
export const HIGH_LAG_MS = 15;
/** Lag below which the loop keeps up: the cap may grow, if it was in the way. */
export const LOW_LAG_MS = 5;
/** The same two thresholds while the run is bound by one host's lane. */
export const LANE_BOUND_HIGH_LAG_MS = 3;
export const LANE_BOUND_LOW_LAG_MS = 1;
/** CPU share (of one core) above which the loop is busy with our own work. */
export const BUSY_UTILISATION = 0.8;
/** CPU share below which the process has time to spare, however late its timers. */
export const IDLE_UTILISATION = 0.5;
/** Requests that end before the CPU they cost is used to tell what bounds the run. */
export const WARM_UP_REQUESTS = 256;
/**
 * Requests whose CPU is weighed together for one estimate of the CPU per request: one sample
 * (25 ms) ends a handful, or none, and their ratio swung so much that the run went in and out of
 * being lane-bound several times a second.
 */
export const CPU_ESTIMATE_REQUESTS = 32;
/** Weight of the newest sample in the smoothed utilisation (~100 ms of memory at SAMPLE_MS). */
const UTILISATION_SMOOTHING = 0.25;
/** The cap grows under a spread target only while the loop stays this far below it. */
const SPREAD_GROW_BELOW = 0.85;
/** How often the lag is sampled and the cap adjusted. */
export const SAMPLE_MS = 25;

export interface CapBounds {
  min: number;
  max: number;
}

/** One sample of the event loop. */
export interface LoopSample {
  /** How late the sampling timer fired, in ms. */
  lagMs: number;
  /** CPU time this process used since the last sample, per elapsed time (1: a whole core). */
  utilisation: number;
  /** True when the cap held back a request that could have started since the last sample. */
  capped: boolean;
  /** True when the run is bound by its busiest host's lane (pace-bound.ts). */
  laneBound?: boolean;
  /**
   * While lane-bound with the CPU per request known: the CPU share to hold the process to
   * (pace-bound.ts, spreadUtilisation), and the utilisation over the last ~100 ms it is weighed
   * against (one sample's swings too much to aim at). Absent, the lag decides alone.
   */
  spread?: { target: number; smoothed: number };
}

/**
 * The next global cap. Down by a fifth when the loop is late and busy; up by an eighth (at
 * least one) when it keeps up or has time to spare and the cap held requests back; else
 * unchanged. "Late" is stricter while the run is lane-bound. Pure.
 */
export function nextCap(cap: number, s: LoopSample, bounds: CapBounds): number {
  if (s.laneBound && s.spread) return spreadCap(cap, s, s.spread, bounds);
  const high = s.laneBound ? LANE_BOUND_HIGH_LAG_MS : HIGH_LAG_MS;
  const low = s.laneBound ? LANE_BOUND_LOW_LAG_MS : LOW_LAG_MS;
  let next = cap;
  if (s.lagMs > high && s.utilisation > BUSY_UTILISATION) next = Math.floor(cap * 0.8);
  else if (s.capped && (s.lagMs < low || s.utilisation < IDLE_UTILISATION)) {
    next = cap + Math.max(1, Math.ceil(cap / 8));
  }
  return Math.min(bounds.max, Math.max(bounds.min, next));
}

/**
 * The cap while the rest of a lane-bound run is spread: down by a fifth when the process uses
 * more CPU than its target (or its loop is late and busy), up by an eighth when the cap held
 * requests back and it stays well below the target with a prompt loop.
 */
function spreadCap(
  cap: number,
  s: LoopSample,
  { target, smoothed: used }: { target: number; smoothed: number },
  bounds: CapBounds,
): number {
  let next = cap;
  const late = s.lagMs > LANE_BOUND_HIGH_LAG_MS;
  if (used > target || (late && s.utilisation > BUSY_UTILISATION)) next = Math.floor(cap * 0.8);
  else if (s.capped && !late && used < target * SPREAD_GROW_BELOW) {
    next = cap + Math.max(1, Math.ceil(cap / 8));
  }
  return Math.min(bounds.max, Math.max(bounds.min, next));
}

/** What the load follower needs of the scheduler. */
export interface CapTarget {
  readonly cap: number;
  setCap(cap: number): void;
  /** True when the cap held back a request that could have started since the last call. */
  takeCapped(): boolean;
  /** The work left, to tell whether the run is lane-bound; without it, it never is. */
  pacing?(): SchedulerPacing;
  /** Told at each sample whether the run is lane-bound (lane-guard.ts works only then). */
  noteLaneBound?(bound: boolean): void;
}

/**
 * Samples the event loop's lag every SAMPLE_MS and moves `target`'s cap after it. The timer
 * does not keep the process alive; `stop()` ends it.
 */
export function followLoopLoad(target: CapTarget, bounds: CapBounds): { stop(): void } {
  let last = performance.now();
  let expected = last + SAMPLE_MS;
  let cpu = process.cpuUsage();
  const step = loadStep(target, bounds);
  const timer = setInterval(() => {
    const t = performance.now();
    const lagMs = Math.max(0, t - expected);
    expected = t + SAMPLE_MS;
    // One reading per sample (a system call): the difference from the last one.
    const now = process.cpuUsage();
    const cpuUsedMs = (now.user - cpu.user + now.system - cpu.system) / 1000;
    cpu = now;
    step({ lagMs, cpuUsedMs, elapsedMs: t - last });
    last = t;
  }, SAMPLE_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** What one sample measured: the timer's lag, and the CPU used over the time since the last. */
export interface LoadMeasure {
  lagMs: number;
  cpuUsedMs: number;
  elapsedMs: number;
}

/**
 * The follower's decision for each sample, apart from the clock and the CPU counters that feed
 * it: tells whether the run is lane-bound from `target.pacing()`, then moves the cap.
 */
export function loadStep(target: CapTarget, bounds: CapBounds): (m: LoadMeasure) => void {
  let finished = 0;
  let cpuMs: number | null = null;
  // CPU and requests since the last estimate.
  let pendingCpuMs = 0;
  let pendingEnded = 0;
  let smoothed: number | null = null;
  return ({ lagMs, cpuUsedMs, elapsedMs }) => {
    const utilisation = cpuUsedMs / Math.max(1, elapsedMs);
    smoothed =
      smoothed === null
        ? utilisation
        : smoothed * (1 - UTILISATION_SMOOTHING) + utilisation * UTILISATION_SMOOTHING;
    const capped = target.takeCapped();
    const pacing = target.pacing?.();
    let laneBound = false;
    let targetUtilisation: number | null = null;
    if (pacing) {
      // CPU per request lately. The first requests cost much more (connections, compiling the
      // code) and would pass for a CPU-bound run just when the lane needs the loop most: until
      // WARM_UP_REQUESTS have ended, the CPU is not weighed.
      const ended = pacing.finished - finished;
      finished = pacing.finished;
      if (finished >= WARM_UP_REQUESTS) {
        pendingCpuMs += cpuUsedMs;
        pendingEnded += ended;
        if (pendingEnded >= CPU_ESTIMATE_REQUESTS) {
          const perRequest = pendingCpuMs / pendingEnded;
          cpuMs = cpuMs === null ? perRequest : cpuMs * 0.7 + perRequest * 0.3;
          pendingCpuMs = 0;
          pendingEnded = 0;
        }
      }
      laneBound = isLaneBound(pacing, cpuMs);
      targetUtilisation = spreadUtilisation(pacing, cpuMs);
      // No verdict before a request ended (how long they take is unknown until then).
      if (pacing.requestMs !== null) target.noteLaneBound?.(laneBound);
    }
    const sample: LoopSample = { lagMs, utilisation, capped, laneBound };
    if (targetUtilisation !== null) sample.spread = { target: targetUtilisation, smoothed };
    target.setCap(nextCap(target.cap, sample, bounds));
  };
}
