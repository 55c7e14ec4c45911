import PQueue from 'p-queue';
import type { PacingSnapshot } from './pace-bound.js';

/*
 * One host's lane in the scheduler: its limits, its queues, and when it may start its next
 * request. The decisions here (when a lane is ready, which lane goes next) are pure functions of
 * the lanes' bookkeeping and the time; the scheduler (scheduler.ts) does the starting.
 */

/** Politeness limits for one host. */
export interface HostLimits {
  /** Requests in flight at once to this host. */
  concurrency: number;
  /** Minimum gap in ms between the starts of two requests to this host. */
  intervalMs: number;
}

export interface PendingTask {
  /** Starts the task; resolves once it ended, whatever its outcome (kept for `settle`). */
  run: (sent: () => void) => Promise<void>;
  /** Hands the ended task's outcome to its caller: called once its slot is free. */
  settle: () => void;
  cancel: () => void;
  /** The task says when its request goes on the wire (`sent`); else it counts as sent at start. */
  tracksSend: boolean;
}

/** Rejection of tasks dropped by the scheduler's `close()` before they started. */
export class SchedulerClosedError extends Error {
  readonly code = 'scheduler-closed';
}

/**
 * `fn` as a lane's task: its outcome is kept once it ends, and handed to the caller (`resolve`,
 * `reject`) only when the scheduler settles it, after the task's slot is free.
 */
export function pendingTask<T>(
  fn: (sent: () => void) => Promise<T>,
  tracksSend: boolean,
  resolve: (value: T) => void,
  reject: (reason: unknown) => void,
): PendingTask {
  let started: Promise<T> | null = null;
  return {
    run: (sent) => {
      try {
        started = fn(sent);
      } catch (err) {
        started = Promise.reject(err);
      }
      // The outcome waits in `started` for `settle`; the queue only needs to know it ended.
      return started.then(
        () => undefined,
        () => undefined,
      );
    },
    settle: () => {
      if (started) started.then(resolve, reject);
      else reject(new SchedulerClosedError('task did not run'));
    },
    cancel: () => reject(new SchedulerClosedError('scheduler closed')),
    tracksSend,
  };
}

/**
 * The longest a host's next request waits for the previous one to go on the wire (see
 * `HostLane.unsent`): a host that takes longer to connect than this gets its next request
 * anyway, or a host that never answers a connection would have only one request at a time.
 */
export const SEND_WAIT_MAX_MS = 2_000;

export interface HostLane {
  host: string;
  limits: HostLimits;
  /**
   * Runs the host's tasks with p-queue's own per-host concurrency and sliding-window gap: the
   * admission rule already keeps both, so this never delays a task in practice, but the
   * politeness guarantee then rests on a well-tested library rather than on our bookkeeping.
   */
  queue: PQueue;
  /** Urgent work (robots.txt, the soft-404 probe) goes before the backlog. */
  urgent: PendingTask[];
  backlog: PendingTask[];
  /** Tasks the caller holds back for later (`announce()`): they weigh as backlog for priority. */
  announced: number;
  inFlight: number;
  /** The latest start, reservations of `pace()` included (may be in the future). */
  lastStart: number;
  /** The latest request that really started or left (no reservation). */
  lastActual: number;
  /**
   * Admission times of the host's tasks whose request has not gone on the wire yet (a DNS
   * answer, a handshake on a new connection). The next task waits for them: it might leave at
   * once on a connection already open and reach the server just before or after the delayed one,
   * whatever the gap between their admissions. Bounded by SEND_WAIT_MAX_MS.
   */
  unsent: number[];
}

/** A lane for `host`, its limits made whole (at least one at a time, no negative gap). */
export function newLane(host: string, requested: HostLimits): HostLane {
  const concurrency = Math.max(1, Math.floor(requested.concurrency));
  const intervalMs = Math.max(0, requested.intervalMs);
  return {
    host,
    limits: { concurrency, intervalMs },
    queue: new PQueue({
      concurrency,
      ...(intervalMs > 0 ? { interval: intervalMs, intervalCap: 1, strict: true } : {}),
    }),
    urgent: [],
    backlog: [],
    announced: 0,
    inFlight: 0,
    lastStart: Number.NEGATIVE_INFINITY,
    lastActual: Number.NEGATIVE_INFINITY,
    unsent: [],
  };
}

