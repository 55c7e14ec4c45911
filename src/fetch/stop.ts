/*
 * What stops a fetch: the caller's signal and the fetcher's shutdown. Every fetch of a run gets
 * the same caller signal, so listening to it per fetch (an AbortController linking the two, a
 * listener per attempt and per backoff sleep) cost a few event-target calls per request and
 * grew one long listener list: here each signal has one listener, whatever the fetches in
 * flight, and a fetch's watchers are entries in a set.
 */

/** Stops one fetch: `aborted` now, or `watch` to hear it once (returns the unwatch). */
export interface Stop {
  readonly aborted: boolean;
  watch(onStop: () => void): () => void;
}

export class StopRegistry {
  readonly #watchers = new WeakMap<AbortSignal, Set<() => void>>();

  /** A Stop that fires when any of `signals` aborts. */
  stopOf(signals: readonly (AbortSignal | undefined)[]): Stop {
    const list = signals.filter((s): s is AbortSignal => s !== undefined);
    return {
      get aborted() {
        return list.some((s) => s.aborted);
      },
      watch: (onStop) => {
        if (list.some((s) => s.aborted)) {
          onStop();
          return () => {};
        }
        let fired = false;
        const once = () => {
          if (fired) return;
          fired = true;
          onStop();
        };
        const sets = list.map((s) => this.#watchersOf(s));
        for (const set of sets) set.add(once);
        return () => {
          for (const set of sets) set.delete(once);
        };
      },
    };
  }

  #watchersOf(signal: AbortSignal): Set<() => void> {
    let set = this.#watchers.get(signal);
    if (!set) {
      const watchers = new Set<() => void>();
      set = watchers;
      this.#watchers.set(signal, watchers);
      signal.addEventListener(
        'abort',
        () => {
          for (const watcher of [...watchers]) watcher();
          watchers.clear();
        },
        { once: true },
      );
    }
    return set;
  }
}
