/**
 * The log of the SQLite history is folded into the file by a worker thread during a run
 * (sqlite-checkpoints.ts), so the run's commits never wait for the disk; stopping the worker
 * gives the checkpoints back to the connection.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backgroundCheckpoints } from '../../src/store/sqlite-checkpoints.js';

let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});

async function walDatabase() {
  const dir = await mkdtemp(join(tmpdir(), 'rotwatch-ckpt-'));
  dirs.push(dir);
  const path = join(dir, 'history.sqlite');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { db, path };
}

/** Waits for `check` to hold (the worker works on its own clock), failing after 10 s. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never held');
}

const autocheckpoint = (db: Database.Database) =>
  db.pragma('wal_autocheckpoint', { simple: true }) as number;

describe('backgroundCheckpoints', () => {
  it('folds the log into the file from a worker while the connection only appends', async () => {
    const { db, path } = await walDatabase();
    const before = (await stat(path)).size;
    const checkpoints = backgroundCheckpoints(db, path);
    checkpoints.start();
    expect(autocheckpoint(db)).toBe(0);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const many = db.transaction((n: number) => {
      for (let i = 0; i < n; i++) insert.run('x'.repeat(500));
    });
    for (let i = 0; i < 20; i++) many(100);
    // Only a checkpoint writes pages into the database file itself.
    await until(async () => (await stat(path)).size > before + 500 * 1000);
    await checkpoints.stop();
    expect(autocheckpoint(db)).toBe(1000);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 2000 });
    db.close();
  });

  it('folds the log when asked, between its regular folds', async () => {
    const { db, path } = await walDatabase();
    const before = (await stat(path)).size;
    // No regular fold within the test: only the one asked for can grow the file.
    const checkpoints = backgroundCheckpoints(db, path, { everyMs: 10 * 60_000 });
    checkpoints.start();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run('y'.repeat(500));
    })();
    checkpoints.foldNow();
    await until(async () => (await stat(path)).size > before + 500 * 1000);
    await checkpoints.stop();
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1000 });
    db.close();
  });

  it('keeps the log within its bound under a steady stream of commits', async () => {
    const { db, path } = await walDatabase();
    const walBytes = () => statSync(`${path}-wal`).size;
    // A busy attempt (the suite's other files load the machine) is tried again at the next fold.
    const checkpoints = backgroundCheckpoints(db, path, {
      everyMs: 5,
      walMaxBytes: 1 << 20,
      truncateBackoffMs: 0,
    });
    checkpoints.start();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const commit = db.transaction(() => {
      for (let i = 0; i < 20; i++) insert.run('z'.repeat(500));
    });
    // One commit per turn of the event loop, as the run's journal writes them: a PASSIVE fold
    // (all the worker did before) seldom finds the log fully folded with no commit under way,
    // and only then does SQLite write the log from its start again (measured: 83 MB here).
    // Past its bound the worker empties the log while the commits go on; a log only folded
    // keeps the size it reached as long as they go on (up to 10,000 commits: 100 MB and more).
    // A millisecond now and then, as between the run's journal batches.
    let commits = 0;
    let exceeded = false;
    let emptied = false;
    while (!emptied && commits < 10_000) {
      commit();
      commits++;
      const size = walBytes();
      if (size > 1 << 20) exceeded = true;
      else if (exceeded) emptied = true;
      await new Promise((r) => (commits % 50 === 0 ? setTimeout(r, 1) : setImmediate(r)));
    }
    await checkpoints.stop();
    expect(emptied).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: commits * 20 });
    db.close();
  });

  it('does not hold the commits for long while another connection reads the log', async () => {
    const { db, path } = await walDatabase();
    // A report read by another process: its read transaction keeps the log in use.
    const reader = new Database(path, { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT COUNT(*) AS n FROM t').get();
    const checkpoints = backgroundCheckpoints(db, path, { everyMs: 5, walMaxBytes: 1 << 20 });
    checkpoints.start();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const commit = db.transaction(() => {
      for (let i = 0; i < 20; i++) insert.run('r'.repeat(500));
    });
    // Past the bound the worker tries to empty the log and cannot while the reader stays: were
    // it to wait for the reader, it would hold these commits until they fail as busy.
    for (let i = 0; i < 1500; i++) {
      commit();
      await new Promise((r) => setImmediate(r));
    }
    await checkpoints.stop();
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 30_000 });
    reader.prepare('COMMIT').run();
    reader.close();
    db.close();
  });

  it('hands the checkpoints back when the worker cannot open the file', async () => {
    const { db, path } = await walDatabase();
    const checkpoints = backgroundCheckpoints(db, join(path, 'not-a-file'));
    checkpoints.start();
    await until(() => autocheckpoint(db) === 1000);
    await checkpoints.stop();
    expect(autocheckpoint(db)).toBe(1000);
    db.close();
  });

  it('starts once and stops cleanly even if never started', async () => {
    const { db, path } = await walDatabase();
    const checkpoints = backgroundCheckpoints(db, path);
    await checkpoints.stop();
    checkpoints.start();
    checkpoints.start();
    await checkpoints.stop();
    expect(autocheckpoint(db)).toBe(1000);
    db.close();
  });
});
