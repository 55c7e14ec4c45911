import {
  type HostLane,
  type HostLimits,
  laneStarted,
  newLane,
  pendingTask,
  pickLane,
  SchedulerClosedError,
  takeSlot,
  workOf,
} from './host-lane.js';
import type { LaneGuard } from './lane-guard.js';
import type { SchedulerPacing } from './pace-bound.js';
import type { RequestBudget } from './request-budget.js';

export { type HostLimits, SchedulerClosedError, SEND_WAIT_MAX_MS } from './host-lane.js';

export interface SchedulerOptions {
  /** Requests in flight at once, all hosts together. */
  globalConcurrency: number;
  limitsFor: (host: string) => HostLimits;
  /**
   * The cap on requests in flight to start with (at most `globalConcurrency`); `setCap()` moves
   * it later (see loop-load.ts). Default: `globalConcurrency`.
   */
  initialCap?: number;
  /** Default SEND_WAIT_MAX_MS. */
  sendWaitMaxMs?: number;
  /**
   * Requests in flight shared with the other schedulers of this process (the shards it works
   * at once, request-budget.ts): a request starts only with a slot of it, on top of this one's caps.
   */
  budget?: RequestBudget;
  /** Holds other hosts' requests back around the top lane's (lane-guard.ts); none by default. */
  guard?: LaneGuard;
  now?: () => number;
}

/**
 * Per-host queues under one global cap.
 *
 * A task is admitted (takes a global slot and enters its host's p-queue) only when its host can
 * start it at once: below its concurrency and past its minimum gap. So a global slot is never held by a task that is only waiting for its host's turn,
 * and the global cap never delays a host past its own politeness bound. Among eligible hosts,
 * the one with the most work left goes first: the run can't finish before the busiest host's queue does, so that queue must never
 * stall (longest-queue-first keeps the wall time near the politeness lower bound).
 *
 * The global cap in force (`cap`) may be set below `globalConcurrency` while the process
 * cannot read answers as fast as they come (loop-load.ts): longest-queue-first then leaves out
 * the requests of the hosts with time to spare.
 */
export class HostScheduler {
  readonly #opts: SchedulerOptions;
  readonly #lanes = new Map<string, HostLane>();
  /** Lanes that may have work, those #pump scans: most hosts are done early in a run. */
  readonly #working = new Set<HostLane>();
  readonly #rest = (lane: HostLane) => this.#working.delete(lane);
  readonly #now: () => number;
  #globalInFlight = 0;
  /** Tasks in flight that were admitted over the load cap (see #pump). */
  #overCap = 0;
  #cap: number;
  #capped = false;
  /** How long a request takes, averaged over the last few dozen; null before the first ends. */
  #requestMs: number | null = null;
  #finished = 0;
  #timer: NodeJS.Timeout | null = null;
  #timerAt = Number.POSITIVE_INFINITY;
  #closed = false;
  /** Called by the shared budget when a slot it refused us frees. */
  readonly #wake = () => this.#pump();

  constructor(opts: SchedulerOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? (() => performance.now());
    this.#cap = this.#clampCap(opts.initialCap ?? opts.globalConcurrency);
  }

  /** Requests in flight at once, all hosts together, for now (<= globalConcurrency). */
  get cap(): number {
    return this.#cap;
  }

  /** Moves the cap (kept within 1..globalConcurrency); requests already out are not recalled. */
  setCap(cap: number): void {
    const next = this.#clampCap(cap);
    const grew = next > this.#cap;
    this.#cap = next;
    if (grew) this.#pump();
  }

  /** True when the cap held back a request that could have started, since the last call. */
  takeCapped(): boolean {
    const capped = this.#capped;
    this.#capped = false;
    return capped;
  }

