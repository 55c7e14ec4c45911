/*
 * Is this run bound by one host's pace? A catalogue whose busiest host holds many links cannot
 * end before that host's lane does (its links one interval apart, a few at a time), however
 * fast the rest goes. Its requests must then leave on time: a late one is lost for good. The
 * other hosts have time to spare, so while the run is lane-bound the load follower keeps the
 * event loop nearly idle (loop-load.ts), starting fewer of their requests at once. When the
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
 * lane-bound: a margin for the estimates, so that holding the others back cannot make them last.
 */
export const LANE_BOUND_FACTOR = 2;

/**
 * True when the busiest host's lane outlasts, by LANE_BOUND_FACTOR, both the time the whole work
 * needs under the global cap and the CPU it needs (`cpuMsPerRequest`, null when unknown). Pure.
 */
export function isLaneBound(s: PacingSnapshot, cpuMsPerRequest: number | null): boolean {
  if (!s.top || s.requestMs === null || s.top.work === 0) return false;
  const laneMs = Math.max(
    (s.top.work - 1) * s.top.intervalMs,
    (s.top.work / Math.max(1, s.top.concurrency)) * s.requestMs,
  );
  const networkMs = (s.totalWork / Math.max(1, s.globalConcurrency)) * s.requestMs;
  const cpuMs = s.totalWork * (cpuMsPerRequest ?? 0);
  return laneMs > LANE_BOUND_FACTOR * Math.max(networkMs, cpuMs);
}
