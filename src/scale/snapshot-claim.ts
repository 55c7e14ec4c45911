import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../store/postgres-db.js';
import { nextRuns } from '../worker/status.js';

/*
 * One weekly snapshot per schedule tick, however many due-only workers share the store. Each
 * worker has the schedule (they are started alike), and each tick would otherwise send the
 * team one e-mail per worker, all but the first with nothing new. The first worker to claim
 * the catalogue's snapshot takes it; a claim holds for half the schedule's period, so the
 * workers' clocks and timers may differ by anything less, and the next tick claims anew.
 *
 * A claim is a promise to send the report, so the others must not simply stand down: the
 * holder marks it alive while it works and done once the report is out. A holder that fails
 * releases its claim; one that dies (killed, machine lost) stops marking it alive. The others
 * wait and check again: a released claim, or one left unfinished and silent for `staleMs`, is
 * taken by the next worker that checks. Times are the database's clock, never a process's.
 */

/** How often the holder marks its claim alive (ms). */
export const CLAIM_ALIVE_MS = 15_000;
/** An unfinished claim not marked alive for this long is taken over (ms): four missed marks. */
export const CLAIM_STALE_MS = 60_000;
/** How often a worker that found the claim held checks it again (ms). */
export const CLAIM_RECHECK_MS = 15_000;

export interface SnapshotClaim {
  /** How long a claim holds against the other workers (claimWindowMs). */
  windowMs: number;
  /** This worker's id: one per process. */
  claimant: string;
  aliveMs?: number;
  staleMs?: number;
  recheckMs?: number;
}

/**
 * `taken`: this claimant holds it and sends the report. `done-elsewhere`: another sent this
 * tick's. `held-elsewhere`: another holds it and has not finished yet: check again later.
 */
export type ClaimAnswer = 'taken' | 'done-elsewhere' | 'held-elsewhere';

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
 * Claims the snapshot of the catalogue `key`. Taken when no claim is within its window, when
 * the claim within it was released or went silent unfinished, or when it is this claimant's
 * own. One statement, so two claimants at once get one "taken" between them (the row's lock
 * orders them). A worker never blocks itself: a tick of its own that fired late, or a
 * statement retried after a lost connection, finds its own claim.
 */
export async function claimSnapshot(
  db: Pick<Db, 'query'>,
  key: string,
  claim: SnapshotClaim,
): Promise<ClaimAnswer> {
  const res = await db.query(
    `INSERT INTO snapshot_claims AS c (key, taken_at, claimant, alive_at, done_at)
       VALUES ($1, now(), $3, now(), NULL)
     ON CONFLICT (key) DO UPDATE SET taken_at = now(), claimant = $3, alive_at = now(), done_at = NULL
       WHERE c.claimant = $3 OR c.taken_at <= now() - $2 * interval '1 millisecond'
         OR (c.done_at IS NULL AND c.alive_at <= now() - $4 * interval '1 millisecond')
     RETURNING key`,
    [key, claim.windowMs, claim.claimant, claim.staleMs ?? CLAIM_STALE_MS],
  );
  if ((res.rowCount ?? 0) > 0) return 'taken';
  const held = await db.query<{ done: boolean }>(
    'SELECT done_at IS NOT NULL AS done FROM snapshot_claims WHERE key = $1',
    [key],
  );
  // Gone between the two statements (released): the next check takes it.
  return held.rows[0]?.done ? 'done-elsewhere' : 'held-elsewhere';
}

/** While this claimant works: marks its claim alive every `aliveMs` until `end`. */
export function holdClaim(
  db: Pick<Db, 'query'>,
  key: string,
  claim: SnapshotClaim,
): { end(outcome: 'done' | 'failed'): Promise<void> } {
  const mark = () =>
    db
      .query(
        `UPDATE snapshot_claims SET alive_at = now()
         WHERE key = $1 AND claimant = $2 AND done_at IS NULL`,
        [key, claim.claimant],
      )
      // A lost connection: the next mark tries again; silent long enough, the claim passes on.
      .catch(() => undefined);
  const timer = setInterval(mark, claim.aliveMs ?? CLAIM_ALIVE_MS);
  timer.unref();
  return {
    async end(outcome) {
      clearInterval(timer);
      // Failed: released at once, so a waiting worker sends the report on its next check.
      await db.query(
        outcome === 'done'
          ? 'UPDATE snapshot_claims SET done_at = now() WHERE key = $1 AND claimant = $2'
          : 'DELETE FROM snapshot_claims WHERE key = $1 AND claimant = $2 AND done_at IS NULL',
        [key, claim.claimant],
      );
    },
  };
}

/**
 * Claims the snapshot, waiting while another worker holds it unfinished: `taken` once this
 * claimant holds it, `done-elsewhere` once another has sent it; gives up (`held-elsewhere`)
 * after the claim's window or when `signal` aborts.
 */
export async function awaitClaim(
  db: Pick<Db, 'query'>,
  key: string,
  claim: SnapshotClaim,
  signal?: AbortSignal,
): Promise<ClaimAnswer> {
  const until = Date.now() + claim.windowMs;
  for (;;) {
    const answer = await claimSnapshot(db, key, claim);
    if (answer !== 'held-elsewhere' || signal?.aborted) return answer;
    const wait = Math.min(claim.recheckMs ?? CLAIM_RECHECK_MS, until - Date.now());
    if (wait <= 0) return answer;
    await sleep(wait, undefined, signal ? { signal } : {}).catch(() => undefined);
    if (signal?.aborted) return 'held-elsewhere';
  }
}
