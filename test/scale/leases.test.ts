/** Shard leases against a real PostgreSQL: exclusive, renewable, taken over once expired. */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/model/index.js';
import {
  claimFinisher,
  completeShard,
  joinOrCreate,
  leaseShards,
  renewLeases,
  shardTodo,
} from '../../src/scale/leases.js';
import { openPostgresStore, type PostgresHistoryStore } from '../../src/store/index.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';

const server = pgTestUrl();
const target = (url: string): Target => ({ url, citations: [] }) as unknown as Target;
const targets = ['a', 'b', 'c', 'd'].flatMap((h) =>
  [1, 2].map((i) => target(`https://www.${h}.example/${i}`)),
);

async function store(): Promise<PostgresHistoryStore> {
  const opened = await openPostgresStore(await freshDatabase(server as string));
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.store;
}

async function join(db: PostgresHistoryStore['db'], runId: string) {
  const run = await joinOrCreate(db, {
    key: 'k',
    targets,
    runId,
    startedAt: 't',
    info: {},
    staleMs: 60_000,
  });
  if (!run) throw new Error('no run created');
  return run;
}

describe.runIf(server)('shard leases', () => {
  it('processes starting together create one run; each shard goes to one of them', async () => {
    const s = await store();
    const runs = await Promise.all(['r1', 'r2', 'r3'].map((id) => join(s.db, id)));
    expect(new Set(runs.map((r) => r.runId)).size).toBe(1);
    expect(runs.filter((r) => r.created)).toHaveLength(1);
    const seq = (runs[0] as { seq: string }).seq;
    const leased = await Promise.all(
      ['p1', 'p2', 'p3'].map((owner) => leaseShards(s.db, seq, owner, 2, 60_000)),
    );
    const all = leased.flat().sort();
    expect(all).toEqual(['a.example', 'b.example', 'c.example', 'd.example']);
    await s.close();
  });

  it('a shard is done only with every link recorded; an expired lease is taken over', async () => {
    const s = await store();
    const run = await join(s.db, 'r1');
    const [shard] = await leaseShards(s.db, run.seq, 'p1', 1, 50);
    expect(shard).toBeDefined();
    const todo = await shardTodo(s.db, run.seq, shard as string);
    expect(todo).toHaveLength(2);
    // One of its two links recorded: not done, and the lease is given back.
    await s.journal.record('r1', [
      { url: todo[0]?.url as string, host: 'x', connectionFailure: false, observation: {} },
    ]);
    expect(await completeShard(s.db, run.seq, 'p1', shard as string)).toBe(false);
    // Taken again (by p1) with a short lease that then runs out: p2 takes it over.
    expect(await leaseShards(s.db, run.seq, 'p1', 4, 50)).toContain(shard);
    await new Promise((r) => setTimeout(r, 120));
    const taken = await leaseShards(s.db, run.seq, 'p2', 4, 60_000);
    expect(taken).toContain(shard);
    // p1's renewal finds it gone; p2 checks only the link not recorded.
    expect(await renewLeases(s.db, run.seq, 'p1', [shard as string], 60_000)).toEqual(new Set());
    expect((await shardTodo(s.db, run.seq, shard as string)).map((t) => t.url)).toEqual([
      todo[1]?.url,
    ]);
    await s.journal.record('r1', [
      { url: todo[1]?.url as string, host: 'x', connectionFailure: false, observation: {} },
    ]);
    expect(await completeShard(s.db, run.seq, 'p1', shard as string)).toBe(false);
    expect(await completeShard(s.db, run.seq, 'p2', shard as string)).toBe(true);
    // The finishing waits for every shard.
    expect(await claimFinisher(s.db, run.seq, 'p2', 60_000)).toBe(false);
    // A process with nothing to add joins the live run, and never creates one.
    const other = {
      key: 'other',
      targets: [],
      runId: 'r9',
      startedAt: 't',
      info: {},
      staleMs: 60_000,
    };
    expect(await joinOrCreate(s.db, { ...other, create: false })).toBeNull();
    expect(
      (await joinOrCreate(s.db, { ...other, key: 'k', runId: 'r8', create: false }))?.runId,
    ).toBe('r1');
    await s.close();
  });

  it("a run that finishes leaves another catalogue's shared run in progress alone", async () => {
    const s = await store();
    try {
      const other = await joinOrCreate(s.db, {
        key: 'other-catalogue',
        targets,
        runId: 'other',
        startedAt: 't',
        info: {},
        staleMs: 60_000,
      });
      await s.journal.begin({ id: 'old', startedAt: 't', finished: false, info: {}, head: null });
      const mine = await join(s.db, 'mine');
      expect(Number(mine.seq)).toBeGreaterThan(Number(other?.seq));
      await s.journal.finish('mine', { done: true });
      // The other catalogue's run keeps its shards and can still record; a plain unfinished
      // run older than the finished one is dropped, as before.
      expect((await s.journal.get('other'))?.finished).toBe(false);
      const shards = await s.db.query('SELECT count(*)::int AS n FROM run_shards WHERE run = $1', [
        other?.seq,
      ]);
      expect(shards.rows[0]?.n).toBe(4);
      await s.journal.record('other', [
        { url: targets[0]!.url, host: 'www.a.example', connectionFailure: false, observation: {} },
      ]);
      expect(await s.journal.get('old')).toBeNull();
    } finally {
      await s.close();
    }
  });
});
