import type { ReportLink } from '../model/index.js';
import type { LinkRows } from '../report/link-rows.js';

/*
 * The report's per-link texts (src/report/link-rows.ts), rendered while the run has time to
 * spare. A run bound by its busiest host spends its last seconds waiting on that host's answers,
 * the process nearly idle, and then wrote every report file after the last answer: at 10,000
 * links, ~0.2 s of rendering added to the wall time. Links are rendered as they settle, a slice
 * at a time, only when the process was mostly idle since the previous slice and the lane guard
 * holds nothing (its slices must not delay the busiest host's next request or answer). A run
 * that keeps the process busy renders nothing ahead: its reports are written as before.
 */

/** How often the renderer looks whether the process has time. */
export const PRERENDER_TICK_MS = 20;
/** The longest slice of rendering at once: within the lane guard's lead (lane-guard.ts). */
export const PRERENDER_SLICE_MS = 2;
/**
 * The share of a tick the rest of the process may have used (CPU time, every thread) for a
 * slice to run: above it, the process is busy with the check and rendering waits.
 */
export const PRERENDER_IDLE_SHARE = 0.25;

export interface PrerenderOptions {
  /** True while other work must wait (the lane guard is active). */
  hold: () => boolean;
  tickMs?: number;
  sliceMs?: number;
  idleShare?: number;
  now?: () => number;
  /** CPU time used by the process so far, in ms (every thread). */
  cpuMs?: () => number;
}

/** Receives the links the settled mirror keeps (settled-mirror.ts). */
export interface KeptLinks {
  kept(links: readonly ReportLink[]): void;
  /** The mirror gave its links up: nothing it kept will be reported from memory. */
  dropped(): void;
}

export interface Prerenderer extends KeptLinks {
  /** Links waiting to be rendered. */
  readonly waiting: number;
  /** Stops the timer; what waits is dropped (the writers render it). */
  stop(): void;
}

const processCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function prerenderer(rows: LinkRows, opts: PrerenderOptions): Prerenderer {
  const tickMs = opts.tickMs ?? PRERENDER_TICK_MS;
  const sliceMs = opts.sliceMs ?? PRERENDER_SLICE_MS;
  const idleShare = opts.idleShare ?? PRERENDER_IDLE_SHARE;
  const now = opts.now ?? (() => performance.now());
  const cpuMs = opts.cpuMs ?? processCpuMs;
  let queue: ReportLink[] = [];
  let next = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let lastAt = now();
  let lastCpu = cpuMs();
  /** CPU spent rendering in the last slice: not the rest of the process's. */
  let ownMs = 0;

  const tick = () => {
    timer = null;
    const at = now();
    const cpu = cpuMs();
    const elapsed = Math.max(1, at - lastAt);
    const othersShare = Math.max(0, cpu - lastCpu - ownMs) / elapsed;
    lastAt = at;
    lastCpu = cpu;
    ownMs = 0;
    if (othersShare <= idleShare && !opts.hold()) {
      const until = at + sliceMs;
      while (next < queue.length && now() < until) {
        const link = queue[next] as ReportLink;
        // Let go of each link as it is done: the mirror keeps it.
        queue[next++] = undefined as unknown as ReportLink;
        rows.prepare(link);
      }
      ownMs = now() - at;
      if (next === queue.length) {
        queue = [];
        next = 0;
      }
    }
    schedule();
  };
  const schedule = () => {
    if (stopped || timer || next >= queue.length) return;
    timer = setTimeout(tick, tickMs);
    // Rendering ahead never keeps the process alive.
    timer.unref();
  };
  const clear = () => {
    queue = [];
    next = 0;
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    kept(links) {
      if (stopped) return;
      for (const link of links) queue.push(link);
      schedule();
    },
    dropped: clear,
    get waiting() {
      return queue.length - next;
    },
    stop() {
      stopped = true;
      clear();
    },
  };
}
