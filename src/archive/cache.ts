import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic.js';

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
  get<T>(key: string): T | undefined;
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
