/**
 * A budget of requests in flight shared by several schedulers of one process.
 *
 * A process working several shards of a shared run at once runs one engine (and so one
 * `HostScheduler`) per shard. `--concurrency` is what the user allows the PROCESS: each
 * scheduler takes a slot here before it starts a request and gives it back when the request
 * ends, so all of them together never have more than `limit` requests out, while each keeps
 * its own per-host lanes. Splitting the figure instead (concurrency / shards) left most of it
 * unused whenever some shards had little left to do.
 *
 * A scheduler refused a slot leaves its `wake` callback; a freed slot wakes the waiting
 * schedulers in the order they asked, until the slot is taken (a woken scheduler with nothing
 * ready takes nothing, and the next one is woken), so no shard starves behind another.
 */
export class RequestBudget {
  readonly limit: number;
  #inFlight = 0;
  /** Schedulers refused a slot, in the order they asked (each once). */
  readonly #waiting = new Set<() => void>();
  #waking = false;

  constructor(limit: number) {
    this.limit = Math.max(1, Math.floor(limit));
  }

  /** Requests out now, every scheduler together. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * Takes a slot when one is free (true). Otherwise false, and `wake` is called once a slot
   * frees (the caller then asks again).
   */
  tryTake(wake: () => void): boolean {
    if (this.#inFlight < this.limit) {
      this.#inFlight++;
      this.#waiting.delete(wake);
      return true;
    }
    this.#waiting.add(wake);
    return false;
  }

  /** Gives a slot back and wakes the waiting schedulers while a slot is free. */
  release(): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    // A scheduler woken here may end a request synchronously and release again: the outer
    // loop goes on waking, no nested one.
    if (this.#waking) return;
    this.#waking = true;
    try {
      while (this.#inFlight < this.limit && this.#waiting.size > 0) {
        const [wake] = this.#waiting;
        if (!wake) break;
        this.#waiting.delete(wake);
        wake();
      }
    } finally {
      this.#waking = false;
    }
  }

  /** A scheduler that closed: it asks for nothing more. */
  forget(wake: () => void): void {
    this.#waiting.delete(wake);
  }
}
