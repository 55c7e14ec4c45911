import type { HostState, LinkState, RunSummaryRecord } from '../model/index.js';
import { redact } from './open.js';
import { createDb, type Db, type PgRetryPolicy, type Queryable } from './postgres-db.js';
import { createPostgresJournal } from './postgres-journal.js';
import { migratePostgres, PG_SCHEMA_VERSION } from './postgres-schema.js';
import type { CacheEntry, HistoryStore, StoreOpenError, StoreOpenResult } from './types.js';

/** Rows per page when a table is read in order, and per batch statement. */
const PAGE = 1_000;

export interface PostgresStoreOptions {
  /** Connections in the pool (default 4). */
  poolSize?: number;
  retry?: PgRetryPolicy;
}

/** A HistoryStore on PostgreSQL, with access to its pool for the scale-out coordination. */
export interface PostgresHistoryStore extends HistoryStore {
  readonly kind: 'postgres';
  readonly db: Db;
  /**
   * `writeRun` for a snapshot's report, with what the snapshot read (scale/snapshot.ts) in the
   * same transaction: a run recorded without its read would make the next snapshot count as new
   * what this one already showed.
   */
  writeSnapshotRun(run: RunSummaryRecord, keep: number, read: string): Promise<void>;
}

/**
 * Opens the shared history on PostgreSQL: connects, applies the missing migrations (safe when
 * several processes start at once), and answers a store whose every write is one transaction
 * of batch statements (UNNEST arrays: one round trip per batch, not per row).
 */
export async function openPostgresStore(
  url: string,
  opts: PostgresStoreOptions = {},
): Promise<StoreOpenResult & ({ ok: false } | { ok: true; store: PostgresHistoryStore })> {
  const location = redact(url);
  const db = createDb({
    connectionString: url,
    max: opts.poolSize ?? 4,
    // Opening gives up sooner than a running store: a wrong URL should say so quickly.
    retry: { giveUpAfterMs: 3_000, firstDelayMs: 100, maxDelayMs: 1_000 },
  });
  try {
    const outcome = await db.tx((c) => migratePostgres(c));
    if (!outcome.ok) {
      await db.close();
      return fail(
        'store-newer-schema',
        location,
        `The history database ${location} has schema version ${outcome.found}, newer than this rotwatch knows (${PG_SCHEMA_VERSION}): a newer rotwatch wrote it. Upgrade rotwatch, or point --store at another database.`,
      );
    }
  } catch (err) {
    await db.close().catch(() => undefined);
    return fail(
      'store-unreachable',
      location,
      `Cannot use the history database ${location}: ${why(err)}. Check that PostgreSQL runs there and the URL (user, password, database) is right.`,
    );
  }
  await db.close();
  const running = createDb({
    connectionString: url,
    max: opts.poolSize ?? 4,
    ...(opts.retry ? { retry: opts.retry } : {}),
  });
  return { ok: true, store: postgresStore(running, location) };
}

/** Deduplicates a batch by key, the last one winning (one statement may not touch a row twice). */
function lastByKey<T>(items: readonly T[], key: (t: T) => string): T[] {
  const m = new Map<string, T>();
  for (const t of items) m.set(key(t), t);
  return [...m.values()];
}

