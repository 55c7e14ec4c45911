import type { Queryable } from './postgres-db.js';

/*
 * The PostgreSQL history's schema, as versioned migrations recorded in `schema_migrations`
 * (one row per applied version). Several processes may start at once against an empty
 * database: the first takes a transaction-level advisory lock, the others wait for it and then
 * find the work done. A database whose version is newer than this code knows is refused (a
 * newer rotwatch wrote it). Never edit a released migration: add the next one.
 *
 * Documents (LinkState, HostState, run records, report links) are JSON text, stored whole, as
 * in the SQLite store: `text`, not `jsonb`, because jsonb refuses the \u0000 a hostile page's
 * title may carry and reorders keys; what a query needs is a column of its own. URLs and hosts
 * sort in code-point order (COLLATE "C"), whatever the database's locale.
 */
export const PG_MIGRATIONS: readonly string[] = [
  // 1: the HistoryStore tables.
  `
  CREATE TABLE links (
    url text COLLATE "C" PRIMARY KEY,
    doc text NOT NULL
  );
  CREATE TABLE hosts (
    host text COLLATE "C" PRIMARY KEY,
    doc text NOT NULL
  );
  CREATE TABLE runs (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    doc text NOT NULL
  );
  CREATE TABLE archive_cache (
    key text PRIMARY KEY,
    expires_at bigint NOT NULL,
    doc text NOT NULL
  );
  CREATE INDEX archive_cache_expiry ON archive_cache (expires_at);
  CREATE TABLE journal_runs (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    started_at text NOT NULL,
    finished boolean NOT NULL DEFAULT false,
    info text NOT NULL,
    head text
  );
  CREATE TABLE journal (
    run bigint NOT NULL REFERENCES journal_runs (seq) ON DELETE CASCADE,
    url text COLLATE "C" NOT NULL,
    host text,
    conn_fail boolean,
    obs text,
    status text,
    unchecked boolean,
    drifted boolean,
    link text,
    fixed text,
    PRIMARY KEY (run, url)
  );
  `,
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;

/** Any constant: the advisory lock every starter takes while it migrates. */
const MIGRATION_LOCK = 0x726f7477; // "rotw"

export type MigrateOutcome = { ok: true; from: number } | { ok: false; found: number };

/** Applies the missing migrations inside the caller's transaction, under the advisory lock. */
export async function migratePostgres(c: Queryable): Promise<MigrateOutcome> {
  await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await c.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version integer PRIMARY KEY,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const res = await c.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM schema_migrations',
  );
  const from = res.rows[0]?.v ?? 0;
  if (from > PG_SCHEMA_VERSION) return { ok: false, found: from };
  for (let v = from; v < PG_MIGRATIONS.length; v++) {
    await c.query(PG_MIGRATIONS[v] as string);
    await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
  }
  return { ok: true, from };
}
