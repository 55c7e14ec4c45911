import type { Db } from '../store/postgres-db.js';
import { nextRuns } from '../worker/status.js';

/*
 * One weekly snapshot per schedule tick, however many due-only workers share the store. Each
 * worker has the schedule (they are started alike), and each tick would otherwise send the
 * team one e-mail per worker, all but the first with nothing new. The first worker to claim
 * the catalogue's snapshot takes it; a claim holds for half the schedule's period, so the
 * workers' clocks and timers may differ by anything less, and the next tick claims anew.
 */

/** How long one claim holds: half the gap between the schedule's next two ticks (ms). */
export function claimWindowMs(cron: string, timezone: string): number | null {
  let ticks: Date[];
  try {
    ticks = nextRuns(cron, timezone, 2);
  } catch {
    return null; // the worker refuses the schedule itself, naming it
  }
  const [a, b] = ticks;
  if (!a || !b) return null;
  return Math.max(1, Math.floor((b.getTime() - a.getTime()) / 2));
}

/**
 * Claims the snapshot of the catalogue `key` for `windowMs` on behalf of `claimant` (one id per
 * worker): true when it takes it, false when another claimant took it within the window. One
 * statement, so two claimants at once get one "true" between them (the row's lock orders
 * them); the database's clock decides. A worker never blocks itself: a tick of its own that
 * fired late, or a statement retried after a lost connection, finds its own claim.
 */
export async function claimSnapshot(
  db: Pick<Db, 'query'>,
  key: string,
  claim: { windowMs: number; claimant: string },
): Promise<boolean> {
  const res = await db.query(
    `INSERT INTO snapshot_claims AS c (key, taken_at, claimant) VALUES ($1, now(), $3)
     ON CONFLICT (key) DO UPDATE SET taken_at = now(), claimant = $3
       WHERE c.claimant = $3 OR c.taken_at <= now() - $2 * interval '1 millisecond'
     RETURNING key`,
    [key, claim.windowMs, claim.claimant],
  );
  return (res.rowCount ?? 0) > 0;
}
