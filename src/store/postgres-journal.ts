import type { FixedLink, ReportLink, Verdict } from '../model/index.js';
import type { Db } from './postgres-db.js';
import type { JournalRun, RunJournal } from './types.js';

const PAGE = 500;

interface RunRow {
  seq: string;
  id: string;
  started_at: string;
  finished: boolean;
  info: string;
  head: string | null;
}

const UPSERT_LINKS = `INSERT INTO links (url, doc) SELECT * FROM unnest($1::text[], $2::text[])
  ON CONFLICT (url) DO UPDATE SET doc = excluded.doc`;

// A journal row's report link says whether its failure is new; the pattern cannot match inside
// a string of the document (a quote there is escaped), and PostgreSQL's JSON operators refuse a
// document with a NUL escape. A failure's mark is carried while the link keeps failing, a
// fix's while it stays healthy: a later check that finds it the same is no news, yet the
// weekly snapshot must still list what happened since the previous one.
const FAILING = `('dead', 'error', 'blocked')`;
const UPSERT_LATEST = `INSERT INTO latest_links AS l (url, status, unchecked, drifted, checked_at, link,
    fixed, new_at, new_txid, fixed_at, fixed_txid)
  SELECT url, status, coalesce(unchecked, false), coalesce(drifted, false), checked_at, link,
    fixed, n.at, CASE WHEN n.at IS NOT NULL THEN txid_current() END,
    CASE WHEN fixed IS NOT NULL THEN checked_at END,
    CASE WHEN fixed IS NOT NULL THEN txid_current() END
  FROM journal,
    LATERAL (SELECT CASE WHEN link ~ '"newFailure":true' THEN coalesce(checked_at, '') END AS at) n
  WHERE run = $1 AND link IS NOT NULL
  ON CONFLICT (url) DO UPDATE SET status = excluded.status, unchecked = excluded.unchecked,
    drifted = excluded.drifted, checked_at = excluded.checked_at, link = excluded.link,
    fixed = CASE WHEN excluded.fixed IS NOT NULL THEN excluded.fixed
      WHEN excluded.status NOT IN ${FAILING} THEN l.fixed END,
    new_at = CASE WHEN excluded.new_at IS NOT NULL THEN excluded.new_at
      WHEN excluded.status IN ${FAILING} THEN l.new_at END,
    new_txid = CASE WHEN excluded.new_at IS NOT NULL THEN excluded.new_txid
      WHEN excluded.status IN ${FAILING} THEN l.new_txid END,
    fixed_at = CASE WHEN excluded.fixed IS NOT NULL THEN excluded.fixed_at
      WHEN excluded.status NOT IN ${FAILING} THEN l.fixed_at END,
    fixed_txid = CASE WHEN excluded.fixed IS NOT NULL THEN excluded.fixed_txid
      WHEN excluded.status NOT IN ${FAILING} THEN l.fixed_txid END`;

/**
 * The run journal of the PostgreSQL store: journal_runs (one row per run) and journal (per
 * URL). Rows are written in batches (UNNEST arrays); the settled report link's verdict, its
 * "not checked" and "drift confirmed" facts are columns, so totals never parse documents.
 * Several processes may record and settle rows of one run at once: each statement touches only
 * the rows it names.
 */
