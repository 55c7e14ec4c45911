import type { ReportLink, Target } from '../model/index.js';
import type { Db } from '../store/postgres-db.js';
import { type DuePolicy, nextDue } from './due.js';

const BATCH = 1_000;

/**
 * The targets due at `now`: never checked (no due date yet), or whose due date has come.
 * Read in batches of URLs; the order of `targets` is kept.
 */
export async function dueTargets(db: Db, targets: readonly Target[], now: Date): Promise<Target[]> {
  const out: Target[] = [];
  for (let i = 0; i < targets.length; i += BATCH) {
    const part = targets.slice(i, i + BATCH);
    const res = await db.query<{ url: string }>(
      'SELECT url FROM link_due WHERE url = ANY($1::text[]) AND due_at > $2',
      [part.map((t) => t.url), now],
    );
    const later = new Set(res.rows.map((r) => r.url));
    for (const t of part) if (!later.has(t.url)) out.push(t);
  }
  return out;
}

/** Records when each of a finished run's links is next due; returns how many were written. */
export async function recordDue(
  db: Db,
  links: AsyncIterable<ReportLink>,
  policy: DuePolicy,
): Promise<number> {
  let batch: { url: string; due: Date }[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.query(
      `INSERT INTO link_due (url, due_at) SELECT * FROM unnest($1::text[], $2::timestamptz[])
       ON CONFLICT (url) DO UPDATE SET due_at = excluded.due_at`,
      [batch.map((b) => b.url), batch.map((b) => b.due)],
    );
    written += batch.length;
    batch = [];
  };
  for await (const link of links) {
    const checked = Date.parse(link.checkedAt);
    if (!Number.isFinite(checked)) continue;
    batch.push({ url: link.url, due: new Date(nextDue(link.url, link.status, checked, policy)) });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return written;
}
