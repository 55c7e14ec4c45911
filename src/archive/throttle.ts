import PQueue from 'p-queue';
import type { HttpResponse, HttpResult } from './http.js';
import { retryAfterMs } from './time.js';

/**
 * One gate per archive endpoint: a sliding-window rate limit, a pause on 429/503 (Retry-After
 * honoured), and a run-long verdict when the archive throttles twice or stays down. Archives
 * block clients that ignore their 429s, so after the second one we stop asking for the run.
 */

export interface GateOptions {
  name: string;
  requests: number;
  intervalMs: number;
  backoffMs: number;
  retryAfterMaxMs: number;
  downAfterFailures: number;
  /**
   * The clock pauses are measured with (ms, monotonic); tests pass one that lags behind the
   * timers. Defaults to `performance.now`.
   */
  now?: () => number;
  /**
   * A limit shared with other processes (src/scale/rates.ts), asked before each request leaves
   * the queue, on top of this gate's own: resolves false when no start comes before the
   * deadline (the request is then not sent, as if the lookup time ran out in the queue).
   */
  shared?: SharedSlot;
  /**
   * The archive host's pacing (host-pace.ts), asked after `shared`, right before the request
   * leaves: false when no start comes before the deadline.
   */
  hostSlot?: SharedSlot;
}

/** Waits for a start under a limit held by several processes; false: none before `deadline`. */
export type SharedSlot = (deadline: number, signal: AbortSignal) => Promise<boolean>;

/** A task that never ran: the shared limit gave it no start in time. */
const NO_START: unique symbol = Symbol('no start');

type GiveUpReason = 'archive-throttled' | 'archive-down';

export type GateResult =
  | { kind: 'response'; res: HttpResponse }
  | { kind: 'failed'; reason: GiveUpReason; message: string };

export interface Gate {
  readonly name: string;
  /** Sends through the queue. `send` gets the time left (ms). Never throws. */
  request(send: (timeLeftMs: number) => Promise<HttpResult>, deadline: number): Promise<GateResult>;
  /** Runs any task under the same rate (for playbacks fetched by the judge). */
  run<T>(task: () => Promise<T>, deadline: number): Promise<{ ok: true; value: T } | { ok: false }>;
  /**
   * A 429 or 503 met by a task sent through `run` (a playback fetched by the judge): pauses the
   * queue or gives up exactly as `request` would. True when one retry is allowed (after the
   * pause), false once the archive is given up for the run.
   */
  notice(status: 429 | 503): boolean;
  /** Null while usable; the reason it is not, for the rest of the run. */
  readonly givenUp: { reason: 'archive-throttled' | 'archive-down'; message: string } | null;
  close(): void;
}

