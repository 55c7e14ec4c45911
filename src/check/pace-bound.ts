/*
 * Is this run bound by one host's pace? A catalogue whose busiest host holds many links cannot
 * end before that host's lane does (its links one interval apart, a few at a time), however
 * fast the rest goes. Its requests must then leave on time: a late one is lost for good. The
 * other hosts have time to spare, so while the run is lane-bound the load follower keeps the
 * event loop nearly idle (loop-load.ts), starting fewer of their requests at once, and spreads
 * their work over the lane's time (spreadUtilisation). When the
 * run is bound by its total work instead (many small hosts: the global cap, or this process's
 * CPU), holding requests back would only make it longer.
 */

/** What the scheduler knows of the work left, for `isLaneBound`. */
export interface PacingSnapshot {
  /** The host with the most requests left (queued, announced and in flight), with its limits. */
  top: { work: number; concurrency: number; intervalMs: number } | null;
  /** Requests left, all hosts together. */
  totalWork: number;
  globalConcurrency: number;
  /** How long a request typically takes, in ms; null before any has finished. */
  requestMs: number | null;
}

/** The snapshot as the scheduler gives it, with the requests ended so far (for CPU per request). */
export type SchedulerPacing = PacingSnapshot & { finished: number };

/**
 * How much longer than the rest of the work the busiest lane must be for the run to count as
 * lane-bound: a margin for the estimates, so that holding the others back cannot make them last
 * (the share of CPU they are then given grows as their margin shrinks, see `spreadUtilisation`).
 */
export const LANE_BOUND_FACTOR = 1.5;

/**
 * While lane-bound, the rest of the work is spread so that it would end after 1 / SPREAD_MARGIN
 * of the lane's time (two thirds): well before the lane, even if the estimates are low.
 */
export const SPREAD_MARGIN = 1.5;
/**
 * The least CPU share the spread work is given (of one core). Measured on the 10k bench: with
 * the others' pages read as fast as they came (the process at a whole core for ~10 s) the
 * busiest lane lost 1.1-1.5 s in those 10 s; held near half a core, 0.4-0.6 s, and ~0.1 s per
 * 5 s after, about as with the loop idle. A least share of 0.65 did no better than 0.5.
 */
export const MIN_SPREAD_UTILISATION = 0.5;
/** The most: above it the loop is busy and the lane's requests leave late whatever is spread. */
export const MAX_SPREAD_UTILISATION = 0.8;

/**
 * True when the busiest host's lane outlasts, by LANE_BOUND_FACTOR, both the time the whole work
 * needs under the global cap and the CPU it needs (`cpuMsPerRequest`, null when unknown). Pure.
 */
export function isLaneBound(s: PacingSnapshot, cpuMsPerRequest: number | null): boolean {
  const laneMs = laneMsLeft(s);
  if (laneMs === null || s.requestMs === null) return false;
  const networkMs = (s.totalWork / Math.max(1, s.globalConcurrency)) * s.requestMs;
  const cpuMs = s.totalWork * (cpuMsPerRequest ?? 0);
  return laneMs > LANE_BOUND_FACTOR * Math.max(networkMs, cpuMs);
}

/**
 * The CPU share (of one core) the load follower should hold the process to while the run is
 * lane-bound: enough for the work left to end once SPREAD_MARGIN times its CPU has passed of the
 * lane's time, within MIN..MAX_SPREAD_UTILISATION. Done as fast as it comes, the other hosts'
 * pages keep the event loop busy for the first seconds and the lane's requests leave late
 * (each delay lost for good); spread, the loop is mostly idle when the lane needs it. As the
 * margin shrinks the share grows, so spreading cannot make the rest outlast the lane.
 * Null when the run is not lane-bound or the CPU per request is unknown. Pure.
 */
export function spreadUtilisation(
  s: PacingSnapshot,
  cpuMsPerRequest: number | null,
): number | null {
  const laneMs = laneMsLeft(s);
  if (laneMs === null || cpuMsPerRequest === null || !isLaneBound(s, cpuMsPerRequest)) return null;
  const share = (SPREAD_MARGIN * s.totalWork * cpuMsPerRequest) / laneMs;
  return Math.min(MAX_SPREAD_UTILISATION, Math.max(MIN_SPREAD_UTILISATION, share));
}

/** How long the busiest lane still needs, in ms; null when unknown or when no lane has work. */
function laneMsLeft(s: PacingSnapshot): number | null {
  if (!s.top || s.requestMs === null || s.top.work === 0) return null;
  return Math.max(
    (s.top.work - 1) * s.top.intervalMs,
    (s.top.work / Math.max(1, s.top.concurrency)) * s.requestMs,
  );
}
