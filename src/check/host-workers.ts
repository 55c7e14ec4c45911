import type { CheckOptions } from '../config/options.js';
import type { Target } from '../model/index.js';
import { type PlannedTarget, planTargets } from './plan.js';
import type { HostScheduler } from './scheduler.js';

/*
 * Each host's targets wait as plain data; only a few per host at a time become pending work
 * (promises, closures, scheduler tasks). The rest is announced to the scheduler, which still
 * serves the host with the most left first. Memory then does not grow with the catalogue.
 */

export type FetchItem = Extract<PlannedTarget, { kind: 'fetch' }>;

/**
 * Checks under way per host beyond its request slots: one waits in the scheduler to start the
 * moment a slot frees. More only adds pending state that lives long enough to be promoted to
 * V8's old generation (measured: 2 per slot + 1 peaked ~5 MB higher, same wall time).
 */
const SPARE_WORKERS = 1;
/**
 * Checks a host's worker may leave unfinished once their page is read, waiting for their
 * verdict (the host's probe answer, the journal): it fetches its next link meanwhile. Without
 * this the host's first pages all waited for its probe, and its lane stood idle: ~0.15-0.25 s
 * at the start of the 10k bench's busiest host, lost for good.
 */
const UNFINISHED_PER_WORKER = 4;

/** Targets of one host waiting to be checked, in catalogue order; they share its headers. */
export interface HostQueue {
  targets: (Target | undefined)[];
  headers: Record<string, string>;
}

/** The plan, with the targets to fetch grouped by host (in catalogue order within a host). */
export function planByHost(targets: Target[], options: CheckOptions) {
  const plan = planTargets(targets, options);
  const skips: PlannedTarget[] = [];
  const byHost = new Map<string, HostQueue>();
  for (const item of plan.items) {
    if (item.kind === 'skip') skips.push(item);
    else {
      const queue = byHost.get(item.host);
      // Extra headers come from the host's configuration: the same for all its targets.
      if (queue) queue.targets.push(item.target);
      else byHost.set(item.host, { targets: [item.target], headers: item.headers });
    }
  }
  return { skips, byHost, total: plan.items.length, badPatterns: plan.badPatterns };
}

export interface HostWorkersOptions {
  scheduler: Pick<HostScheduler, 'announce'>;
  /** Requests the host may have in flight at once: its workers are one more. */
  width: (host: string) => number;
  /** Checks one target; calls `read()` once its page is read (the rest may wait). */
  check: (item: FetchItem, read: () => void) => Promise<void>;
  signal?: AbortSignal;
}

/** Checks every host's targets, a few at a time per host; resolves when all are done. */
export async function runHostWorkers(
  byHost: Map<string, HostQueue>,
  { scheduler, width, check, signal }: HostWorkersOptions,
): Promise<void> {
  const workers: Promise<void>[] = [];
  for (const [host, queue] of byHost) {
    const { targets: waiting, headers } = queue;
    let next = 0;
    scheduler.announce(host, waiting.length);
    const worker = async () => {
      const unfinished = new Set<Promise<void>>();
      while (next < waiting.length && !signal?.aborted) {
        const target = waiting[next];
        // Dropped once taken: checked targets are not kept alive by their host's list.
        waiting[next++] = undefined;
        scheduler.announce(host, waiting.length - next);
        if (!target) continue;
        // Parsed again here rather than kept from the plan: a URL object per waiting target
        // costs about 400 bytes, and it parsed once already.
        const item: FetchItem = { kind: 'fetch', target, url: new URL(target.url), host, headers };
        let read = () => {};
        const pageRead = new Promise<void>((resolve) => {
          read = resolve;
        });
        const checking: Promise<void> = check(item, read)
          .catch(() => undefined)
          .finally(() => {
            read();
            unfinished.delete(checking);
          });
        unfinished.add(checking);
        await pageRead;
        while (unfinished.size >= UNFINISHED_PER_WORKER) await Promise.race(unfinished);
      }
      await Promise.all(unfinished);
    };
    const count = Math.min(waiting.length, width(host) + SPARE_WORKERS);
    for (let i = 0; i < count; i++) workers.push(worker());
  }
  await Promise.all(workers);
}
