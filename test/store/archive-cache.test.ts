import { describe, expect, it } from 'vitest';
import { storeLookupCache } from '../../src/archive/index.js';
import { createMemoryStore, type HistoryStore } from '../../src/store/index.js';

const DAY = 86_400_000;

describe('archive lookup cache in the history store', () => {
  it('answers what was set, writes it at flush, and forgets it once expired', async () => {
    const store = createMemoryStore();
    let now = 1_000_000;
    const cache = storeLookupCache(store, () => now);
    cache.set('k', { captures: 2 }, 1);
    cache.set('never', 'x', 0); // a TTL of 0 caches nothing
    expect(await cache.get('k')).toEqual({ captures: 2 });
    expect(await store.readCache(['k'], now)).toEqual(new Map()); // not written yet
    expect(await cache.flush()).toBeNull();
    expect(Object.fromEntries(await store.readCache(['k', 'never'], now))).toEqual({
      k: { captures: 2 },
    });
    // Another run reads it from the store.
    const next = storeLookupCache(store, () => now);
    expect(await next.get('k')).toEqual({ captures: 2 });
    now += DAY;
    expect(await next.get('k')).toBeUndefined();
    // The first flush of a run purges what has expired.
    expect(await next.flush()).toBeNull();
    expect(await store.purgeCache(now)).toBe(0);
  });

  it('never throws: a failing store is a miss, and a message from flush', async () => {
    const broken = {
      ...createMemoryStore(),
      location: '/data/history.sqlite',
      readCache: async () => {
        throw new Error('disk I/O error');
      },
      writeCache: async () => {
        throw new Error('database is locked');
      },
    } as HistoryStore;
    const cache = storeLookupCache(broken, () => 0);
    expect(await cache.get('k')).toBeUndefined();
    cache.set('k', 1, 1);
    expect(await cache.flush()).toBe(
      'archive cache not written to /data/history.sqlite: database is locked',
    );
  });
});
