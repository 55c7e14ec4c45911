import { readFile, rename } from 'node:fs/promises';
import { readStateFile } from '../state/index.js';
import type { HistoryStore } from './types.js';

/*
 * The history before the store: `state.json` (rotwatch/state@1) and the archive lookup cache
 * `archive-cache.json`. Each is imported once, in one transaction, then renamed aside
 * (`<name>.imported-<time>`, never deleted): the next open finds nothing to import.
 */

export type StateImport =
  | { kind: 'none' }
  | { kind: 'imported'; links: number; runs: number; backup: string }
  /** The store already holds history: importing an older file over it would lose runs. */
  | { kind: 'ignored'; message: string }
  /** The file is unreadable or damaged: left untouched, nothing imported. */
  | { kind: 'damaged'; message: string };

const COLONS_AND_DOTS = /[:.]/g;

/** Stamp for backup names: an ISO time without the characters file systems dislike. */
export function fileStamp(now: Date): string {
  return now.toISOString().replace(COLONS_AND_DOTS, '-');
}

async function isEmpty(store: HistoryStore): Promise<boolean> {
  if ((await store.readRuns(1)).length > 0) return false;
  for await (const _ of store.eachLink()) return false;
  return true;
}

export async function importStateFile(
  store: HistoryStore,
  path: string,
  now: Date = new Date(),
): Promise<StateImport> {
  const read = await readStateFile(path);
  if (!read.ok) return { kind: 'damaged', message: read.error.message };
  if (read.missing) return { kind: 'none' };
  if (!(await isEmpty(store))) {
    return {
      kind: 'ignored',
      message: `${path} was not imported: the history ${store.location} already holds runs. Move the file aside to silence this.`,
    };
  }
  const { links, runs } = read.state;
  await store.importHistory(Object.values(links), runs);
  const backup = `${path}.imported-${fileStamp(now)}`;
  await rename(path, backup);
  return { kind: 'imported', links: Object.keys(links).length, runs: runs.length, backup };
}

interface CacheFileEntry {
  expiresAt?: unknown;
  value?: unknown;
}

/**
 * Imports the unexpired entries of an old archive lookup cache file. A damaged cache file is
 * what it always was, a cache: it is renamed aside like a good one, its entries lost.
 */
export async function importArchiveCacheFile(
  store: HistoryStore,
  path: string,
  now: Date = new Date(),
): Promise<{ entries: number; backup: string } | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  let entries: { key: string; expiresAt: number; value: unknown }[] = [];
  try {
    const parsed = JSON.parse(text) as { version?: unknown; entries?: unknown };
    if (parsed?.version === 1 && parsed.entries && typeof parsed.entries === 'object') {
      entries = Object.entries(parsed.entries as Record<string, CacheFileEntry>)
        .filter(([, e]) => typeof e?.expiresAt === 'number' && e.expiresAt > now.getTime())
        .map(([key, e]) => ({ key, expiresAt: e.expiresAt as number, value: e.value }));
    }
  } catch {
    // Damaged: nothing to import.
  }
  await store.writeCache(entries);
  const backup = `${path}.imported-${fileStamp(now)}`;
  await rename(path, backup);
  return { entries: entries.length, backup };
}
