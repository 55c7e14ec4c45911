import type pg from 'pg';
import { runIdTail } from '../check/run-history.js';
import type {
  FixedLink,
  ReportLink,
  ReportSource,
  RunSummaryRecord,
  Target,
} from '../model/index.js';
import type { Db } from '../store/postgres-db.js';
import { VERSION } from '../version.js';
import { isNewSince, newBasis, type StoreEvent } from './snapshot-since.js';
import {
  emptyTally,
  snapshotFixed,
  snapshotHead,
  snapshotLink,
  snapshotSince,
  tally,
} from './snapshot-view.js';

/*
 * The snapshot report of a shared PostgreSQL store: `latest_links` (each link's latest settled
 * report link, filled as runs finish) read in URL order, in pages, never whole. Every read of
 * one snapshot (the counts of its head, then each writer's pass over its links) happens in ONE
 * repeatable-read transaction on one connection: workers settling links meanwhile change
 * nothing this report says, so its counts always add up to its links.
 */

const PAGE = 1_000;

export interface SnapshotRequest {
  /**
   * The catalogue (URL to target): only its links are listed, cited as it cites them today,
   * and its links with no verdict yet are counted as never checked. Absent: every link of the
   * store (`rotwatch report --store`).
   */
  catalogue?: ReadonlyMap<string, Target>;
  catalogues: string[];
  now: Date;
  /** Recorded reports of the whole catalogue, oldest first (trend; "new since"). */
  history: RunSummaryRecord[];
  /** How far back "new" reaches when no report was recorded yet (days). */
  periodDays: number;
  language?: 'en' | 'fr';
  /**
   * Deletes the snapshot rows of links the catalogue no longer cites (the worker's weekly
   * report: the store's snapshot then follows the catalogue).
   */
  prune?: boolean;
}

export interface StoreSnapshot {
  source: ReportSource;
  /** Rows of links no longer cited that were deleted (with `prune`). */
  pruned: number;
  /**
   * What this snapshot read (txid_current_snapshot()): recorded with its run (the PostgreSQL
   * store's `writeSnapshotRun`), the next snapshot's "new" is what this one did not see.
   */
  read: string;
  /** Ends the read transaction and gives the connection back. Idempotent. */
  close(): Promise<void>;
}

export async function openSnapshot(db: Db, req: SnapshotRequest): Promise<StoreSnapshot> {
  const client = await db.pool.connect();
  client.on('error', () => undefined);
  let closed = false;
  const close = async (broken = false) => {
    if (closed) return;
    closed = true;
    if (!broken) await client.query('COMMIT').catch(() => undefined);
    client.release(broken ? true : undefined);
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { catalogue } = req;
    const since = snapshotSince(req.history, req.now, req.periodDays);
    // The transaction's first statement fixes what it reads: this is that read.
    const reads = await client.query<{ read: string; previous: string | null }>(
      `SELECT txid_current_snapshot()::text AS read,
         (SELECT store_read FROM runs WHERE id = $1) AS previous`,
      [req.history.at(-1)?.id ?? ''],
    );
    const read = reads.rows[0]?.read ?? '';
    const basis = newBasis(since, reads.rows[0]?.previous ?? null, read);
    const event = (at: string | null, txid: string | null): StoreEvent | null =>
      at === null && txid === null ? null : { at, txid };
    const t = emptyTally();
    const stale: string[] = [];
    for await (const rows of pages(client, 'status, unchecked, drifted, checked_at')) {
      for (const r of rows) {
        if (catalogue && !catalogue.has(r.url)) {
          if (req.prune) stale.push(r.url);
          continue;
        }
        tally(t, {
          url: r.url,
          status: r.status,
          unchecked: r.unchecked,
          drifted: r.drifted,
          checkedAt: r.checked_at,
        });
      }
    }
    const fixed: FixedLink[] = [];
    const fixedRows = await client.query<{
      url: string;
      fixed: string;
      fixed_at: string | null;
      fixed_txid: string | null;
    }>(
      `SELECT url, fixed, fixed_at, fixed_txid FROM latest_links
       WHERE fixed IS NOT NULL ORDER BY url`,
    );
    for (const r of fixedRows.rows) {
      if (catalogue && !catalogue.has(r.url)) continue;
      const isNew = isNewSince(event(r.fixed_at, r.fixed_txid), basis);
      const one = snapshotFixed(JSON.parse(r.fixed), catalogue?.get(r.url), isNew);
      if (one) fixed.push(one);
    }
    const head = snapshotHead({
      tally: t,
      catalogueSize: catalogue ? catalogue.size : null,
      fixed,
      history: req.history,
      catalogues: req.catalogues,
      now: req.now,
      idTail: runIdTail(),
      since,
      toolVersion: VERSION,
      ...(req.language ? { language: req.language } : {}),
    });
    let pruned = 0;
    for (let i = 0; i < stale.length; i += PAGE) {
      const res = await db.query('DELETE FROM latest_links WHERE url = ANY($1::text[])', [
        stale.slice(i, i + PAGE),
      ]);
      pruned += res.rowCount ?? 0;
    }
    async function* links(): AsyncGenerator<ReportLink> {
      if (closed) throw new Error('the snapshot was closed');
      for await (const rows of pages(client, 'link, new_at, new_txid')) {
        for (const r of rows) {
          if (catalogue && !catalogue.has(r.url)) continue;
          const isNew = isNewSince(event(r.new_at, r.new_txid), basis);
          yield snapshotLink(JSON.parse(r.link) as ReportLink, catalogue?.get(r.url), isNew);
        }
      }
    }
    return { source: { head, links }, pruned, read, close: () => close() };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    await close(true);
    throw err;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: rows of a column list chosen by the caller
type Row = Record<string, any> & { url: string };

/** The snapshot's rows in URL order, `PAGE` at a time (keyset pages: no offset scans). */
async function* pages(client: pg.PoolClient, columns: string): AsyncGenerator<Row[]> {
  let afterUrl = '';
  for (;;) {
    const res = await client.query<Row>(
      `SELECT url, ${columns} FROM latest_links WHERE url > $1 ORDER BY url LIMIT $2`,
      [afterUrl, PAGE],
    );
    if (res.rows.length > 0) yield res.rows;
    if (res.rows.length < PAGE) return;
    afterUrl = (res.rows.at(-1) as Row).url;
  }
}
