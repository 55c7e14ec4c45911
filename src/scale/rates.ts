import type { Db } from '../store/postgres-db.js';

/*
 * Archive rate limits held by every process of a deployment together: "15 CDX queries a
 * minute" means 15 for all the workers sharing one PostgreSQL, not 15 each. A limit is a
 * sliding window (at most `requests` starts in any `intervalMs`, as the in-process gate of
 * src/archive/throttle.ts), kept in one row per limit: the start times of its requests still
 * in the window, on the database's clock (machines whose clocks disagree still agree on it).
 * Taking a start is one short transaction holding that row's lock, so two processes never
 * both take the last free start.
 */

export interface Rate {
  requests: number;
  intervalMs: number;
}

export type StartDecision = { take: true; starts: number[] } | { take: false; waitMs: number };

/**
 * Pure: whether a request may start at `now` under `rate`, given the recorded starts (ms).
 * Yes: the starts to keep (those still in the window, and `now`). No: how long until the
 * oldest start that blocks it leaves the window.
 */
export function decideStart(starts: readonly number[], now: number, rate: Rate): StartDecision {
  // A start recorded after `now` (a clock stepped back) is still in the window: it counts.
  const inWindow = starts.filter((s) => s > now - rate.intervalMs).sort((a, b) => a - b);
  if (inWindow.length < rate.requests) return { take: true, starts: [...inWindow, now] };
  const blocking = inWindow[inWindow.length - rate.requests] as number;
  return { take: false, waitMs: Math.max(1, blocking + rate.intervalMs - now + 1) };
}

export interface SharedRates {
  /**
   * Waits for a start under the limit `name` (shared by every process on the database).
   * False when none comes before `deadline` (ms since epoch, this machine's clock), when
   * `signal` aborts, or when the database cannot be asked: a request is then not sent (an
   * archive that bans impolite clients is worth a lookup lost).
   */
  acquire(name: string, rate: Rate, deadline: number, signal?: AbortSignal): Promise<boolean>;
}

export function createSharedRates(db: Db): SharedRates {
  const tryTake = (name: string, rate: Rate) =>
    db.tx(async (c): Promise<StartDecision> => {
      await c.query(
        `INSERT INTO rate_windows (name, starts) VALUES ($1, '{}') ON CONFLICT (name) DO NOTHING`,
        [name],
      );
      const row = await c.query<{ starts: string[] }>(
        'SELECT starts FROM rate_windows WHERE name = $1 FOR UPDATE',
        [name],
      );
      // Read after the lock is held: the time another process's start was recorded at is
      // always before ours.
      const clock = await c.query<{ now: string }>(
        'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now',
      );
      const now = Number(clock.rows[0]?.now);
      const starts = (row.rows[0]?.starts ?? []).map(Number);
      const decision = decideStart(starts, now, rate);
      if (decision.take) {
        await c.query('UPDATE rate_windows SET starts = $2::bigint[] WHERE name = $1', [
          name,
          decision.starts,
        ]);
      }
      return decision;
    });

  return {
    async acquire(name, rate, deadline, signal) {
      for (;;) {
        if (signal?.aborted || Date.now() >= deadline) return false;
        let decision: StartDecision;
        try {
          decision = await tryTake(name, rate);
        } catch {
          return false;
        }
        if (decision.take) return true;
        if (Date.now() + decision.waitMs >= deadline) return false;
        await sleep(decision.waitMs, signal);
      }
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((ok) => {
    if (signal?.aborted) return ok();
    const end = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', end);
      ok();
    };
    const timer = setTimeout(end, ms);
    signal?.addEventListener('abort', end, { once: true });
  });
}
