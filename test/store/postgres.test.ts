import { createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  isTransient,
  openHistoryStore,
  openPostgresStore,
  PG_SCHEMA_VERSION,
  retryDelay,
} from '../../src/store/index.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';
import { describeHistoryStore, linkState, runRecord } from './contract.js';

const server = pgTestUrl();

async function openFresh(url?: string) {
  const opened = await openPostgresStore(url ?? (await freshDatabase(server as string)));
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.store;
}

describe('PostgreSQL store: transient errors (pure)', () => {
  it('retries lost connections, restarts and conflicts, not mistakes', () => {
    expect(isTransient({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isTransient({ code: '57P01' })).toBe(true); // admin shutdown
    expect(isTransient({ code: '08006' })).toBe(true);
    expect(isTransient({ code: '40001' })).toBe(true);
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient({ code: '42P01' })).toBe(false); // undefined table
    expect(isTransient({ code: '23505' })).toBe(false); // unique violation
    expect(isTransient(new Error('syntax error'))).toBe(false);
  });
  it('backs off exponentially up to a ceiling', () => {
    const policy = { giveUpAfterMs: 1_000, firstDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelay(policy, 0, () => 1)).toBe(100);
    expect(retryDelay(policy, 3, () => 1)).toBe(800);
    expect(retryDelay(policy, 10, () => 1)).toBe(1_000);
    expect(retryDelay(policy, 10, () => 0)).toBe(750);
  });
});

describe('PostgreSQL store: an unreachable server', () => {
  it('is a store-unreachable error naming the URL without its password', async () => {
    const probe = createServer();
    await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((ok) => probe.close(() => ok()));
    const opened = await openHistoryStore({
      reportDir: '/nonexistent-rotwatch',
      store: `postgres://rot:s3cret@127.0.0.1:${port}/rot`,
    });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('store-unreachable');
    expect(opened.error.location).toBe(`postgres://rot:***@127.0.0.1:${port}/rot`);
    expect(opened.error.message).not.toContain('s3cret');
  });
});

describe.runIf(server)('PostgreSQL store (real server)', () => {
  describeHistoryStore('PostgreSQL store', () => openFresh());

  it('records its migrations; several starters at once apply each one once', async () => {
    const url = await freshDatabase(server as string);
    const stores = await Promise.all([1, 2, 3, 4].map(() => openFresh(url)));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const res = await c.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(res.rows.map((r) => r.version)).toEqual(
      Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1),
    );
    // A database from a newer rotwatch is refused, untouched.
    await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [PG_SCHEMA_VERSION + 1]);
    await c.end();
    const newer = await openPostgresStore(url);
    expect(!newer.ok && newer.error.code).toBe('store-newer-schema');
    await Promise.all(stores.map((s) => s.close()));
  });

  it('opens through openHistoryStore with a postgresql:// URL, data kept across opens', async () => {
    const url = (await freshDatabase(server as string)).replace(/^postgres:/, 'postgresql:');
    const first = await openHistoryStore({ reportDir: '/nonexistent-rotwatch', store: url });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.store.location).toBe(url);
    await first.store.writeLinks([linkState('https://a.example.org/', { lastTitle: 'A' })]);
    await first.store.writeRun(runRecord('2026-01-05'), 52);
    await first.store.close();
    const again = await openHistoryStore({ reportDir: '/nonexistent-rotwatch', store: url });
    if (!again.ok) throw new Error(again.error.message);
    const read = await again.store.readLinks(['https://a.example.org/']);
    expect(read.get('https://a.example.org/')?.lastTitle).toBe('A');
    expect((await again.store.readRuns(5)).map((r) => r.id)).toEqual(['2026-01-05']);
    await again.store.close();
  });

  it("records a snapshot's run and what it read together, replacing an earlier write", async () => {
    const store = await openFresh();
    await store.writeRun(runRecord('2026-01-05'), 52);
    await store.writeSnapshotRun(runRecord('2026-01-12'), 52, '100:105:101');
    // Written again (a retried tick): one row, the newer read.
    await store.writeSnapshotRun(runRecord('2026-01-12'), 52, '110:112:');
    const rows = await store.db.query<{ id: string; store_read: string | null }>(
      'SELECT id, store_read FROM runs ORDER BY seq',
    );
    expect(rows.rows).toEqual([
      { id: '2026-01-05', store_read: null },
      { id: '2026-01-12', store_read: '110:112:' },
    ]);
    // The list is kept to `keep` runs as writeRun keeps it.
    await store.writeSnapshotRun(runRecord('2026-01-19'), 2, '120:120:');
    expect((await store.readRuns(5)).map((r) => r.id)).toEqual(['2026-01-12', '2026-01-19']);
    await store.close();
  });

  it('keeps a NUL character in a stored document', async () => {
    const store = await openFresh();
    await store.writeLinks([linkState('https://a.example.org/', { lastTitle: 'a\u0000b' })]);
    const read = await store.readLinks(['https://a.example.org/']);
    expect(read.get('https://a.example.org/')?.lastTitle).toBe('a\u0000b');
    await store.close();
  });
});
