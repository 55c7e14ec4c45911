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
  // 2: several processes sharing runs (src/scale/): the run's targets loaded once, its shards
  // (one per registrable domain) each leased to one process at a time, when each link is due,
  // and shared rate limits (token buckets) for the archives.
  `
  CREATE TABLE shared_runs (
    run bigint PRIMARY KEY REFERENCES journal_runs (seq) ON DELETE CASCADE,
    key text NOT NULL,
    touched_at timestamptz NOT NULL DEFAULT now(),
    finisher text,
    finisher_until timestamptz
  );
  CREATE INDEX shared_runs_key ON shared_runs (key, run);
  CREATE TABLE run_shards (
    run bigint NOT NULL REFERENCES journal_runs (seq) ON DELETE CASCADE,
    shard text COLLATE "C" NOT NULL,
    urls integer NOT NULL,
    done boolean NOT NULL DEFAULT false,
    owner text,
    leased_until timestamptz,
    leases integer NOT NULL DEFAULT 0,
    PRIMARY KEY (run, shard)
  );
  CREATE INDEX run_shards_open ON run_shards (run, leased_until) WHERE NOT done;
  CREATE TABLE run_targets (
    run bigint NOT NULL REFERENCES journal_runs (seq) ON DELETE CASCADE,
    shard text COLLATE "C" NOT NULL,
    url text COLLATE "C" NOT NULL,
    doc text NOT NULL,
    PRIMARY KEY (run, shard, url)
  );
  CREATE TABLE link_due (
    url text COLLATE "C" PRIMARY KEY,
    due_at timestamptz NOT NULL
  );
  CREATE INDEX link_due_at ON link_due (due_at);
  CREATE TABLE rate_buckets (
    name text PRIMARY KEY,
    tokens double precision NOT NULL,
    updated_at timestamptz NOT NULL
  );
  `,
  // 3: each link's latest settled report link, whichever run checked it: the snapshot of the
  // store that a worker checking due links sends weekly (src/scale/snapshot.ts). Filled when a
  // run finishes; seeded here from the newest finished run.
  `
  -- When the settled link was checked (its checkedAt): a column, as a NUL escape in a title makes
  -- PostgreSQL's JSON operators refuse the document.
  ALTER TABLE journal ADD COLUMN checked_at text;
  CREATE TABLE latest_links (
    url text COLLATE "C" PRIMARY KEY,
    status text NOT NULL,
    unchecked boolean NOT NULL,
    drifted boolean NOT NULL,
    checked_at text,
    link text NOT NULL,
    fixed text
  );
  INSERT INTO latest_links (url, status, unchecked, drifted, checked_at, link, fixed)
    SELECT url, status, coalesce(unchecked, false), coalesce(drifted, false),
      substring(link from '"checkedAt":"([^"]*)"'), link, fixed
    FROM journal
    WHERE link IS NOT NULL AND run = (SELECT max(seq) FROM journal_runs WHERE finished);
  `,
  // 4: archive rate limits shared by every process (src/scale/rates.ts): per limit, the start
  // times (ms, the database's clock) of its requests in the current window. Replaces the
  // token buckets planned in 2, never used: a bucket lets twice its size through in one window.
  `
  DROP TABLE rate_buckets;
  CREATE TABLE rate_windows (
    name text PRIMARY KEY,
    starts bigint[] NOT NULL
  );
  `,
  // 5: what is new to the weekly snapshot (src/scale/snapshot-since.ts). Each link's current
  // failure, and its current fix, keep when they were recorded (the check's time and the
  // recording transaction) across later checks that find the link the same; each snapshot
  // keeps what it read (txid_current_snapshot()), so the next one lists exactly what it did
  // not see. txid_* rather than xid8: the same functions from PostgreSQL 12 on.
  `
  ALTER TABLE latest_links ADD COLUMN new_at text, ADD COLUMN new_txid bigint,
    ADD COLUMN fixed_at text, ADD COLUMN fixed_txid bigint;
  UPDATE latest_links SET new_at = checked_at WHERE link ~ '"newFailure":true';
  UPDATE latest_links SET fixed_at = checked_at WHERE fixed IS NOT NULL;
  ALTER TABLE runs ADD COLUMN store_read text;
  `,
  // 6: one weekly snapshot per schedule tick among the due-only workers sharing the store
  // (src/scale/snapshot-claim.ts): per catalogue, who took the last one and when.
  `
  CREATE TABLE snapshot_claims (
    key text PRIMARY KEY,
    taken_at timestamptz NOT NULL,
    claimant text NOT NULL
  );
  `,
  // 7: a claim is kept until its report is sent (src/scale/snapshot-claim.ts): the holder marks
  // it alive while it works and done at the end, so the others take over a holder that failed
  // or died. Claims made before were all finished or abandoned long ago: done.
  `
  ALTER TABLE snapshot_claims ADD COLUMN alive_at timestamptz, ADD COLUMN done_at timestamptz;
  UPDATE snapshot_claims SET alive_at = taken_at, done_at = taken_at;
  ALTER TABLE snapshot_claims ALTER COLUMN alive_at SET NOT NULL;
  `,
  // 8: probe answers are kept per origin (`https://example.org`), no longer per host, as in
  // the SQLite store's migration 3: a row keyed by a host alone cannot say which origin (http://
  // or https://) it was probed on. Dropped: each origin is probed once more.
  `
  DELETE FROM hosts WHERE strpos(host, '://') = 0;
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
