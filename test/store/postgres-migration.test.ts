import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/index.js';
import { PG_MIGRATIONS } from '../../src/store/postgres-schema.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';

const server = pgTestUrl();

/** A database left at schema `version` by an older rotwatch. */
async function databaseAt(version: number): Promise<{ url: string; c: pg.Client }> {
  const url = await freshDatabase(server as string);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(
    'CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  for (let v = 0; v < version; v++) {
    await c.query(PG_MIGRATIONS[v] as string);
    await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
  }
  return { url, c };
}

describe.runIf(server)('PostgreSQL store: upgrading a database', () => {
  it('from version 4 marks the snapshot rows already new or fixed with their check time', async () => {
    const { url, c } = await databaseAt(4);
    const row = (u: string, link: object, fixed: string | null) =>
      c.query(
        `INSERT INTO latest_links (url, status, unchecked, drifted, checked_at, link, fixed)
         VALUES ($1, 'dead', false, false, '2026-11-20T00:00:00.000Z', $2, $3)`,
        [u, JSON.stringify(link), fixed],
      );
    // A title quoting the marker is no marker; a NUL escape does not stop the upgrade.
    await row('https://a.example.org/new', { title: 'a\u0000b', newFailure: true }, null);
    await row('https://a.example.org/old', { title: '"newFailure":true', newFailure: false }, null);
    await row('https://a.example.org/fixed', { newFailure: false }, '{"url":"x"}');
    const opened = await openPostgresStore(url);
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.store.close();
    const res = await c.query(
      'SELECT url, new_at, new_txid, fixed_at FROM latest_links ORDER BY url',
    );
    await c.end();
    expect(res.rows).toEqual([
      {
        url: 'https://a.example.org/fixed',
        new_at: null,
        new_txid: null,
        fixed_at: '2026-11-20T00:00:00.000Z',
      },
      {
        url: 'https://a.example.org/new',
        new_at: '2026-11-20T00:00:00.000Z',
        new_txid: null,
        fixed_at: null,
      },
      { url: 'https://a.example.org/old', new_at: null, new_txid: null, fixed_at: null },
    ]);
  });

  it('from version 7 drops the probe answers keyed by a host alone, keeps those keyed by origin', async () => {
    const { url, c } = await databaseAt(7);
    for (const host of ['a.example.org', 'b.example.org:8080', 'https://c.example.org']) {
      await c.query('INSERT INTO hosts (host, doc) VALUES ($1, $2)', [
        host,
        JSON.stringify({ host, updatedAt: 't' }),
      ]);
    }
    const o = await openPostgresStore(url);
    if (!o.ok) throw new Error(o.error.message);
    const read = await o.store.readHosts([
      'a.example.org',
      'b.example.org:8080',
      'https://c.example.org',
    ]);
    await o.store.close();
    await c.end();
    expect([...read.keys()]).toEqual(['https://c.example.org']);
  });
});
