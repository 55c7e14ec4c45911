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
  // 2: a million links in a few hundred MB (issue 9).
  // - Documents in the compact encoding of compact.ts, whose key lists live in `shapes`. Rows
  //   written before stay plain JSON, which the decoder reads as it is.
  // - Tables keyed by their primary key alone (WITHOUT ROWID): a URL stored once, not in the
  //   table and again in its index.
  // - The settled report links move to `journal_links`, written in URL order as the run settles
  //   (dense pages); `journal` keeps only what a run in progress needs (observations, host
  //   health; `obs` NULL once settled) and a finished run's rows there are dropped.
  // - What the totals count (not checked, drift confirmed) are columns, not read from the JSON.
  `
  CREATE TABLE shapes (
    id INTEGER PRIMARY KEY,
    keys TEXT NOT NULL UNIQUE
  );
  CREATE TABLE links_v2 (
    url TEXT PRIMARY KEY,
    doc TEXT NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO links_v2 (url, doc) SELECT url, doc FROM links;
  DROP TABLE links;
  ALTER TABLE links_v2 RENAME TO links;
  CREATE TABLE journal_links (
    run INTEGER NOT NULL REFERENCES journal_runs (seq),
    url TEXT NOT NULL,
    status TEXT NOT NULL,
    not_checked INTEGER NOT NULL DEFAULT 0,
    drifted INTEGER NOT NULL DEFAULT 0,
    link TEXT NOT NULL,
    fixed TEXT,
    PRIMARY KEY (run, url)
  ) WITHOUT ROWID;
  INSERT INTO journal_links (run, url, status, not_checked, drifted, link, fixed)
    SELECT run, url, status,
      coalesce(json_extract(link, '$.reason') = 'network-down', 0),
      coalesce(json_extract(link, '$.drift.confirmed') = 1, 0),
      link, fixed
    FROM journal WHERE link IS NOT NULL ORDER BY run, url;
  CREATE TABLE journal_v2 (
    run INTEGER NOT NULL REFERENCES journal_runs (seq),
    url TEXT NOT NULL,
    host TEXT,
    conn_fail INTEGER,
    obs TEXT,
    PRIMARY KEY (run, url)
  ) WITHOUT ROWID;
  INSERT INTO journal_v2 (run, url, host, conn_fail, obs)
    SELECT run, url, host, conn_fail, obs FROM journal
    WHERE run IN (SELECT seq FROM journal_runs WHERE finished = 0);
  DROP TABLE journal;
  ALTER TABLE journal_v2 RENAME TO journal;
  `,
  // 3: probe answers are kept per origin (`https://example.org`), no longer per host: http://
  // and https:// of one host may be different servers. A row keyed by a host alone cannot say
  // which of the two it was probed on: dropped, so each origin is probed once more (what a
  // first run does; never a wrong answer reused), then kept.
  `
  DELETE FROM hosts WHERE instr(host, '://') = 0;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
