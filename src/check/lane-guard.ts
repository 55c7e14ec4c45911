/*
 * While a run is bound by its busiest host's lane (pace-bound.ts), every millisecond that the
 * lane's request waits to leave, or its answer waits to be read, is added to the run's wall
 * time for good, while the other hosts have time to spare. Measured in the first seconds of the
 * 10k bench, while the other 199 hosts are checked at full speed: the busiest host's requests
 * left 4-5 ms after they were admitted (undici writes on a reused connection in the event loop's
 * check phase, behind the page reading and journal batches queued there) and its answers were
 * read 3-4 ms after the server sent them: ~10 ms lost per pair of requests, ~0.7 s in all.
 *
 * The guard marks those two moments of the top lane: from a request's admission until it is on
 * the wire (at most SEND_GUARD_MAX_MS), and a window around the time its answer is due (the
 * lane's round trip, averaged: DUE_LEAD_MS before it to DUE_TAIL_MS after, closed early by the
 * answer). Meanwhile the work that can wait does: other hosts' requests (scheduler.ts), page
 * reading (turn-budget.ts), the journal's batches (journal.ts). From the first round trip on it
 * works only while the run is lane-bound (the load follower says, loop-load.ts): bound by its
 * total work, a run would only take longer for anything held back.
 */

/** The longest a top-lane request waiting to leave holds other work back. */
export const SEND_GUARD_MAX_MS = 20;
/** How long before a top-lane answer is due other work starts waiting. */
export const DUE_LEAD_MS = 3;
/** How long after it was due other work waits for a late answer. */
export const DUE_TAIL_MS = 8;

/** One top-lane request, as the scheduler reports it to the guard. */
export interface GuardedRequest {
  /** The request is on the wire. */
  sent(): void;
  /** The request ended (answered, failed or never sent). */
  ended(): void;
}

interface Span {
  from: number;
  until: number;
}

export class LaneGuard {
  readonly #now: () => number;
  readonly #spans = new Set<Span>();
  /** The top lane's time on the wire (sent to ended), averaged; null before one ended. */
  #wireMs: number | null = null;
  /**
   * On from the start, until the first verdict (the first round trip): the busiest host's first
   * request would otherwise wait behind every other host's first connection.
   */
  #on = true;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Whether the guard holds anything back: only while the run is lane-bound. */
  set enabled(on: boolean) {
    this.#on = on;
    if (!on) this.#spans.clear();
  }

  /** The top lane admitted a request that will say when it leaves. */
  request(): GuardedRequest {
    const admitted = this.#now();
    const sending: Span = { from: admitted, until: admitted + SEND_GUARD_MAX_MS };
    if (this.#on) this.#spans.add(sending);
    let sentAt: number | null = null;
    let due: Span | null = null;
    return {
      sent: () => {
        this.#spans.delete(sending);
        sentAt = this.#now();
        if (this.#on && this.#wireMs !== null) {
          const at = sentAt + this.#wireMs;
          due = { from: at - DUE_LEAD_MS, until: at + DUE_TAIL_MS };
          this.#spans.add(due);
        }
      },
      ended: () => {
        this.#spans.delete(sending);
        if (due) this.#spans.delete(due);
        if (sentAt === null) return;
        const wire = this.#now() - sentAt;
        this.#wireMs = this.#wireMs === null ? wire : this.#wireMs * 0.9 + wire * 0.1;
      },
    };
  }

  /** True while other work should wait. */
  active(now: number = this.#now()): boolean {
    let on = false;
    for (const span of this.#spans) {
      if (now >= span.until) this.#spans.delete(span);
      else if (now >= span.from) on = true;
    }
    return on;
  }

  /** When the guard now in force may lift, at the earliest (+Infinity: none in force). */
  liftsAt(now: number = this.#now()): number {
    let at = Number.POSITIVE_INFINITY;
    for (const span of this.#spans) {
      if (now >= span.from && now < span.until) at = Math.min(at, span.until);
    }
    return at;
  }
}
