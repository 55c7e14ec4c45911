import type { Target } from '../model/index.js';
import type { Db } from '../store/postgres-db.js';
import { planShards } from './shard.js';

/*
 * The shared run's rows in PostgreSQL, and every statement that changes who owns what. Leases
 * are times of the database's clock (now()), never a process's: machines whose clocks disagree
 * still agree on who holds a shard. A shard is leased with `FOR UPDATE SKIP LOCKED`: two
 * processes asking at once get different shards, without waiting on each other.
 */

const TARGET_BATCH = 1_000;

export interface SharedRun {
  runId: string;
  seq: string;
  startedAt: string;
  /** True when this process created the run (and loaded its targets). */
  created: boolean;
}

export interface JoinRequest {
  /** Which runs are the same run: processes started on the same inputs share one. */
  key: string;
  targets: readonly Target[];
  /** Used when the run is created here. */
  runId: string;
  startedAt: string;
  info: unknown;
  /** An unfinished run untouched this long is not joined (ms). */
  staleMs: number;
  /** False: join a live run only, never create one (nothing due here). */
  create?: boolean;
}

/**
 * Joins the live unfinished run of this key, or creates it: journal row, targets and shards in
 * ONE transaction under an advisory lock on the key, so processes starting together create
 * one run and load the catalogue once.
 */
export async function joinOrCreate(db: Db, req: JoinRequest): Promise<SharedRun | null> {
  return db.tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rotwatch-run:${req.key}`]);
    const live = await c.query<{ seq: string; id: string; started_at: string }>(
      `SELECT j.seq, j.id, j.started_at FROM shared_runs s JOIN journal_runs j ON j.seq = s.run
       WHERE s.key = $1 AND NOT j.finished AND s.touched_at > now() - $2 * interval '1 millisecond'
       ORDER BY j.seq DESC LIMIT 1`,
      [req.key, req.staleMs],
    );
    const found = live.rows[0];
    if (found) {
      await c.query('UPDATE shared_runs SET touched_at = now() WHERE run = $1', [found.seq]);
      return { runId: found.id, seq: found.seq, startedAt: found.started_at, created: false };
    }
    if (req.create === false) return null;
    const begun = await c.query<{ seq: string }>(
      'INSERT INTO journal_runs (id, started_at, info) VALUES ($1, $2, $3) RETURNING seq',
      [req.runId, req.startedAt, JSON.stringify(req.info ?? null)],
    );
    const seq = (begun.rows[0] as { seq: string }).seq;
    await c.query('INSERT INTO shared_runs (run, key) VALUES ($1, $2)', [seq, req.key]);
    const shards = planShards(req.targets);
    const names = [...shards.keys()];
    await c.query(
      'INSERT INTO run_shards (run, shard, urls) SELECT $1, * FROM unnest($2::text[], $3::int[])',
      [seq, names, names.map((n) => shards.get(n)?.length ?? 0)],
    );
    const rows = [...shards].flatMap(([shard, list]) => list.map((t) => [shard, t] as const));
    for (let i = 0; i < rows.length; i += TARGET_BATCH) {
      const part = rows.slice(i, i + TARGET_BATCH);
      await c.query(
        `INSERT INTO run_targets (run, shard, url, doc)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
        [
          seq,
          part.map(([s]) => s),
          part.map(([, t]) => t.url),
          part.map(([, t]) => JSON.stringify(t)),
        ],
      );
    }
    return { runId: req.runId, seq, startedAt: req.startedAt, created: true };
  });
}

/** Leases up to `n` open shards whose lease is free or expired; returns their names. */
export async function leaseShards(
  db: Db,
  seq: string,
  owner: string,
  n: number,
  leaseMs: number,
  /** Shards this process is still working (a lease of its own that lapsed is not new work). */
  working: readonly string[] = [],
): Promise<string[]> {
  if (n <= 0) return [];
  const res = await db.query<{ shard: string }>(
    `UPDATE run_shards r SET owner = $2, leased_until = now() + $4 * interval '1 millisecond',
       leases = r.leases + 1
     FROM (SELECT shard FROM run_shards
           WHERE run = $1 AND NOT done AND (leased_until IS NULL OR leased_until < now())
             AND NOT (shard = ANY($5::text[]))
           ORDER BY urls DESC, shard LIMIT $3 FOR UPDATE SKIP LOCKED) free
     WHERE r.run = $1 AND r.shard = free.shard
     RETURNING r.shard`,
    [seq, owner, n, leaseMs, working],
  );
  if (res.rows.length > 0) await touch(db, seq);
  return res.rows.map((r) => r.shard);
}