/** Tasks waiting in the lane, announced ones included: its weight in longest-queue-first. */
export function laneWork(lane: HostLane): number {
  return lane.urgent.length + lane.backlog.length + lane.announced;
}

/** When `lane` may start its next task: past its gap, and its last request on the wire. */
export function laneReadyAt(lane: HostLane, sendWaitMaxMs = SEND_WAIT_MAX_MS): number {
  const gap = lane.lastStart + lane.limits.intervalMs;
  const oldestUnsent = lane.unsent[0];
  if (oldestUnsent === undefined) return gap;
  return Math.max(gap, oldestUnsent + sendWaitMaxMs);
}

/** The outcome of one look over the lanes (`pickLane`). */
export interface LanePick {
  /** The lane with the most work among those that may start a task now; null: none may. */
  best: HostLane | null;
  /** The lane with the most work of all, and the work of the runner-up. */
  top: HostLane | null;
  topWork: number;
  secondWork: number;
  /** The earliest time a lane held back by its gap may start (+Infinity: none). */
  nextEligible: number;
}

/**
 * Longest-queue-first: which lane starts a task now. A lane may when it has a task queued, a
 * free slot and its gap behind it. Pure, but for telling `idle` of the lanes with no work left.
 */
export function pickLane(
  lanes: Iterable<HostLane>,
  now: number,
  sendWaitMaxMs = SEND_WAIT_MAX_MS,
  /** Told of each lane with no work left (none queued or announced): it can be no pick. */
  idle?: (lane: HostLane) => void,
): LanePick {
  let bestWork = 0;
  const pick: LanePick = {
    best: null,
    top: null,
    topWork: 0,
    secondWork: 0,
    nextEligible: Number.POSITIVE_INFINITY,
  };
  for (const lane of lanes) {
    const queued = lane.urgent.length + lane.backlog.length;
    const work = laneWork(lane);
    if (work === 0) {
      idle?.(lane);
      continue;
    }
    if (work > pick.topWork) {
      pick.secondWork = pick.topWork;
      pick.top = lane;
      pick.topWork = work;
    } else if (work > pick.secondWork) pick.secondWork = work;
    if (queued === 0 || lane.inFlight >= lane.limits.concurrency) continue;
    const readyAt = laneReadyAt(lane, sendWaitMaxMs);
    if (readyAt > now) {
      pick.nextEligible = Math.min(pick.nextEligible, readyAt);
      continue;
    }
    if (!pick.best || work > bestWork) {
      pick.best = lane;
      bestWork = work;
    }
  }
  return pick;
}

/** The work left in all lanes (in flight included), and the lane with the most of it. */
export function workOf(lanes: Iterable<HostLane>): Pick<PacingSnapshot, 'top' | 'totalWork'> {
  let top: PacingSnapshot['top'] = null;
  let totalWork = 0;
  for (const lane of lanes) {
    const work = laneWork(lane) + lane.inFlight;
    totalWork += work;
    if (work > (top?.work ?? 0)) top = { work, ...lane.limits };
  }
  return { top, totalWork };
}

/** A request to the lane's host starts (or leaves) at `now`: its gap counts from there. */
export function laneStarted(lane: HostLane, now: number): void {
  lane.lastActual = Math.max(lane.lastActual, now);
  lane.lastStart = Math.max(lane.lastStart, now);
}

/**
 * Waits for the lane's next start slot and takes it (HostScheduler.pace). The slot is reserved
 * at once, so queued tasks wait behind it, but the request goes only once no other request
 * left within the interval: a timer that fires late (a busy process) must not send it
 * together with a task admitted meanwhile.
 */
export async function takeSlot(lane: HostLane, now: () => number): Promise<void> {
  const interval = lane.limits.intervalMs;
  const at = Math.max(now(), lane.lastStart + interval);
  lane.lastStart = at;
  for (;;) {
    const t = now();
    const ready = Math.max(at, lane.lastActual + interval);
    if (ready <= t) break;
    await new Promise((r) => setTimeout(r, ready - t + 1));
  }
  laneStarted(lane, now());
}