  /** Whether the run is bound by its top lane for now (loop-load.ts): the guard works only then. */
  noteLaneBound(bound: boolean): void {
    if (this.#opts.guard) this.#opts.guard.enabled = bound;
  }

  /** The work left and how long requests take: is the run lane-bound? (pace-bound.ts) */
  pacing(): SchedulerPacing {
    return {
      ...workOf(this.#lanes.values()),
      globalConcurrency: this.#opts.globalConcurrency,
      requestMs: this.#requestMs,
      finished: this.#finished,
    };
  }

  #clampCap(cap: number): number {
    return Math.max(1, Math.min(this.#opts.globalConcurrency, Math.floor(cap)));
  }

  /**
   * Runs `fn` as one request to `host`, under that host's limits and the global cap. With
   * `tracksSend`, `fn` calls `sent()` when its request goes on the wire, and the host's next
   * task waits for that (a task that never calls it counts as sent when it ends); without, the
   * request counts as sent when `fn` starts.
   */
  run<T>(
    host: string,
    fn: (sent: () => void) => Promise<T>,
    opts: { urgent?: boolean; tracksSend?: boolean } = {},
  ): Promise<T> {
    if (this.#closed) return Promise.reject(new SchedulerClosedError('scheduler closed'));
    const lane = this.#lane(host);
    return new Promise<T>((resolve, reject) => {
      const task = pendingTask(fn, opts.tracksSend ?? false, resolve, reject);
      (opts.urgent ? lane.urgent : lane.backlog).push(task);
      this.#working.add(lane);
      this.#pump();
    });
  }

  /**
   * Says that the caller holds `count` more tasks for `host` that it will submit later (replaces
   * the previous count). They weigh in the longest-queue-first order as if queued, so a caller
   * can keep only a few pending tasks per host in memory instead of the whole catalogue without
   * starving its busiest host.
   */
  announce(host: string, count: number): void {
    if (this.#closed) return;
    const lane = this.#lane(host);
    lane.announced = Math.max(0, count);
    if (lane.announced > 0) this.#working.add(lane);
  }

  /**
   * Waits for `host`'s next start slot and takes it (host-lane.ts `takeSlot`), for requests
   * made inside a running task (retries, redirect hops): they are requests to the host like any
   * other and keep its gap.
   */
  async pace(host: string): Promise<void> {
    await takeSlot(this.#lane(host), this.#now);
  }

  /**
   * Says that a request to `host` went on the wire now. Admission counts a host's gap from a
   * task's start, but the request may leave much later (a slow DNS answer, a TLS handshake on
   * a new connection) while the next one leaves at once on a connection already open: the
   * server would see them closer than the interval. The next start is counted from here too.
   */
  sent(host: string): void {
    const lane = this.#lanes.get(host);
    if (lane) laneStarted(lane, this.#now());
  }

  /** Tasks not yet started, all hosts together. */
  get waiting(): number {
    let n = 0;
    for (const lane of this.#lanes.values()) n += lane.urgent.length + lane.backlog.length;
    return n;
  }

  /** Rejects every task not yet started with SchedulerClosedError; running ones finish. */
  close(): void {
    this.#closed = true;
    for (const lane of this.#lanes.values()) {
      for (const task of lane.urgent.splice(0)) task.cancel();
      for (const task of lane.backlog.splice(0)) task.cancel();
      lane.announced = 0;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#opts.budget?.forget(this.#wake);
  }

  #lane(host: string): HostLane {
    let lane = this.#lanes.get(host);
    if (!lane) {
      lane = newLane(host, this.#opts.limitsFor(host));
      this.#lanes.set(host, lane);
    }
    return lane;
  }

  #pump(): void {
    if (this.#closed) return;
    const now = this.#now();
    let nextEligible = Number.POSITIVE_INFINITY;
    let heldByCap = false;
    while (this.#globalInFlight < this.#opts.globalConcurrency) {
      const overCap = this.#globalInFlight >= this.#cap;
      const pick = pickLane(this.#working, now, this.#opts.sendWaitMaxMs, this.#rest);
      nextEligible = Math.min(nextEligible, pick.nextEligible);
      const best = pick.best;
      if (!best) break;
      // The top lane's request about to leave or its answer about to come: the rest waits.
      const guard = this.#opts.guard;
      if (best !== pick.top && guard?.active(now)) {
        nextEligible = Math.min(nextEligible, guard.liftsAt(now));
        break;
      }
      // Over the load cap only the host with more work left than any other may start, and only
      // as many requests as it may have in flight: the run cannot end before its queue does.
      const bypass =
        overCap &&
        best === pick.top &&
        pick.topWork > pick.secondWork &&
        this.#overCap < best.limits.concurrency;
      if (overCap && !bypass) {
        heldByCap = true;
        break;
      }
      // The process's budget is out: the budget wakes us when a slot frees.
      if (this.#opts.budget && !this.#opts.budget.tryTake(this.#wake)) break;
      this.#start(best, now, bypass, best === pick.top);
    }
    if (heldByCap) this.#capped = true;
    if (nextEligible !== Number.POSITIVE_INFINITY) this.#wakeAt(nextEligible);
  }

  #start(lane: HostLane, now: number, overCap: boolean, top: boolean): void {
    const task = (lane.urgent.shift() ?? lane.backlog.shift())!;
    lane.inFlight++;
    laneStarted(lane, this.#now());
    this.#globalInFlight++;
    if (overCap) this.#overCap++;
    let sent = !task.tracksSend;
    if (!sent) lane.unsent.push(now);
    const guarded = !sent && top ? this.#opts.guard?.request() : undefined;
    const settleSend = (): boolean => {
      if (sent) return false;
      sent = true;
      const i = lane.unsent.indexOf(now);
      if (i >= 0) lane.unsent.splice(i, 1);
      return true;
    };
    const markSent = () => {
      if (!settleSend()) return;
      guarded?.sent();
      // The gap counts from when the request left, if that was after its admission.
      laneStarted(lane, this.#now());
      // Called from inside the HTTP client's dispatch: admit the next task after it returns.
      queueMicrotask(() => this.#pump());
    };
    // The gap counts from when the task really starts: under load p-queue may call it a little
    // after admission, and the next start must come an interval after that, not after admission.
    const run = () => {
      laneStarted(lane, this.#now());
      return task.run(markSent);
    };
    void lane.queue.add(run).finally(() => {
      guarded?.ended();
      const took = this.#now() - now;
      this.#requestMs = this.#requestMs === null ? took : this.#requestMs * 0.95 + took * 0.05;
      this.#finished++;
      lane.inFlight--;
      this.#globalInFlight--;
      if (overCap) this.#overCap--;
      this.#opts.budget?.release();
      try {
        // A task that ended without a request on the wire (refused, cancelled) holds nobody back.
        settleSend();
        this.#pump();
      } finally {
        // The caller hears the outcome in the next check phase, after the request just admitted
        // is written: its work on the answer (reading the page, about half a millisecond) would
        // otherwise run first, and the host's next request would leave that much later, every
        // time. (undici writes a request on a reused connection only after a setImmediate of
        // its own, queued before this one.)
        setImmediate(task.settle);
      }
    });
  }

  #wakeAt(at: number): void {
    if (this.#timer && this.#timerAt <= at) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerAt = at;
    // +1 ms: timers may fire a hair early relative to performance.now().
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        this.#timerAt = Number.POSITIVE_INFINITY;
        this.#pump();
      },
      Math.max(0, at - this.#now()) + 1,
    );
  }
}