/** Renews this owner's leases on these shards; returns the ones it still holds. */
export async function renewLeases(
  db: Db,
  seq: string,
  owner: string,
  shards: readonly string[],
  leaseMs: number,
): Promise<Set<string>> {
  if (shards.length === 0) return new Set();
  const res = await db.query<{ shard: string }>(
    `UPDATE run_shards SET leased_until = now() + $4 * interval '1 millisecond'
     WHERE run = $1 AND owner = $2 AND shard = ANY($3::text[]) AND NOT done
     RETURNING shard`,
    [seq, owner, shards, leaseMs],
  );
  await touch(db, seq);
  return new Set(res.rows.map((r) => r.shard));
}

/** The shard's targets the run's journal has no row for yet (all of them on a first lease). */
export async function shardTodo(db: Db, seq: string, shard: string): Promise<Target[]> {
  const res = await db.query<{ doc: string }>(
    `SELECT t.doc FROM run_targets t
     WHERE t.run = $1 AND t.shard = $2
       AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.run = t.run AND j.url = t.url)
     ORDER BY t.url`,
    [seq, shard],
  );
  return res.rows.map((r) => JSON.parse(r.doc) as Target);
}

/**
 * Marks the shard done, if this owner still holds it and every one of its targets has a
 * journal row; otherwise frees the lease so the shard is taken again. True when marked done.
 */
export async function completeShard(
  db: Db,
  seq: string,
  owner: string,
  shard: string,
): Promise<boolean> {
  const res = await db.query(
    `UPDATE run_shards r SET done = true, owner = NULL, leased_until = NULL
     WHERE r.run = $1 AND r.shard = $3 AND r.owner = $2 AND NOT EXISTS (
       SELECT 1 FROM run_targets t WHERE t.run = $1 AND t.shard = $3
         AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.run = $1 AND j.url = t.url))`,
    [seq, owner, shard],
  );
  if ((res.rowCount ?? 0) > 0) return true;
  await releaseShards(db, seq, owner, [shard]);
  return false;
}

/** Gives shards back (an interrupted process): another process may take them at once. */
export async function releaseShards(
  db: Db,
  seq: string,
  owner: string,
  shards: readonly string[],
): Promise<void> {
  if (shards.length === 0) return;
  await db.query(
    `UPDATE run_shards SET owner = NULL, leased_until = NULL
     WHERE run = $1 AND owner = $2 AND shard = ANY($3::text[]) AND NOT done`,
    [seq, owner, shards],
  );
}

export interface ShardCounts {
  total: number;
  done: number;
  /** Open shards held by a live lease (another process is working them). */
  leased: number;
}

export async function shardCounts(db: Db, seq: string): Promise<ShardCounts> {
  const res = await db.query<{ total: string; done: string; leased: string }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE done) AS done,
       count(*) FILTER (WHERE NOT done AND leased_until >= now()) AS leased
     FROM run_shards WHERE run = $1`,
    [seq],
  );
  const row = res.rows[0];
  return { total: Number(row?.total), done: Number(row?.done), leased: Number(row?.leased) };
}

/**
 * Claims the finishing of the run (settling, archives, report) once every shard is done: one
 * process at a time, through a lease like a shard's, so a finisher that dies is replaced.
 */
export async function claimFinisher(
  db: Db,
  seq: string,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  const res = await db.query(
    `UPDATE shared_runs SET finisher = $2, finisher_until = now() + $3 * interval '1 millisecond',
       touched_at = now()
     WHERE run = $1 AND (finisher IS NULL OR finisher = $2 OR finisher_until < now())
       AND NOT EXISTS (SELECT 1 FROM run_shards WHERE run = $1 AND NOT done)
       AND NOT (SELECT finished FROM journal_runs WHERE seq = $1)`,
    [seq, owner, leaseMs],
  );
  return (res.rowCount ?? 0) > 0;
}

async function touch(db: Db, seq: string): Promise<void> {
  await db.query('UPDATE shared_runs SET touched_at = now() WHERE run = $1', [seq]);
}
