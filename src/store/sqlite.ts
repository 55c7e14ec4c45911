import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ensureDirSync } from '../fs/dirs.js';
import type { HostState, LinkState, RunSummaryRecord } from '../model/index.js';
import { decodeDoc, encodeDoc } from './compact.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { backgroundCheckpoints } from './sqlite-checkpoints.js';
import { createSqliteJournal } from './sqlite-journal.js';
import { sqliteShapeBook } from './sqlite-shapes.js';
import type { CacheEntry, HistoryStore, StoreOpenError, StoreOpenResult } from './types.js';

/** Rows per page when a table is read in order: bounded memory, few round trips. */
const PAGE = 1_000;

/**
 * The embedded history: one SQLite file (better-sqlite3), WAL mode so a reader (`rotwatch
 * report`, `status`) never blocks the run writing it. Every write method is one transaction,
 * `synchronous = NORMAL`: committed survives a killed process. The API is async like any store's, although
 * better-sqlite3 answers synchronously.
 */
export function openSqliteStore(path: string): StoreOpenResult {
  let db: Database.Database;
  try {
    ensureDirSync(dirname(path));
    db = new Database(path, { timeout: 10_000 });
  } catch (err) {
    return fail('store-unreadable', path, `Cannot open the history file ${path}: ${why(err)}.`);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      db.close();
      return fail(
        'store-newer-schema',
        path,
        `The history file ${path} has schema version ${version}, newer than this rotwatch knows (${SCHEMA_VERSION}): a newer rotwatch wrote it. Upgrade rotwatch, or point --store at another file.`,
      );
    }
    // Space freed by a settled journal (its observations) goes back to the file, not to a
    // free list that only grows: set before the first table exists, it cannot change later.
    if (version === 0) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL commits without waiting for the disk: a commit survives the process
    // being killed (the resume case); a power cut may lose the last ones, never the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, version);
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      return fail(
        'store-corrupt',
        path,
        `The history file ${path} is damaged or not a SQLite database (${why(err)}). Restore it from a backup (see docs/history.md) or move it aside to start the history afresh.`,
      );
    }
    return fail('store-unreadable', path, `Cannot use the history file ${path}: ${why(err)}.`);
  }
  return { ok: true, store: sqliteStore(db, path) };
}

