import type { HostLimits } from './host-lane.js';

/*
 * Requests of the hosts with time to spare leave spread out, not in bursts. A run bound by its
 * busiest host's lane has a deadline for everything else: that lane's remaining time. Left to
 * themselves, the other hosts' requests start as fast as slots free, their answers come back
 * together, and the event loop spends 50-240 ms at a time reading them (CPU profile of a
 * 10k-link run's first seconds), while the busiest lane's next request waits in the same loop:
 * late, and lost for good. Spread over a third of the deadline, the same requests arrive a few
 * at a time and the loop answers the lane at once (measured: the lane lost 0.65-0.74 s in the
 * first 10 s instead of 1.15-1.21 s). A lane busy enough to matter is never paced, and a run
 * whose hosts all have about the same work (throughput-bound) has a gap near zero: unpaced.
 */

/** The others' requests are spread over 1/PACE_FACTOR of the busiest lane's remaining time. */
export const PACE_FACTOR = 3;
/**
 * Starts a paced run may make at once. One start per timer would wake the process every few
 * milliseconds (measured: 10-35% more CPU per URL with 2); a few at a time keep the answers
 * spread at the scale that matters (milliseconds), for ~5% more CPU.
 */
export const PACE_BURST = 8;

/** How long a lane still needs at its host's pace: its gaps, or its requests' own time. */
export function laneTimeMs(work: number, limits: HostLimits, requestMs: number): number {
  if (work <= 0) return 0;
  return Math.max((work - 1) * limits.intervalMs, (work / limits.concurrency) * requestMs);
}

/** The pacing in force: the least gap between two paced starts, and who is exempt. */
export interface SparePace {
  /** ms between two starts of lanes with time to spare; 0: no pacing. */
  gapMs: number;
  /** A lane that needs at least this long (ms) is busy enough to go unpaced. */
  unpacedFromMs: number;
}

/**
 * The pacing for the work left: the others' requests spread over 1/PACE_FACTOR of the busiest
 * lane's time; none when the others have no work or nothing is known yet. Pure.
 */
export function sparePace(s: {
  top: { work: number; limits: HostLimits } | null;
  /** Tasks waiting in every lane, the busiest one's included. */
  totalWork: number;
  /** How long a request takes lately; null before the first ended. */
  requestMs: number | null;
}): SparePace {
  const none = { gapMs: 0, unpacedFromMs: 0 };
  if (!s.top || s.requestMs === null) return none;
  const laneMs = laneTimeMs(s.top.work, s.top.limits, s.requestMs);
  const others = s.totalWork - s.top.work;
  if (others <= 0 || laneMs <= 0) return none;
  return { gapMs: laneMs / (PACE_FACTOR * others), unpacedFromMs: laneMs / PACE_FACTOR };
}

/**
 * May a paced request start at `now`, given the earliest start the pacing allows (`pacedAt`)?
 * Yes: the next `pacedAt` (a start uses one gap; time left unused accrues up to PACE_BURST
 * starts). No: when to look again (once a burst's worth is due, not at every gap). Pure.
 */
export function pacedStart(
  pacedAt: number,
  now: number,
  gapMs: number,
): { ok: true; pacedAt: number } | { ok: false; retryAt: number } {
  if (now < pacedAt) return { ok: false, retryAt: pacedAt + (PACE_BURST - 1) * gapMs };
  return { ok: true, pacedAt: Math.max(pacedAt, now - PACE_BURST * gapMs) + gapMs };
}
