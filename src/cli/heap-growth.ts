import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';

/*
 * How far V8 lets the heap grow past what survived a full collection before it starts the
 * next one. A fixed 20% (v8-flags.ts) keeps a million-link run's memory low, but at the sizes
 * most runs have (a live heap of 30-60 MB) it means a full collection every 6-12 MB promoted:
 * fourteen in the 10k bench, whose concurrent marking kept V8's helper threads busy for ~3 s
 * (--trace-gc-nvp; the helpers used ~4.5 s of the run's ~14 s of CPU). A headroom of at least
 * HEADROOM_BYTES does six (~10% less CPU per URL in pairs), for ~20 MB more peak memory; past
 * ~160 MB live, 20% is more than that and nothing changes.
 */

/** The old generation may grow by at least this much past what lived after a collection. */
export const HEADROOM_BYTES = 32 * 1024 * 1024;
/** The growing percent never goes below this nor above MAX_PERCENT. */
export const MIN_PERCENT = 20;
export const MAX_PERCENT = 100;

/**
 * V8's `--heap-growing-percent` for a heap of `liveBytes` after a full collection: enough for
 * HEADROOM_BYTES, within MIN_PERCENT..MAX_PERCENT, in steps of 5 (the flag is set rarely).
 */
export function growingPercentFor(liveBytes: number): number {
  const wanted = (HEADROOM_BYTES / Math.max(1, liveBytes)) * 100;
  const stepped = Math.ceil(wanted / 5) * 5;
  return Math.min(MAX_PERCENT, Math.max(MIN_PERCENT, stepped));
}

/**
 * After each full collection, sets the growing percent for the heap that lived through it:
 * V8 reads the flag each time it sets the next collection's limit. Returns the stop function.
 */
export function followHeapGrowth(): () => void {
  // A heap that has not collected yet is small: the most room, until the first full collection.
  let current = MAX_PERCENT;
  setFlagsFromString(`--heap-growing-percent=${current}`);
  const observer = new PerformanceObserver((list) => {
    const major = list.getEntries().some((e) => {
      const detail = (e as { detail?: { kind?: number } }).detail;
      return detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
    });
    if (!major) return;
    const next = growingPercentFor(getHeapStatistics().used_heap_size);
    if (next === current) return;
    current = next;
    setFlagsFromString(`--heap-growing-percent=${next}`);
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
