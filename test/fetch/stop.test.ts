import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { StopRegistry } from '../../src/fetch/stop.js';

describe('fetch: what stops a fetch (StopRegistry)', () => {
  it('listens once per signal however many fetches watch it, and calls each watcher once', () => {
    const registry = new StopRegistry();
    const caller = new AbortController();
    const shutdown = new AbortController();
    const calls: number[] = [];
    for (let i = 0; i < 100; i++) {
      registry.stopOf([caller.signal, shutdown.signal]).watch(() => calls.push(i));
    }
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1);
    caller.abort();
    shutdown.abort(); // the second signal does not call them again
    expect(calls).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('forgets an unwatched fetch, and says at once when a signal already fired', () => {
    const registry = new StopRegistry();
    const caller = new AbortController();
    const stop = registry.stopOf([caller.signal, undefined]);
    let heard = 0;
    const unwatch = stop.watch(() => heard++);
    unwatch();
    expect(stop.aborted).toBe(false);
    caller.abort();
    expect(heard).toBe(0);
    expect(stop.aborted).toBe(true);
    stop.watch(() => heard++);
    expect(heard).toBe(1);
  });
});
