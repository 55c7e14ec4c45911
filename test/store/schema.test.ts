import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportLink } from '../../src/model/index.js';
import { openSqliteStore, SCHEMA_VERSION } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import { linkState, reportLink } from './contract.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-schema-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('SQLite schema migrations', () => {
  it('takes a version 1 file (plain JSON rows) to the compact schema without losing a row', async () => {
    const path = join(dir, 'v1.sqlite');
    const v1 = new Database(path);
    v1.exec(MIGRATIONS[0] as string);
    v1.pragma('user_version = 1');
    const state = linkState('https://a.example.org/', { lastTitle: 'A' });
    v1.prepare('INSERT INTO links (url, doc) VALUES (?, ?)').run(state.url, JSON.stringify(state));
    v1.prepare(
      "INSERT INTO journal_runs (id, started_at, finished, info, head) VALUES ('r1', 't', 1, 'null', '{}')",
    ).run();
    const down: ReportLink = {
      ...reportLink('https://b.example.org/', 'error'),
      reason: 'network-down',
    };
    const drifted: ReportLink = {
      ...reportLink('https://c.example.org/'),
      drift: { confirmed: true } as ReportLink['drift'],
    };
    const put = v1.prepare('INSERT INTO journal (run, url, status, link) VALUES (1, ?, ?, ?)');
    for (const l of [down, drifted]) put.run(l.url, l.status, JSON.stringify(l));
    v1.close();

    const opened = openSqliteStore(path);
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.store;
    expect((await store.readLinks([state.url])).get(state.url)).toEqual(state);
    const last = await store.journal.lastFinished();
    expect(last?.id).toBe('r1');
    const totals = await store.journal.totals('r1');
    expect(totals).toMatchObject({ counts: { error: 1, ok: 1 }, notChecked: 1, drifted: 1 });
    expect(await collect(store.journal.links('r1'))).toEqual([down, drifted]);
    // New rows go in compactly next to the old ones, and read back the same.
    const fresh = linkState('https://d.example.org/', { lastTitle: 'D' });
    await store.writeLinks([fresh]);
    expect((await collect(store.eachLink())).map((l) => l.url)).toEqual([state.url, fresh.url]);
    await store.close();

    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const doc = db.prepare('SELECT doc FROM links WHERE url = ?').get(fresh.url) as { doc: string };
    expect(doc.doc.startsWith('~[')).toBe(true);
    expect(doc.doc).not.toContain('lastTitle');
    db.close();
  });

  it('from version 2 drops the probe answers keyed by a host alone, keeps those keyed by origin', async () => {
    const path = join(dir, 'v2-hosts.sqlite');
    const v2 = new Database(path);
    v2.exec(MIGRATIONS[0] as string);
    v2.exec(MIGRATIONS[1] as string);
    v2.pragma('user_version = 2');
    const put = v2.prepare('INSERT INTO hosts (host, doc) VALUES (?, ?)');
    const doc = (host: string) => JSON.stringify({ host, updatedAt: 't' });
    // Before round 17: http:// and https:// of a.example.org shared this row.
    put.run('a.example.org', doc('a.example.org'));
    put.run('b.example.org:8080', doc('b.example.org:8080'));
    put.run('https://c.example.org', doc('https://c.example.org'));
    v2.close();

    const opened = openSqliteStore(path);
    if (!opened.ok) throw new Error(opened.error.message);
    const read = await opened.store.readHosts([
      'a.example.org',
      'b.example.org:8080',
      'https://c.example.org',
    ]);
    expect([...read.keys()]).toEqual(['https://c.example.org']);
    await opened.store.close();
  });
});
