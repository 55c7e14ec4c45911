import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HistoryStore,
  openHistoryStore,
  openSqliteStore,
  SCHEMA_VERSION,
  storeTarget,
} from '../../src/store/index.js';
import { describeHistoryStore, linkState, runRecord } from './contract.js';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-sqlite-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function openFresh(): HistoryStore {
  const opened = openSqliteStore(join(dir, `contract-${n++}`, 'history.sqlite'));
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.store;
}

describeHistoryStore('SQLite store', async () => openFresh());

describe('SQLite store: the file', () => {
  it('is in WAL mode with the schema version, and keeps its data across opens', async () => {
    const path = join(dir, 'keep', 'history.sqlite');
    const first = openSqliteStore(path);
    if (!first.ok) throw new Error(first.error.message);
    await first.store.writeLinks([linkState('https://a.example.org/', { lastTitle: 'A' })]);
    await first.store.writeRun(runRecord('2026-01-05'), 52);
    await first.store.close();
    await first.store.close(); // idempotent
    // Closing folds the WAL into the file: the file alone is the whole history.
    expect(existsSync(`${path}-wal`)).toBe(false);

    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();

    const second = openSqliteStore(path);
    if (!second.ok) throw new Error(second.error.message);
    const links = await second.store.readLinks(['https://a.example.org/']);
    expect(links.get('https://a.example.org/')?.lastTitle).toBe('A');
    expect((await second.store.readRuns(5)).map((r) => r.id)).toEqual(['2026-01-05']);
    await second.store.close();
  });

  it('refuses a file written by a newer schema, and leaves it untouched', async () => {
    const path = join(dir, 'newer.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE future (x); INSERT INTO future VALUES (42);');
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const opened = openSqliteStore(path);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('store-newer-schema');
    expect(opened.error.message).toContain(path);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(after.prepare('SELECT x FROM future').get()).toEqual({ x: 42 });
    after.close();
  });

  it('says a file that is not a database is damaged, naming it', async () => {
    const path = join(dir, 'garbage.sqlite');
    await writeFile(path, 'this is not a database at all, just some text '.repeat(200));
    const opened = openSqliteStore(path);
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.error.code).toBe('store-corrupt');
      expect(opened.error.message).toContain(path);
    }
  });

  it('says a path it cannot create is unreadable', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'x');
    const opened = openSqliteStore(join(blocker, 'sub', 'history.sqlite'));
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error.code).toBe('store-unreadable');
  });
});

describe('openHistoryStore: where the store is', () => {
  const reportDir = '/srv/rw/reports';
  it('defaults to history.sqlite in the reports directory', () => {
    expect(storeTarget({ reportDir })).toEqual({
      kind: 'sqlite',
      path: '/srv/rw/reports/history.sqlite',
    });
  });
  it('takes sqlite:PATH and plain paths, relative to cwd', () => {
    expect(storeTarget({ reportDir, store: 'sqlite:data/h.db', cwd: '/w' })).toEqual({
      kind: 'sqlite',
      path: '/w/data/h.db',
    });
    expect(storeTarget({ reportDir, store: 'sqlite:///var/h.db', cwd: '/w' })).toEqual({
      kind: 'sqlite',
      path: '/var/h.db',
    });
    expect(storeTarget({ reportDir, store: 'h.db', cwd: '/w' })).toEqual({
      kind: 'sqlite',
      path: '/w/h.db',
    });
  });
  it('points postgres:// and postgresql:// at PostgreSQL, the password kept out of the location', () => {
    expect(storeTarget({ reportDir, store: 'postgres://rot:s3cret@db.example.org/rot' })).toEqual({
      kind: 'postgres',
      url: 'postgres://rot:s3cret@db.example.org/rot',
      location: 'postgres://rot:***@db.example.org/rot',
    });
    const other = storeTarget({ reportDir, store: 'postgresql://db.example.org/rot?password=x1' });
    expect(other).toMatchObject({
      kind: 'postgres',
      location: 'postgresql://db.example.org/rot?password=***',
    });
  });
  it('refuses other URL schemes', async () => {
    const opened = await openHistoryStore({ reportDir: dir, store: 'redis://x/0' });
    expect(!opened.ok && opened.error.code).toBe('store-unsupported-url');
  });
});