function migrate(db: Database.Database, from: number): void {
  for (let v = from; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

function sqliteStore(db: Database.Database, path: string): HistoryStore {
  const parse = <T>(row: { doc: string }) => JSON.parse(row.doc) as T;
  // Link states in the compact encoding (a million of them); the few others as plain JSON.
  const shapes = sqliteShapeBook(db);
  const linkDoc = (row: { url: string; doc: string }) =>
    decodeDoc(row.doc, shapes, row.url) as LinkState;
  // Encoded before the transaction: a new shape is committed first (see sqlite-shapes.ts).
  const encodeLinks = (links: readonly LinkState[]): [string, string][] =>
    links.map((l) => [l.url, encodeDoc(l, shapes, l.url)]);
  const q = {
    readLinks: db.prepare<[string], { url: string; doc: string }>(
      'SELECT url, doc FROM links WHERE url IN (SELECT value FROM json_each(?))',
    ),
    readLink: db.prepare<[string], { url: string; doc: string }>(
      'SELECT url, doc FROM links WHERE url = ?',
    ),
    writeLink: db.prepare<[string, string]>(
      'INSERT INTO links (url, doc) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET doc = excluded.doc',
    ),
    pageLinks: db.prepare<[string, number], { url: string; doc: string }>(
      'SELECT url, doc FROM links WHERE url > ? ORDER BY url LIMIT ?',
    ),
    deleteLink: db.prepare<[string]>('DELETE FROM links WHERE url = ?'),
    readRuns: db.prepare<[number], { doc: string }>(
      'SELECT doc FROM (SELECT seq, doc FROM runs ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
    deleteRun: db.prepare<[string]>('DELETE FROM runs WHERE id = ?'),
    insertRun: db.prepare<[string, string]>('INSERT INTO runs (id, doc) VALUES (?, ?)'),
    keepRuns: db.prepare<[number]>(
      'DELETE FROM runs WHERE seq NOT IN (SELECT seq FROM runs ORDER BY seq DESC LIMIT ?)',
    ),
    readHosts: db.prepare<[string], { host: string; doc: string }>(
      'SELECT host, doc FROM hosts WHERE host IN (SELECT value FROM json_each(?))',
    ),
    writeHost: db.prepare<[string, string]>(
      'INSERT INTO hosts (host, doc) VALUES (?, ?) ON CONFLICT (host) DO UPDATE SET doc = excluded.doc',
    ),
    readCache: db.prepare<[string, number], { key: string; doc: string }>(
      'SELECT key, doc FROM archive_cache WHERE key IN (SELECT value FROM json_each(?)) AND expires_at > ?',
    ),
    writeCache: db.prepare<[string, number, string]>(
      'INSERT INTO archive_cache (key, expires_at, doc) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at, doc = excluded.doc',
    ),
    purgeCache: db.prepare<[number]>('DELETE FROM archive_cache WHERE expires_at <= ?'),
  };
  const tx = <A extends unknown[]>(fn: (...args: A) => void) => {
    const t = db.transaction(fn);
    return (...args: A) => t.immediate(...args);
  };
  const writeLinks = tx((rows: readonly [string, string][]) => {
    for (const [url, doc] of rows) q.writeLink.run(url, doc);
  });
  const writeHosts = tx((hosts: readonly HostState[]) => {
    for (const h of hosts) q.writeHost.run(h.host, JSON.stringify(h));
  });
  const writeRun = tx((run: RunSummaryRecord, keep: number) => {
    q.deleteRun.run(run.id);
    q.insertRun.run(run.id, JSON.stringify(run));
    q.keepRuns.run(Math.max(1, keep));
  });
  const importHistory = tx(
    (links: readonly [string, string][], runs: readonly RunSummaryRecord[]) => {
      for (const [url, doc] of links) q.writeLink.run(url, doc);
      for (const r of runs) {
        q.deleteRun.run(r.id);
        q.insertRun.run(r.id, JSON.stringify(r));
      }
    },
  );
  const writeCache = tx((entries: readonly CacheEntry[]) => {
    for (const e of entries) q.writeCache.run(e.key, e.expiresAt, JSON.stringify(e.value));
  });
  let closed = false;
  // A run's journal writes are many small commits: the log is folded into the file beside them.
  const checkpoints = backgroundCheckpoints(db, path);
  const journal = createSqliteJournal(db, tx, shapes);

  return {
    location: path,
    async readLinks(urls) {
      const out = new Map<string, LinkState>();
      const list = [...urls];
      // One URL (the engine's usual ask while its work is spread): a plain key lookup, a third of
      // the cost of a one-element list through json_each.
      if (list.length === 1) {
        const row = q.readLink.get(list[0]!);
        if (row) out.set(row.url, linkDoc(row));
        return out;
      }
      for (let i = 0; i < list.length; i += PAGE) {
        const json = JSON.stringify(list.slice(i, i + PAGE));
        for (const row of q.readLinks.iterate(json)) out.set(row.url, linkDoc(row));
      }
      return out;
    },
    async writeLinks(links) {
      if (links.length > 0) writeLinks(encodeLinks(links));
    },
    async *eachLink() {
      let after = '';
      for (;;) {
        const rows = q.pageLinks.all(after, PAGE);
        for (const row of rows) yield linkDoc(row);
        if (rows.length < PAGE) return;
        after = (rows.at(-1) as { url: string }).url;
      }
    },
    async pruneLinks(keep) {
      let gone = 0;
      const doomed: string[] = [];
      const flush = tx((urls: string[]) => {
        for (const url of urls) gone += q.deleteLink.run(url).changes;
      });
      for await (const link of this.eachLink()) {
        if (keep.has(link.url)) continue;
        doomed.push(link.url);
        if (doomed.length >= PAGE) flush(doomed.splice(0));
      }
      flush(doomed);
      return gone;
    },
    async importHistory(links, runs) {
      importHistory(encodeLinks(links), runs);
    },
    async readRuns(limit) {
      if (limit <= 0) return [];
      return q.readRuns.all(limit).map((r) => parse<RunSummaryRecord>(r));
    },
    async writeRun(run, keep) {
      writeRun(run, keep);
      // The run's record comes once its links are all written: the log is folded into the file
      // on the worker while the reports read it, not on this thread when the store closes.
      checkpoints.foldNow();
    },
    async readHosts(hosts) {
      const out = new Map<string, HostState>();
      const json = JSON.stringify([...hosts]);
      for (const row of q.readHosts.iterate(json)) out.set(row.host, parse<HostState>(row));
      return out;
    },
    async writeHosts(hosts) {
      if (hosts.length > 0) writeHosts(hosts);
    },
    async readCache(keys, now) {
      const out = new Map<string, unknown>();
      for (const row of q.readCache.iterate(JSON.stringify([...keys]), now)) {
        out.set(row.key, JSON.parse(row.doc));
      }
      return out;
    },
    async writeCache(entries) {
      if (entries.length > 0) writeCache(entries);
    },
    async purgeCache(now) {
      return q.purgeCache.run(now).changes;
    },
    journal: {
      ...journal,
      async record(runId, rows) {
        checkpoints.start();
        return journal.record(runId, rows);
      },
      async recordSettled(runId, rows, settled, states) {
        checkpoints.start();
        return journal.recordSettled(runId, rows, settled, states);
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      await checkpoints.stop();
      // Folds the WAL back into the file, so a copy of the one file is the whole history, and
      // gives the pages freed during the run back.
      try {
        db.pragma('incremental_vacuum');
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A reader holding the WAL: SQLite checkpoints on its own later.
      }
      db.close();
    },
  };
}

function why(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

function fail(code: StoreOpenError['code'], location: string, message: string): StoreOpenResult {
  return { ok: false, error: { code, location, message } };
}