export function createGate(opts: GateOptions): Gate {
  const queue = new PQueue({
    concurrency: 1,
    intervalCap: opts.requests,
    interval: opts.intervalMs,
    strict: true,
  });
  const closing = new AbortController();
  /**
   * The requests waiting in the queue, each with its own controller: close() aborts them. Not a
   * listener each on `closing`: a run puts one lookup per failing link in the queue at once, and
   * as many listeners on one signal is what Node reports as a leak.
   */
  const waiters = new Set<AbortController>();
  let givenUp: Gate['givenUp'] = null;
  let seen429 = 0;
  let seen503 = 0;
  let failuresInARow = 0;
  const clock = opts.now ?? (() => performance.now());
  let pausedUntil = Number.NEGATIVE_INFINITY;
  /** The one timer that ends the pause; null while not paused. */
  let resumeTimer: NodeJS.Timeout | null = null;

  /**
   * Resumes the queue once the clock says the pause is over. A timer may fire a little before
   * that (Node rounds timer times to whole ms of another clock; a clock may lag): it is then
   * armed again for the rest, never dropped, or the queue would stay paused for the whole run
   * and every later request would wait out its lookup time.
   */
  function armResume(): void {
    if (resumeTimer) clearTimeout(resumeTimer);
    resumeTimer = setTimeout(
      () => {
        resumeTimer = null;
        if (closing.signal.aborted) return;
        if (clock() < pausedUntil) armResume();
        else queue.start();
      },
      Math.max(0, pausedUntil - clock()),
    );
  }

  /** Holds the queue for `ms`; a longer pause already running is kept. */
  function pause(ms: number): void {
    const until = clock() + ms;
    if (until <= pausedUntil) return;
    pausedUntil = until;
    queue.pause();
    armResume();
  }

  /** When the task in the queue (one at a time) started; null when none runs. */
  let runningSince: number | null = null;
  /** Time spent running tasks, finished ones. */
  let busyMs = 0;
  const busyUntil = (at: number) => busyMs + (runningSince === null ? 0 : at - runningSince);

  /**
   * Runs `task` in the queue unless the deadline passes while it waits. When it does, says
   * whether the wait was spent behind requests the archive is slow to answer (`slow`: requests
   * were running for at least half the wait) rather than behind the rate limit, during which
   * the queue is idle.
   */
  async function enqueue<T>(
    task: () => Promise<T>,
    deadline: number,
  ): Promise<{ v: T } | { slow: boolean }> {
    const enqueuedAt = Date.now();
    const busyAtEnqueue = busyUntil(enqueuedAt);
    const left = deadline - enqueuedAt;
    if (left <= 0 || closing.signal.aborted) return { slow: false };
    const waiting = new AbortController();
    let started = false;
    let slow = false;
    const t = setTimeout(() => {
      if (started) return;
      const at = Date.now();
      slow = busyUntil(at) - busyAtEnqueue >= (at - enqueuedAt) / 2;
      waiting.abort();
    }, left);
    waiters.add(waiting);
    try {
      const v = await queue.add(
        async () => {
          started = true;
          if (opts.shared && !(await opts.shared(deadline, closing.signal))) return NO_START;
          if (opts.hostSlot && !(await opts.hostSlot(deadline, closing.signal))) return NO_START;
          runningSince = Date.now();
          try {
            return await task();
          } finally {
            busyMs = busyUntil(Date.now());
            runningSince = null;
          }
        },
        { signal: waiting.signal },
      );
      if (v === NO_START) {
        // No start before the deadline: judged like a wait the timer ended. A queue that was
        // busy with a request the archive does not answer is a slow archive, not a rate limit
        // (lookups started together reach their deadlines together: the next one's task began
        // just as the hung request gave up, too late to be sent).
        const at = Date.now();
        return { slow: busyUntil(at) - busyAtEnqueue >= (at - enqueuedAt) / 2 };
      }
      return { v: v as T };
    } catch {
      return { slow };
    } finally {
      clearTimeout(t);
      waiters.delete(waiting);
    }
  }

  function giveUp(reason: 'archive-throttled' | 'archive-down', message: string): GateResult {
    const g = givenUp ?? { reason, message };
    givenUp = g;
    return { kind: 'failed', ...g };
  }

  function failed(reason: 'archive-throttled' | 'archive-down', message: string): GateResult {
    return { kind: 'failed', reason, message };
  }

  function noteFailure(message: string): GateResult {
    failuresInARow++;
    if (failuresInARow >= opts.downAfterFailures) {
      return giveUp(
        'archive-down',
        `${opts.name} looks down (${message}); not asked again this run`,
      );
    }
    return failed('archive-down', `${opts.name} failed: ${message}`);
  }

  /** Read through a function: `givenUp` changes while we await. */
  function stopped(): GateResult | null {
    return givenUp ? { kind: 'failed', ...givenUp } : null;
  }

  type Decision = GateResult | { kind: 'retry'; wait: number; reason: GiveUpReason; what: string };

  /**
   * Judges an answer inside the queue task, so a pause or a give-up takes effect before the
   * queue starts the next request.
   */
  function assess(res: HttpResult): Decision {
    if (!res.ok) {
      if (res.code === 'aborted') return failed('archive-down', res.message);
      return noteFailure(res.message);
    }
    if (res.status === 429 || res.status === 503) {
      const is429 = res.status === 429;
      const count = is429 ? ++seen429 : ++seen503;
      const reason: GiveUpReason = is429 ? 'archive-throttled' : 'archive-down';
      const what = `${opts.name} answered ${res.status}`;
      if (count >= 2) return giveUp(reason, `${what} twice; not asked again this run`);
      const wait = retryAfterMs(res.headers['retry-after'], Date.now()) ?? opts.backoffMs;
      if (wait > opts.retryAfterMaxMs) {
        return giveUp(reason, `${what} with Retry-After ${Math.round(wait / 1000)} s; given up`);
      }
      pause(wait);
      return { kind: 'retry', wait, reason, what };
    }
    if (res.status >= 500) return noteFailure(`HTTP ${res.status}`);
    failuresInARow = 0;
    return { kind: 'response', res };
  }

  async function request(
    send: (timeLeftMs: number) => Promise<HttpResult>,
    deadline: number,
  ): Promise<GateResult> {
    // One retry, after the pause a 429/503 asks for.
    for (let attempt = 0; attempt < 2; attempt++) {
      const before = stopped();
      if (before) return before;
      const out = await enqueue(async (): Promise<Decision> => {
        const stop = stopped();
        if (stop) return stop;
        return assess(await send(Math.max(1, deadline - Date.now())));
      }, deadline);
      if (!('v' in out)) {
        const stop = stopped();
        if (stop) return stop;
        return out.slow
          ? failed(
              'archive-down',
              `${opts.name} is too slow: the lookup time ran out behind a request still waiting for its answer`,
            )
          : failed(
              'archive-throttled',
              `the lookup time ran out waiting for ${opts.name}'s rate limit`,
            );
      }
      const d = out.v;
      if (d.kind !== 'retry') return d;
      if (Date.now() + d.wait >= deadline) {
        const secs = Math.round(d.wait / 1000);
        return failed(d.reason, `${d.what}; paused ${secs} s, past the lookup time`);
      }
    }
    return failed('archive-throttled', `${opts.name} throttled the retry`);
  }

  return {
    name: opts.name,
    request,
    async run(task, deadline) {
      if (givenUp) return { ok: false };
      const out = await enqueue(task, deadline);
      return 'v' in out ? { ok: true, value: out.v } : { ok: false };
    },
    notice(status) {
      if (givenUp) return false;
      const d = assess({ ok: true, url: '', status, headers: {}, body: Buffer.alloc(0) });
      return d.kind === 'retry';
    },
    get givenUp() {
      return givenUp;
    },
    close() {
      closing.abort();
      for (const waiting of waiters) waiting.abort();
      if (resumeTimer) clearTimeout(resumeTimer);
      resumeTimer = null;
      queue.clear();
    },
  };
}
