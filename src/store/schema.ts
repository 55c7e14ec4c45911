/*
 * The SQLite history's schema, as versioned migrations. `PRAGMA user_version` holds how many
 * have been applied; opening applies the missing ones, each in its own transaction, and refuses
 * a file whose version is newer than this code knows (a newer rotwatch wrote it: an older one
 * must not guess at its meaning). Never edit a released migration: add the next one.
 *
 * Documents (LinkState, HostState, run records, report links) are JSON text, stored whole; only
 * what a query needs is a column of its own.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: links, hosts, runs, archive cache, run journal (rows keyed by the run's number: an
  // integer, not the id's 40 characters, on each of a million rows).
  `
  CREATE TABLE links (
    url TEXT PRIMARY KEY,
    doc TEXT NOT NULL
  );
  CREATE TABLE hosts (
    host TEXT PRIMARY KEY,
    doc TEXT NOT NULL
  );
  CREATE TABLE runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    doc TEXT NOT NULL
  );
  CREATE TABLE archive_cache (
    key TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX archive_cache_expiry ON archive_cache (expires_at);
  CREATE TABLE journal_runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    started_at TEXT NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0,
    info TEXT NOT NULL,
    head TEXT
  );
  CREATE TABLE journal (
    run INTEGER NOT NULL REFERENCES journal_runs (seq),
    url TEXT NOT NULL,
    host TEXT,
    conn_fail INTEGER,
    obs TEXT,
    status TEXT,
    link TEXT,
    fixed TEXT,
    PRIMARY KEY (run, url)
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
