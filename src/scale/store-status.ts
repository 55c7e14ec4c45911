import type { Db, Queryable } from '../store/postgres-db.js';
import {
  type RunInProgress,
  type StoreStatus,
  summaryFromRows,
  type VerdictRow,
} from './store-status-view.js';

/*
 * Reads what `rotwatch status --store postgres://...` shows: the store's snapshot (the same
 * `latest_links` table the weekly snapshot report lists, counted here by the server, never
 * read row by row), due dates, and the shared runs in progress. Every statement runs in ONE
 * repeatable-read, read-only transaction: processes settling links meanwhile cannot make the
 * counts disagree with each other.
 */

export async function readStoreStatus(
  db: Db,
  opts: { now: Date; staleMs: number },
): Promise<StoreStatus> {
  return db.tx(async (c) => {
    await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const verdicts = await verdictRows(c);
    const { summary, oldestCheckAt } = summaryFromRows(verdicts);
    const due = await c.query<{ overdue: string; next_due: Date | null }>(
      `SELECT count(*) FILTER (WHERE d.due_at IS NULL OR d.due_at <= $1) AS overdue,
         min(d.due_at) FILTER (WHERE d.due_at > $1) AS next_due
       FROM latest_links l LEFT JOIN link_due d ON d.url = l.url`,
      [opts.now],
    );
    const inProgress = await runsInProgress(c, opts.staleMs);
    const never = await c.query<{ n: string }>(
      `SELECT count(DISTINCT t.url) AS n FROM run_targets t
       JOIN journal_runs j ON j.seq = t.run JOIN shared_runs s ON s.run = t.run
       WHERE NOT j.finished AND s.touched_at > now() - $1 * interval '1 millisecond'
         AND NOT EXISTS (SELECT 1 FROM latest_links l WHERE l.url = t.url)`,
      [opts.staleMs],
    );
    const row = due.rows[0];
    return {
      takenAt: opts.now.toISOString(),
      summary,
      overdue: Number(row?.overdue ?? 0),
      nextDueAt: row?.next_due ? new Date(row.next_due).toISOString() : null,
      neverChecked: Number(never.rows[0]?.n ?? 0),
      oldestCheckAt,
      inProgress,
    };
  });
}

async function verdictRows(c: Queryable): Promise<VerdictRow[]> {
  const res = await c.query<{
    status: string;
    links: string;
    not_checked: string;
    drifted: string;
    oldest: string | null;
  }>(
    `SELECT status, count(*) AS links, count(*) FILTER (WHERE unchecked) AS not_checked,
       count(*) FILTER (WHERE drifted) AS drifted, min(checked_at COLLATE "C") AS oldest
     FROM latest_links GROUP BY status`,
  );
  return res.rows.map((r) => ({
    status: r.status,
    links: Number(r.links),
    notChecked: Number(r.not_checked),
    drifted: Number(r.drifted),
    oldestCheckAt: r.oldest,
  }));
}

/** Unfinished shared runs some process touched within `staleMs` (older ones are left behind). */
async function runsInProgress(c: Queryable, staleMs: number): Promise<RunInProgress[]> {
  const res = await c.query<{
    id: string;
    started_at: string;
    info: string;
    touched_at: Date;
    finishing: boolean;
    total: string;
    done: string;
    leased: string;
    links: string;
    recorded: string;
  }>(
    `SELECT j.id, j.started_at, j.info, s.touched_at,
       coalesce(s.finisher_until > now(), false) AS finishing,
       (SELECT count(*) FROM run_shards r WHERE r.run = j.seq) AS total,
       (SELECT count(*) FROM run_shards r WHERE r.run = j.seq AND r.done) AS done,
       (SELECT count(*) FROM run_shards r
        WHERE r.run = j.seq AND NOT r.done AND r.leased_until >= now()) AS leased,
       (SELECT coalesce(sum(r.urls), 0) FROM run_shards r WHERE r.run = j.seq) AS links,
       (SELECT count(*) FROM journal x WHERE x.run = j.seq) AS recorded
     FROM journal_runs j JOIN shared_runs s ON s.run = j.seq
     WHERE NOT j.finished AND s.touched_at > now() - $1 * interval '1 millisecond'
     ORDER BY j.seq`,
    [staleMs],
  );
  return res.rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    touchedAt: new Date(r.touched_at).toISOString(),
    due: isDuePass(r.info),
    shards: { total: Number(r.total), done: Number(r.done), leased: Number(r.leased) },
    links: { total: Number(r.links), recorded: Number(r.recorded) },
    finishing: r.finishing,
  }));
}

/** Pure: whether a journal run's info says it is a due pass (see the coordinator's join). */
export function isDuePass(info: unknown): boolean {
  let value = info;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return false;
    }
  }
  return (value as { due?: unknown } | null)?.due === true;
}
