import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/check/config.js';
import { openRunStore } from '../../src/check/run-store.js';
import { SCHEMA_VERSION } from '../../src/store/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-run-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(overrides: Record<string, unknown> = {}) {
  const loaded = await loadConfig(dir, undefined, overrides);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const reportDir = join(dir, loaded.config.options.reportDir);
  return openRunStore(dir, reportDir, loaded.config, {});
}

describe('openRunStore', () => {
  it('opens the history file in the reports directory, with nothing to say', async () => {
    const opened = await open();
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.problems).toEqual([]);
    expect(opened.store.location).toContain('history.sqlite');
    await opened.store.close();
  });

  it('refuses a history written by a newer version: a usage problem, the file untouched', async () => {
    const path = join(dir, 'newer.sqlite');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const opened = await open({ store: path });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.problem).toContain(path);
  });

  it('goes on in memory over a damaged history file, saying so and leaving it as it is', async () => {
    const path = join(dir, 'garbage.sqlite');
    const garbage = 'not a database '.repeat(300);
    await writeFile(path, garbage);
    const opened = await open({ store: path });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.store.location).toBe('memory');
    expect(opened.problems).toEqual([expect.stringContaining(path)]);
    await opened.store.close();
    expect(await readFile(path, 'utf8')).toBe(garbage);
  });

  it('names a damaged state.json by its place under the reports directory, line 1', async () => {
    await mkdir(join(dir, 'out'), { recursive: true });
    await writeFile(join(dir, 'out', 'state.json'), '{ "links": ');
    const opened = await open({ reportDir: 'out' });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.store.location).toBe('memory');
    expect(opened.problems).toEqual([expect.stringMatching(/^out\/state\.json:1: \S/)]);
    await opened.store.close();
    expect(await readFile(join(dir, 'out', 'state.json'), 'utf8')).toBe('{ "links": ');
  });
});