function chunks<T>(items: readonly T[], size = PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const UPSERT_LINKS = `INSERT INTO links (url, doc) SELECT * FROM unnest($1::text[], $2::text[])
  ON CONFLICT (url) DO UPDATE SET doc = excluded.doc`;

function postgresStore(db: Db, location: string): PostgresHistoryStore {
  const upsertLinks = async (c: Queryable, links: readonly LinkState[]) => {
    for (const part of chunks(lastByKey(links, (l) => l.url))) {
      await c.query(UPSERT_LINKS, [part.map((l) => l.url), part.map((l) => JSON.stringify(l))]);
    }
  };
  const insertRuns = async (c: Queryable, runs: readonly RunSummaryRecord[]) => {
    for (const r of runs) {
      await c.query('DELETE FROM runs WHERE id = $1', [r.id]);
      await c.query('INSERT INTO runs (id, doc) VALUES ($1, $2)', [r.id, JSON.stringify(r)]);
    }
  };

  const keepRuns = (c: Queryable, keep: number) =>
    c.query('DELETE FROM runs WHERE seq NOT IN (SELECT seq FROM runs ORDER BY seq DESC LIMIT $1)', [
      Math.max(1, keep),
    ]);

  return {
    kind: 'postgres',
    db,
    location,
    async readLinks(urls) {
      const out = new Map<string, LinkState>();
      for (const part of chunks([...urls])) {
        const res = await db.query<{ url: string; doc: string }>(
          'SELECT url, doc FROM links WHERE url = ANY($1::text[])',
          [part],
        );
        for (const row of res.rows) out.set(row.url, JSON.parse(row.doc) as LinkState);
      }
      return out;
    },
    async writeLinks(links) {
      if (links.length === 0) return;
      await db.tx((c) => upsertLinks(c, links));
    },
    async *eachLink() {
      let after = '';
      for (;;) {
        const res = await db.query<{ url: string; doc: string }>(
          'SELECT url, doc FROM links WHERE url > $1 ORDER BY url LIMIT $2',
          [after, PAGE],
        );
        for (const row of res.rows) yield JSON.parse(row.doc) as LinkState;
        if (res.rows.length < PAGE) return;
        after = (res.rows.at(-1) as { url: string }).url;
      }
    },
    async pruneLinks(keep) {
      const doomed: string[] = [];
      for await (const link of this.eachLink()) if (!keep.has(link.url)) doomed.push(link.url);
      let gone = 0;
      for (const part of chunks(doomed)) {
        const res = await db.query('DELETE FROM links WHERE url = ANY($1::text[])', [part]);
        gone += res.rowCount ?? 0;
      }
      return gone;
    },
    async importHistory(links, runs) {
      await db.tx(async (c) => {
        await upsertLinks(c, links);
        await insertRuns(c, runs);
      });
    },
    async readRuns(limit) {
      if (limit <= 0) return [];
      const res = await db.query<{ doc: string }>(
        'SELECT doc FROM (SELECT seq, doc FROM runs ORDER BY seq DESC LIMIT $1) r ORDER BY seq',
        [limit],
      );
      return res.rows.map((r) => JSON.parse(r.doc) as RunSummaryRecord);
    },
    async writeRun(run, keep) {
      await db.tx(async (c) => {
        await insertRuns(c, [run]);
        await keepRuns(c, keep);
      });
    },
    async writeSnapshotRun(run, keep, read) {
      await db.tx(async (c) => {
        await insertRuns(c, [run]);
        await c.query('UPDATE runs SET store_read = $2 WHERE id = $1', [run.id, read]);
        await keepRuns(c, keep);
      });
    },
    async readHosts(hosts) {
      const out = new Map<string, HostState>();
      for (const part of chunks([...hosts])) {
        const res = await db.query<{ host: string; doc: string }>(
          'SELECT host, doc FROM hosts WHERE host = ANY($1::text[])',
          [part],
        );
        for (const row of res.rows) out.set(row.host, JSON.parse(row.doc) as HostState);
      }
      return out;
    },
    async writeHosts(hosts) {
      if (hosts.length === 0) return;
      await db.tx(async (c) => {
        for (const part of chunks(lastByKey(hosts, (h) => h.host))) {
          await c.query(
            `INSERT INTO hosts (host, doc) SELECT * FROM unnest($1::text[], $2::text[])
             ON CONFLICT (host) DO UPDATE SET doc = excluded.doc`,
            [part.map((h) => h.host), part.map((h) => JSON.stringify(h))],
          );
        }
      });
    },
    async readCache(keys, now) {
      const out = new Map<string, unknown>();
      for (const part of chunks([...keys])) {
        const res = await db.query<{ key: string; doc: string }>(
          'SELECT key, doc FROM archive_cache WHERE key = ANY($1::text[]) AND expires_at > $2',
          [part, now],
        );
        for (const row of res.rows) out.set(row.key, JSON.parse(row.doc));
      }
      return out;
    },
    async writeCache(entries: readonly CacheEntry[]) {
      if (entries.length === 0) return;
      await db.tx(async (c) => {
        for (const part of chunks(lastByKey(entries, (e) => e.key))) {
          await c.query(
            `INSERT INTO archive_cache (key, expires_at, doc)
             SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])
             ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at, doc = excluded.doc`,
            [
              part.map((e) => e.key),
              part.map((e) => Math.round(e.expiresAt)),
              part.map((e) => JSON.stringify(e.value ?? null)),
            ],
          );
        }
      });
    },
    async purgeCache(now) {
      const res = await db.query('DELETE FROM archive_cache WHERE expires_at <= $1', [now]);
      return res.rowCount ?? 0;
    },
    journal: createPostgresJournal(db),
    close: () => db.close(),
  };
}

function why(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

function fail(code: StoreOpenError['code'], location: string, message: string) {
  return { ok: false as const, error: { code, location, message } };
}
