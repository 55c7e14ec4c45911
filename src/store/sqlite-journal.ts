import type Database from 'better-sqlite3';
import type { FixedLink, ReportLink, Verdict } from '../model/index.js';
import { decodeDoc, encodeDoc, type ShapeBook } from './compact.js';
import type { JournalObservation, JournalRun, RunJournal, SettledRow } from './types.js';

const PAGE = 500;

interface Settling {
  url: string;
  status: Verdict;
  notChecked: number;
  drifted: number;
  link: string;
  fixed: string | null;
}

type Tx = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void;

interface RunRow {
  seq: number;
  id: string;
  started_at: string;
  finished: number;
  info: string;
  head: string | null;
}

/** The run journal of the SQLite store: journal_runs (one row per run) and journal (per URL). */
export function createSqliteJournal(db: Database.Database, tx: Tx, shapes: ShapeBook): RunJournal {
  const q = {
    begin: db.prepare<[string, string, string]>(
      'INSERT INTO journal_runs (id, started_at, info) VALUES (?, ?, ?)',
    ),
    byId: db.prepare<[string], RunRow>('SELECT * FROM journal_runs WHERE id = ?'),
    unfinished: db.prepare<[], RunRow>(
      'SELECT * FROM journal_runs WHERE finished = 0 ORDER BY seq DESC LIMIT 1',
    ),
    lastFinished: db.prepare<[], RunRow>(
      'SELECT * FROM journal_runs WHERE finished = 1 ORDER BY seq DESC LIMIT 1',
    ),
    record: db.prepare<[number, string, string | null, number | null, string | null]>(
      `INSERT INTO journal (run, url, host, conn_fail, obs) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (run, url) DO UPDATE SET host = excluded.host, conn_fail = excluded.conn_fail,
         obs = excluded.obs`,
    ),
    // A URL recorded again is unsettled again.
    unsettle: db.prepare<[number, string]>('DELETE FROM journal_links WHERE run = ? AND url = ?'),
    recorded: db.prepare<[number, string], { url: string }>(
      'SELECT url FROM journal WHERE run = ? AND url IN (SELECT value FROM json_each(?))',
    ),
    unsettled: db.prepare<
      [number, string, number],
      { url: string; host: string | null; conn_fail: number | null; obs: string }
    >(
      'SELECT url, host, conn_fail, obs FROM journal WHERE run = ? AND url > ? AND obs IS NOT NULL ORDER BY url LIMIT ?',
    ),
    hostHealth: db.prepare<[number], { host: string; failed: number }>(
      'SELECT host, MIN(conn_fail) AS failed FROM journal WHERE run = ? AND conn_fail IS NOT NULL GROUP BY host',
    ),
    settle: db.prepare<[number, string, string, number, number, string, string | null]>(
      `INSERT OR REPLACE INTO journal_links (run, url, status, not_checked, drifted, link, fixed)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    settled: db.prepare<[number, string]>(
      'UPDATE journal SET obs = NULL WHERE run = ? AND url = ?',
    ),
    writeLink: db.prepare<[string, string]>(
      'INSERT INTO links (url, doc) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET doc = excluded.doc',
    ),
    counts: db.prepare<
      [number],
      { status: Verdict; n: number; unchecked: number; drifted: number | null }
    >(
      `SELECT status, COUNT(*) AS n,
         SUM(not_checked) AS unchecked, SUM(drifted) AS drifted
       FROM journal_links WHERE run = ? GROUP BY status`,
    ),
    fixed: db.prepare<[number], { fixed: string }>(
      'SELECT fixed FROM journal_links WHERE run = ? AND fixed IS NOT NULL ORDER BY url',
    ),
    links: db.prepare<[number, string, number], { url: string; link: string }>(
      'SELECT url, link FROM journal_links WHERE run = ? AND url > ? ORDER BY url LIMIT ?',
    ),
    finish: db.prepare<[string | null, number]>(
      'UPDATE journal_runs SET finished = 1, head = ? WHERE seq = ?',
    ),
    // A finished run needs no observation: only its report links are kept.
    dropObservations: db.prepare<[number]>('DELETE FROM journal WHERE run <= ?'),
    dropLinksBefore: db.prepare<[number]>('DELETE FROM journal_links WHERE run < ?'),
    dropRunsBefore: db.prepare<[number]>('DELETE FROM journal_runs WHERE seq < ?'),
    dropRows: db.prepare<[number]>('DELETE FROM journal WHERE run = ?'),
    dropLinks: db.prepare<[number]>('DELETE FROM journal_links WHERE run = ?'),
    dropRun: db.prepare<[number]>('DELETE FROM journal_runs WHERE seq = ?'),
    prune: db.prepare<[number, number]>(
      `DELETE FROM links WHERE
         NOT EXISTS (SELECT 1 FROM journal j WHERE j.run = ? AND j.url = links.url) AND
         NOT EXISTS (SELECT 1 FROM journal_links k WHERE k.run = ? AND k.url = links.url)`,
    ),
  };
  const seqOf = (runId: string): number => {
    const row = q.byId.get(runId);
    if (!row) throw new Error(`no run ${runId} in the journal`);
    return row.seq;
  };
  const toRun = (row: RunRow | undefined): JournalRun | null =>
    row
      ? {
          id: row.id,
          startedAt: row.started_at,
          finished: row.finished === 1,
          info: JSON.parse(row.info),
          head: row.head === null ? null : JSON.parse(row.head),
        }
      : null;

  const record = tx((run: number, rows: readonly JournalObservation[]) => {
    for (const r of rows) {
      const fail = r.connectionFailure === null ? null : r.connectionFailure ? 1 : 0;
      q.record.run(run, r.url, r.host, fail, JSON.stringify(r.observation));
      q.unsettle.run(run, r.url);
    }
  });
  // Rows and states are encoded before the transaction (a new shape is committed first).
  const settle = tx(
    (run: number, rows: readonly Settling[], states: readonly [string, string][]) => {
      for (const r of rows) {
        q.settle.run(run, r.url, r.status, r.notChecked, r.drifted, r.link, r.fixed);
        q.settled.run(run, r.url);
      }
      for (const [url, doc] of states) q.writeLink.run(url, doc);
    },
  );
  // Rows settled as they are recorded: their observation is never written (NULL, as settled).
  const recordSettled = tx(
    (
      run: number,
      rows: readonly JournalObservation[],
      settledUrls: ReadonlySet<string>,
      settled: readonly Settling[],
      states: readonly [string, string][],
    ) => {
      for (const r of rows) {
        const fail = r.connectionFailure === null ? null : r.connectionFailure ? 1 : 0;
        const settledNow = settledUrls.has(r.url);
        q.record.run(run, r.url, r.host, fail, settledNow ? null : JSON.stringify(r.observation));
        // A row settled below replaces any earlier settling of its URL (INSERT OR REPLACE).
        if (!settledNow) q.unsettle.run(run, r.url);
      }
      for (const r of settled) {
        q.settle.run(run, r.url, r.status, r.notChecked, r.drifted, r.link, r.fixed);
      }
      for (const [url, doc] of states) q.writeLink.run(url, doc);
    },
  );
  const settling = (r: SettledRow): Settling => ({
    url: r.url,
    status: r.link.status,
    notChecked: r.link.reason === 'network-down' ? 1 : 0,
    drifted: r.link.drift?.confirmed ? 1 : 0,
    link: encodeDoc(r.link, shapes, r.url),
    fixed: r.fixed ? JSON.stringify(r.fixed) : null,
  });
  const finish = tx((run: number, head: unknown) => {
    q.finish.run(JSON.stringify(head ?? null), run);
    // Only the newest finished run's rows are kept (the report `rotwatch report` can render
    // again); unfinished runs newer than it stay resumable.
    q.dropObservations.run(run);
    q.dropLinksBefore.run(run);
    q.dropRunsBefore.run(run);
  });
  const discard = tx((run: number) => {
    q.dropRows.run(run);
    q.dropLinks.run(run);
    q.dropRun.run(run);
  });

  return {
    async begin(run) {
      q.begin.run(run.id, run.startedAt, JSON.stringify(run.info ?? null));
    },
    async unfinished() {
      return toRun(q.unfinished.get());
    },
    async get(runId) {
      return toRun(q.byId.get(runId));
    },
    async lastFinished() {
      return toRun(q.lastFinished.get());
    },
    async record(runId, rows) {
      if (rows.length > 0) record(seqOf(runId), rows);
    },
    async recorded(runId, urls) {
      const run = seqOf(runId);
      const out = new Set<string>();
      const list = [...urls];
      for (let i = 0; i < list.length; i += PAGE) {
        const json = JSON.stringify(list.slice(i, i + PAGE));
        for (const row of q.recorded.iterate(run, json)) out.add(row.url);
      }
      return out;
    },
    async *unsettled(runId, pageSize) {
      const run = seqOf(runId);
      let after = '';
      for (;;) {
        const rows = q.unsettled.all(run, after, pageSize);
        if (rows.length > 0) {
          yield rows.map((r) => ({
            url: r.url,
            host: r.host,
            connectionFailure: r.conn_fail === null ? null : r.conn_fail === 1,
            observation: JSON.parse(r.obs),
          }));
        }
        if (rows.length < pageSize) return;
        after = (rows.at(-1) as { url: string }).url;
      }
    },
    async hostHealth(runId) {
      return q.hostHealth
        .all(seqOf(runId))
        .map((r) => ({ host: r.host, connectionFailed: r.failed === 1 }));
    },
    async settle(runId, rows, states) {
      if (rows.length === 0 && states.length === 0) return;
      const run = seqOf(runId);
      const encoded = states.map((l): [string, string] => [l.url, encodeDoc(l, shapes, l.url)]);
      settle(run, rows.map(settling), encoded);
    },
    async recordSettled(runId, rows, settled, states) {
      if (rows.length === 0 && settled.length === 0 && states.length === 0) return;
      const run = seqOf(runId);
      const encoded = states.map((l): [string, string] => [l.url, encodeDoc(l, shapes, l.url)]);
      const urls = new Set(settled.map((r) => r.url));
      recordSettled(run, rows, urls, settled.map(settling), encoded);
    },
    async totals(runId) {
      const run = seqOf(runId);
      const counts: Partial<Record<Verdict, number>> = {};
      let notChecked = 0;
      let drifted = 0;
      for (const r of q.counts.iterate(run)) {
        counts[r.status] = r.n;
        notChecked += r.unchecked;
        drifted += r.drifted ?? 0;
      }
      const fixed = q.fixed.all(run).map((r) => JSON.parse(r.fixed) as FixedLink);
      return { counts, notChecked, drifted, fixed };
    },
    async *links(runId) {
      const run = seqOf(runId);
      let after = '';
      for (;;) {
        const rows = q.links.all(run, after, PAGE);
        for (const r of rows) yield decodeDoc(r.link, shapes, r.url) as ReportLink;
        if (rows.length < PAGE) return;
        after = (rows.at(-1) as { url: string }).url;
      }
    },
    async finish(runId, head) {
      finish(seqOf(runId), head);
    },
    async discard(runId) {
      const row = q.byId.get(runId);
      if (row) discard(row.seq);
    },
    async pruneLinksOutside(runId) {
      const run = seqOf(runId);
      return q.prune.run(run, run).changes;
    },
  };
}
