import { setMaxListeners } from 'node:events';
import type { Target } from '../model/index.js';
import type { Db } from '../store/postgres-db.js';
import {
  completeShard,
  leaseShards,
  releaseShards,
  renewLeases,
  shardCounts,
  shardTodo,
} from './leases.js';
import type { ScaleSettings } from './settings.js';

/** A shard that cannot be completed this many times in a row stops the process. */
const MAX_SHARD_FAILURES = 3;

export interface ShardWork {
  db: Db;
  /**
   * Where leases are renewed: a connection of its own, so a renewal never waits behind the
   * run's journal writes in the pool (default: `db`).
   */
  leaseDb?: Db;
  /** The shared run's journal sequence number. */
  seq: string;
  owner: string;
  settings: ScaleSettings;
  /**
   * Checks one shard's targets not yet recorded; resolves once their observations are in the
   * journal. `signal` aborts when the lease is lost or the process is stopped.
   */
  check(targets: Target[], signal: AbortSignal): Promise<void>;
  signal?: AbortSignal;
}

export interface ShardWorkResult {
  /** True when every shard of the run is done (by this process or others). */
  complete: boolean;
  /** Shards this process completed. */
  shardsDone: number;
  /** Shards whose lease this process lost while working them (another took them over). */
  leasesLost: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((ok) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      ok();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * The lease loop: leases free shards (up to `shardsAtOnce` at a time), checks each, marks it
 * done, and leases more, until no shard of the run is open. Leases are renewed every third of
 * their length; a shard whose lease was lost (this process stalled past it and another took
 * the shard) is aborted here at once. While other processes still hold the last shards, this
 * one waits and keeps looking: a lease that expires (its owner died) is taken over.
 */
export async function workShards(w: ShardWork): Promise<ShardWorkResult> {
  const { db, seq, owner, settings } = w;
  const running = new Map<string, { ctrl: AbortController; done: Promise<void> }>();
  const failures = new Map<string, number>();
  let shardsDone = 0;
  let leasesLost = 0;
  let fatal: unknown = null;
  const stop = new AbortController();
  // One listener per shard at work, and the engine's own: not a leak.
  setMaxListeners(settings.shardsAtOnce + 16, stop.signal);
  const onAbort = () => stop.abort();
  w.signal?.addEventListener('abort', onAbort, { once: true });
  if (w.signal?.aborted) stop.abort();

  let renewing = false;
  const heartbeat = setInterval(
    async () => {
      if (renewing || running.size === 0) return;
      renewing = true;
      try {
        const held = [...running.keys()];
        const kept = await renewLeases(w.leaseDb ?? db, seq, owner, held, settings.leaseMs);
        for (const shard of held) {
          const job = running.get(shard);
          if (job && !kept.has(shard) && !job.ctrl.signal.aborted) {
            leasesLost++;
            job.ctrl.abort();
          }
        }
      } catch {
        // The database out of reach past the retries: the leases lapse, and the next renewal
        // that works aborts what was taken over meanwhile.
      } finally {
        renewing = false;
      }
    },
    Math.max(50, Math.floor(settings.leaseMs / 3)),
  );

  const start = (shard: string) => {
    const ctrl = new AbortController();
    setMaxListeners(64, ctrl.signal);
    const onStop = () => ctrl.abort();
    stop.signal.addEventListener('abort', onStop, { once: true });
    const done = (async () => {
      try {
        const todo = await shardTodo(db, seq, shard);
        if (todo.length > 0) await w.check(todo, ctrl.signal);
        if (ctrl.signal.aborted) return;
        if (await completeShard(db, seq, owner, shard)) {
          shardsDone++;
          failures.delete(shard);
          return;
        }
        const n = (failures.get(shard) ?? 0) + 1;
        failures.set(shard, n);
        if (n >= MAX_SHARD_FAILURES) {
          throw new Error(
            `shard ${shard}: checked ${n} times without every link recorded in the journal`,
          );
        }
      } catch (err) {
        fatal ??= err;
        stop.abort();
      } finally {
        stop.signal.removeEventListener('abort', onStop);
        running.delete(shard);
      }
    })();
    running.set(shard, { ctrl, done });
  };

  let complete = false;
  try {
    while (!stop.signal.aborted) {
      const free = settings.shardsAtOnce - running.size;
      const working = [...running.keys()];
      const leased =
        free > 0 ? await leaseShards(db, seq, owner, free, settings.leaseMs, working) : [];
      for (const shard of leased) start(shard);
      if (running.size > 0) {
        await Promise.race([...[...running.values()].map((r) => r.done), sleep(settings.pollMs)]);
        continue;
      }
      if (leased.length === 0) {
        const counts = await shardCounts(db, seq);
        if (counts.done === counts.total) {
          complete = true;
          break;
        }
        await sleep(settings.pollMs, stop.signal);
      }
    }
  } catch (err) {
    fatal ??= err;
  } finally {
    stop.abort();
    await Promise.all([...running.values()].map((r) => r.done));
    clearInterval(heartbeat);
    w.signal?.removeEventListener('abort', onAbort);
  }
  if (fatal) throw fatal;
  if (!complete) {
    // Interrupted: what this process held goes back at once, not after the lease.
    const held = await db
      .query<{ shard: string }>(
        'SELECT shard FROM run_shards WHERE run = $1 AND owner = $2 AND NOT done',
        [seq, owner],
      )
      .catch(() => ({ rows: [] as { shard: string }[] }));
    await releaseShards(
      db,
      seq,
      owner,
      held.rows.map((r) => r.shard),
    ).catch(() => undefined);
  }
  return { complete, shardsDone, leasesLost };
}
