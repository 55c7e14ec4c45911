import { join, resolve } from 'node:path';
import { createMemoryStore } from './memory.js';
import { importArchiveCacheFile, importStateFile } from './migrate.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { StoreOpenResult } from './types.js';

export const DEFAULT_STORE_FILE = 'history.sqlite';

export interface OpenStoreOptions {
  /** Absolute reports directory: holds the default history file and the old state.json. */
  reportDir: string;
  /**
   * `sqlite:PATH` or a plain PATH (relative to `cwd`); default `<reportDir>/history.sqlite`;
   * `postgres://...` or `postgresql://...` for a PostgreSQL database shared by several workers.
   */
  store?: string;
  cwd?: string;
  /** The old archive lookup cache file to import once, when it exists. */
  archiveCacheFile?: string | null;
  now?: () => Date;
}

export type StoreTarget =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; location: string }
  | { kind: 'unsupported'; location: string; message: string };

const LEADING_DOUBLE_SLASH = /^\/\//;
const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Pure: where a `--store` value points. */
export function storeTarget(
  opts: Pick<OpenStoreOptions, 'reportDir' | 'store' | 'cwd'>,
): StoreTarget {
  const cwd = opts.cwd ?? process.cwd();
  const value = opts.store?.trim();
  if (!value) return { kind: 'sqlite', path: join(opts.reportDir, DEFAULT_STORE_FILE) };
  if (value.startsWith('sqlite:')) {
    // sqlite:PATH, or the URL-like sqlite:///abs/path
    const path = value.slice('sqlite:'.length).replace(LEADING_DOUBLE_SLASH, '');
    return { kind: 'sqlite', path: resolve(cwd, path) };
  }
  const scheme = URL_SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme) {
    const location = redact(value);
    if (scheme === 'postgres' || scheme === 'postgresql') {
      return { kind: 'postgres', url: value, location };
    }
    return {
      kind: 'unsupported',
      location,
      message: `--store ${location}: unknown kind of store "${scheme}://"; use a SQLite file (sqlite:PATH or a path) or a PostgreSQL URL (postgres://user:password@host/database).`,
    };
  }
  return { kind: 'sqlite', path: resolve(cwd, value) };
}

const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i;
const PASSWORD_PARAM = /([?&]password=)[^&#]*/gi;

/** A database URL without its password (in the user part or a `password=` parameter). */
export function redact(url: string): string {
  return url.replace(URL_PASSWORD, '$1:***@').replace(PASSWORD_PARAM, '$1***');
}

/**
 * Opens the run history (the SQLite file by default), importing once what older versions
 * kept in files: `state.json` and the archive lookup cache. A damaged state.json is never
 * dropped silently: it is left untouched, and the history opened is an empty one in memory
 * (the run goes on without history, writes none, and says so through `problem`).
 */
export async function openHistoryStore(opts: OpenStoreOptions): Promise<StoreOpenResult> {
  const target = storeTarget(opts);
  if (target.kind === 'unsupported') {
    return {
      ok: false,
      error: { code: 'store-unsupported-url', location: target.location, message: target.message },
    };
  }
  const opened =
    target.kind === 'postgres' ? await openPostgresStore(target.url) : openSqliteStore(target.path);
  if (!opened.ok) return opened;
  const { store } = opened;
  const now = opts.now ?? (() => new Date());
  const notices: string[] = [];
  try {
    const state = await importStateFile(store, join(opts.reportDir, 'state.json'), now());
    if (state.kind === 'damaged') {
      await store.close();
      return { ok: true, store: createMemoryStore(), problem: state.message };
    }
    if (state.kind === 'ignored') notices.push(state.message);
    if (state.kind === 'imported') {
      notices.push(
        `Imported the old history (${state.links} links, ${state.runs} runs) into ${store.location}; the old file is kept as ${state.backup}.`,
      );
    }
    if (opts.archiveCacheFile) {
      const cache = await importArchiveCacheFile(store, opts.archiveCacheFile, now());
      if (cache) {
        notices.push(
          `Imported ${cache.entries} archive lookups into ${store.location}; the old file is kept as ${cache.backup}.`,
        );
      }
    }
  } catch (err) {
    await store.close();
    return {
      ok: false,
      error: {
        code: 'store-unreadable',
        location: store.location,
        message: `Cannot import the old history into ${store.location}: ${(err as Error).message}.`,
      },
    };
  }
  return { ok: true, store, notices };
}