export function createPostgresJournal(db: Db): RunJournal {
  const toRun = (row: RunRow | undefined): JournalRun | null =>
    row
      ? {
          id: row.id,
          startedAt: row.started_at,
          finished: row.finished,
          info: JSON.parse(row.info),
          head: row.head === null ? null : JSON.parse(row.head),
        }
      : null;
  const one = async (sql: string, values: unknown[] = []) =>
    toRun((await db.query<RunRow>(sql, values)).rows[0]);
  const seqOf = async (runId: string): Promise<string> => {
    const res = await db.query<{ seq: string }>('SELECT seq FROM journal_runs WHERE id = $1', [
      runId,
    ]);
    const seq = res.rows[0]?.seq;
    if (seq === undefined) throw new Error(`no run ${runId} in the journal`);
    return seq;
  };

  return {
    async begin(run) {
      // ON CONFLICT: a retried insert whose first commit went through is not an error.
      await db.query(
        'INSERT INTO journal_runs (id, started_at, info) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
        [run.id, run.startedAt, JSON.stringify(run.info ?? null)],
      );
    },
    unfinished: () =>
      one('SELECT * FROM journal_runs WHERE NOT finished ORDER BY seq DESC LIMIT 1'),
    get: (runId) => one('SELECT * FROM journal_runs WHERE id = $1', [runId]),
    lastFinished: () => one('SELECT * FROM journal_runs WHERE finished ORDER BY seq DESC LIMIT 1'),
    async record(runId, rows) {
      if (rows.length === 0) return;
      const run = await seqOf(runId);
      const byUrl = new Map(rows.map((r) => [r.url, r]));
      const list = [...byUrl.values()];
      for (let i = 0; i < list.length; i += PAGE) {
        const part = list.slice(i, i + PAGE);
        await db.query(
          `INSERT INTO journal (run, url, host, conn_fail, obs)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[])
           ON CONFLICT (run, url) DO UPDATE SET host = excluded.host, conn_fail = excluded.conn_fail,
             obs = excluded.obs, status = NULL, unchecked = NULL, drifted = NULL, link = NULL, fixed = NULL,
             checked_at = NULL`,
          [
            run,
            part.map((r) => r.url),
            part.map((r) => r.host),
            part.map((r) => r.connectionFailure),
            part.map((r) => JSON.stringify(r.observation ?? null)),
          ],
        );
      }
    },
    async recorded(runId, urls) {
      const run = await seqOf(runId);
      const out = new Set<string>();
      const list = [...urls];
      for (let i = 0; i < list.length; i += PAGE) {
        const res = await db.query<{ url: string }>(
          'SELECT url FROM journal WHERE run = $1 AND url = ANY($2::text[])',
          [run, list.slice(i, i + PAGE)],
        );
        for (const row of res.rows) out.add(row.url);
      }
      return out;
    },
    async *unsettled(runId, pageSize) {
      const run = await seqOf(runId);
      let after = '';
      for (;;) {
        const res = await db.query<{
          url: string;
          host: string | null;
          conn_fail: boolean | null;
          obs: string;
        }>(
          `SELECT url, host, conn_fail, obs FROM journal
           WHERE run = $1 AND url > $2 AND link IS NULL ORDER BY url LIMIT $3`,
          [run, after, pageSize],
        );
        const rows = res.rows;
        if (rows.length > 0) {
          yield rows.map((r) => ({
            url: r.url,
            host: r.host,
            connectionFailure: r.conn_fail,
            observation: JSON.parse(r.obs),
          }));
        }
        if (rows.length < pageSize) return;
        after = (rows.at(-1) as { url: string }).url;
      }
    },
    async hostHealth(runId) {
      const run = await seqOf(runId);
      const res = await db.query<{ host: string; failed: boolean }>(
        `SELECT host, bool_and(conn_fail) AS failed FROM journal
         WHERE run = $1 AND conn_fail IS NOT NULL GROUP BY host`,
        [run],
      );
      return res.rows.map((r) => ({ host: r.host, connectionFailed: r.failed }));
    },
    async settle(runId, rows, states) {
      if (rows.length === 0 && states.length === 0) return;
      const run = await seqOf(runId);
      await db.tx(async (c) => {
        for (let i = 0; i < rows.length; i += PAGE) {
          const part = rows.slice(i, i + PAGE);
          await c.query(
            `UPDATE journal j SET status = u.status, link = u.link, fixed = u.fixed, obs = NULL,
               unchecked = u.unchecked, drifted = u.drifted, checked_at = u.checked_at
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::boolean[],
               $8::text[]) AS u(url, status, link, fixed, unchecked, drifted, checked_at)
             WHERE j.run = $1 AND j.url = u.url`,
            [
              run,
              part.map((r) => r.url),
              part.map((r) => r.link.status),
              part.map((r) => JSON.stringify(r.link)),
              part.map((r) => (r.fixed ? JSON.stringify(r.fixed) : null)),
              part.map((r) => r.link.reason === 'network-down'),
              part.map((r) => r.link.drift?.confirmed === true),
              part.map((r) => r.link.checkedAt),
            ],
          );
        }
        const latest = [...new Map(states.map((s) => [s.url, s])).values()];
        for (let i = 0; i < latest.length; i += PAGE) {
          const part = latest.slice(i, i + PAGE);
          await c.query(UPSERT_LINKS, [part.map((s) => s.url), part.map((s) => JSON.stringify(s))]);
        }
      });
    },
    async totals(runId) {
      const run = await seqOf(runId);
      const res = await db.query<{
        status: Verdict;
        n: string;
        unchecked: string;
        drifted: string;
      }>(
        `SELECT status, count(*) AS n, count(*) FILTER (WHERE unchecked) AS unchecked,
           count(*) FILTER (WHERE drifted) AS drifted
         FROM journal WHERE run = $1 AND status IS NOT NULL GROUP BY status`,
        [run],
      );
      const counts: Partial<Record<Verdict, number>> = {};
      let notChecked = 0;
      let drifted = 0;
      for (const r of res.rows) {
        counts[r.status] = Number(r.n);
        notChecked += Number(r.unchecked);
        drifted += Number(r.drifted);
      }
      const fixedRes = await db.query<{ fixed: string }>(
        'SELECT fixed FROM journal WHERE run = $1 AND fixed IS NOT NULL ORDER BY url',
        [run],
      );
      const fixed = fixedRes.rows.map((r) => JSON.parse(r.fixed) as FixedLink);
      return { counts, notChecked, drifted, fixed };
    },
    async *links(runId) {
      const run = await seqOf(runId);
      let after = '';
      for (;;) {
        const res = await db.query<{ url: string; link: string }>(
          `SELECT url, link FROM journal WHERE run = $1 AND url > $2 AND link IS NOT NULL
           ORDER BY url LIMIT $3`,
          [run, after, PAGE],
        );
        for (const r of res.rows) yield JSON.parse(r.link) as ReportLink;
        if (res.rows.length < PAGE) return;
        after = (res.rows.at(-1) as { url: string }).url;
      }
    },
    async finish(runId, head) {
      const run = await seqOf(runId);
      await db.tx(async (c) => {
        await c.query('UPDATE journal_runs SET finished = true, head = $2 WHERE seq = $1', [
          run,
          JSON.stringify(head ?? null),
        ]);
        // The snapshot of the store (every link's latest report link) takes this run's links.
        await c.query(UPSERT_LATEST, [run]);
        // Only the newest finished run's rows are kept (the report `rotwatch report` can
        // render again); unfinished runs newer than it stay resumable. So do older shared runs
        // still in progress (another catalogue's, on the same database): only one untouched
        // for longer than any process may wait to join (30 days, the bound of
        // `scale.staleRunSeconds`) is dropped.
        const older = `seq < $1 AND (finished OR NOT EXISTS (SELECT 1 FROM shared_runs s
          WHERE s.run = journal_runs.seq AND s.touched_at > now() - interval '30 days'))`;
        await c.query(
          `DELETE FROM journal WHERE run IN (SELECT seq FROM journal_runs WHERE ${older})`,
          [run],
        );
        await c.query(`DELETE FROM journal_runs WHERE ${older}`, [run]);
      });
    },
    async discard(runId) {
      await db.tx(async (c) => {
        await c.query(
          'DELETE FROM journal WHERE run = (SELECT seq FROM journal_runs WHERE id = $1)',
          [runId],
        );
        await c.query('DELETE FROM journal_runs WHERE id = $1', [runId]);
      });
    },
    async pruneLinksOutside(runId) {
      const run = await seqOf(runId);
      return db.tx(async (c) => {
        const res = await c.query(
          `DELETE FROM links l WHERE NOT EXISTS
             (SELECT 1 FROM journal j WHERE j.run = $1 AND j.url = l.url)`,
          [run],
        );
        // A link no input cites any more leaves the snapshot too.
        await c.query(
          `DELETE FROM latest_links l WHERE NOT EXISTS
             (SELECT 1 FROM journal j WHERE j.run = $1 AND j.url = l.url)`,
          [run],
        );
        return res.rowCount ?? 0;
      });
    },
    // Only runs of one process settle as they go, and runs on PostgreSQL are shared: this is
    // here for the interface, as two steps (a crash between leaves rows for the final settling).
    async recordSettled(runId, rows, settled, states) {
      await this.record(runId, rows);
      await this.settle(runId, settled, states);
    },
  };
}
