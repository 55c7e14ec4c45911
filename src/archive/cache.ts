import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic.js';
import type { CacheEntry, HistoryStore } from '../store/index.js';

/**
 * Lookup cache kept between runs: a dead link's captures rarely change, and every request
 * spared is one the archives do not have to throttle. One JSON file, written atomically
 * (temp file + rename). Entries carry their own expiry; a damaged file is started afresh.
 */

interface Entry {
  storedAt: string;
  expiresAt: number;
  value: unknown;
}

interface CacheFile {
  version: 1;
  entries: Record<string, Entry>;
}

export interface LookupCache {
  get<T>(key: string): T | undefined | Promise<T | undefined>;
  set(key: string, value: unknown, ttlDays: number): void;
  /** Writes the file if anything changed. Never throws; returns an error message instead. */
  flush(): Promise<string | null>;
}

const DAY_MS = 86_400_000;

export async function openLookupCache(
  path: string | null,
  now: () => number = Date.now,
): Promise<LookupCache> {
  let data: CacheFile = { version: 1, entries: {} };
  if (path) {
    try {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as CacheFile;
      if (parsed?.version === 1 && parsed.entries && typeof parsed.entries === 'object') {
        data = parsed;
      }
    } catch {
      // Missing or damaged: start empty.
    }
  }
  // Drop expired entries so the file does not grow without end.
  for (const [k, e] of Object.entries(data.entries)) {
    if (!(e.expiresAt > now())) delete data.entries[k];
  }
  let dirty = false;
  let writing: Promise<string | null> = Promise.resolve(null);

  async function write(): Promise<string | null> {
    if (!path || !dirty) return null;
    dirty = false;
    try {
      await writeFileAtomic(path, `${JSON.stringify(data)}\n`);
      return null;
    } catch (err) {
      dirty = true;
      return `archive cache not written to ${path}: ${(err as Error).message}`;
    }
  }

  return {
    get<T>(key: string): T | undefined {
      const e = data.entries[key];
      if (!e) return undefined;
      if (!(e.expiresAt > now())) {
        delete data.entries[key];
        return undefined;
      }
      return e.value as T;
    },
    set(key, value, ttlDays) {
      if (ttlDays <= 0) return;
      const t = now();
      data.entries[key] = {
        storedAt: new Date(t).toISOString(),
        expiresAt: t + ttlDays * DAY_MS,
        value,
      };
      dirty = true;
    },
    flush() {
      // Serialised: two flushes never race on the temp file.
      writing = writing.then(write, write);
      return writing;
    },
  };
}

/**
 * The same cache kept in the history store (a CLI run): an entry is read when a lookup needs
 * it, writes wait in memory until `flush` (after each lookup). Expired entries are purged at
 * the first flush. Like the file cache, it never throws: a store that fails is a cache miss,
 * or a message from `flush`.
 */
export function storeLookupCache(store: HistoryStore, now: () => number = Date.now): LookupCache {
  const pending = new Map<string, CacheEntry>();
  let purged = false;
  let writing: Promise<string | null> = Promise.resolve(null);
  async function write(): Promise<string | null> {
    const entries = [...pending.values()];
    try {
      if (!purged) {
        purged = true;
        await store.purgeCache(now());
      }
      if (entries.length === 0) return null;
      await store.writeCache(entries);
      for (const e of entries) if (pending.get(e.key) === e) pending.delete(e.key);
      return null;
    } catch (err) {
      return `archive cache not written to ${store.location}: ${(err as Error).message}`;
    }
  }
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const waiting = pending.get(key);
      if (waiting) return waiting.expiresAt > now() ? (waiting.value as T) : undefined;
      try {
        return (await store.readCache([key], now())).get(key) as T | undefined;
      } catch {
        return undefined;
      }
    },
    set(key, value, ttlDays) {
      if (ttlDays <= 0) return;
      pending.set(key, { key, expiresAt: now() + ttlDays * DAY_MS, value });
    },
    flush() {
      writing = writing.then(write, write);
      return writing;
    },
  };
}
