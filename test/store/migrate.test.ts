import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunState } from '../../src/model/index.js';
import { stableStringify } from '../../src/state/index.js';
import { type HistoryStore, openHistoryStore } from '../../src/store/index.js';
import { linkState, runRecord } from './contract.js';

let dir: string;
let reportDir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-migrate-'));
  reportDir = join(dir, 'reports');
  await mkdir(reportDir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const now = () => new Date('2026-02-02T10:00:00.000Z');

function oldState(): RunState {
  return {
    schema: 'rotwatch/state@1',
    links: {
      'https://a.example.org/': linkState('https://a.example.org/', {
        etag: '"e1"',
        lastTitle: 'A',
      }),
      'https://b.example.org/x': linkState('https://b.example.org/x', {
        lastStatus: 'error',
        lastReason: 'timeout',
        firstFailureAt: '2026-01-05T05:00:00.000Z',
        consecutiveFailures: 2,
        lastSuccessAt: null,
      }),
    },
    runs: [runRecord('2026-01-05', 2), runRecord('2026-01-12', 2)],
  };
}

async function open(): Promise<{ store: HistoryStore; notices: string[]; problem?: string }> {
  const opened = await openHistoryStore({
    reportDir,
    archiveCacheFile: join(reportDir, 'archive-cache.json'),
    now,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return {
    store: opened.store,
    notices: opened.notices ?? [],
    ...(opened.problem ? { problem: opened.problem } : {}),
  };
}

describe('migration from state.json', () => {
  it('imports an old state.json once, whole, and keeps it as a backup', async () => {
    const state = oldState();
    await writeFile(join(reportDir, 'state.json'), stableStringify(state));
    const first = await open();
    expect(first.problem).toBeUndefined();
    expect(first.notices).toEqual([expect.stringContaining('2 links, 2 runs')]);
    const links = await first.store.readLinks(Object.keys(state.links));
    expect(Object.fromEntries(links)).toEqual(state.links);
    expect(await first.store.readRuns(52)).toEqual(state.runs);
    await first.store.close();

    const files = (await readdir(reportDir)).sort();
    expect(files).toEqual(['history.sqlite', 'state.json.imported-2026-02-02T10-00-00-000Z']);
    const backup = await readFile(join(reportDir, files[1] as string), 'utf8');
    expect(JSON.parse(backup)).toEqual(state);

    // Opened again: nothing more to import, the history is the same.
    const second = await open();
    expect(second.notices).toEqual([]);
    expect((await second.store.readRuns(52)).length).toBe(2);
    await second.store.close();
  });

  it('never imports an old file over a history that already has runs', async () => {
    const first = await open();
    await first.store.writeRun(runRecord('2026-03-01'), 52);
    await first.store.close();
    await writeFile(join(reportDir, 'state.json'), stableStringify(oldState()));
    const second = await open();
    expect(second.notices).toEqual([expect.stringContaining('was not imported')]);
    expect((await second.store.readRuns(52)).map((r) => r.id)).toEqual(['2026-03-01']);
    await second.store.close();
    expect(existsSync(join(reportDir, 'state.json'))).toBe(true);
  });

  it('a damaged state.json: no history this run, none written, the file untouched', async () => {
    await writeFile(join(reportDir, 'state.json'), '{ "schema": "rotwatch/state@1", "links": ');
    const opened = await open();
    expect(opened.problem).toMatch(/state\.json is damaged: invalid JSON/);
    expect(opened.store.location).toBe('memory');
    await opened.store.writeLinks([linkState('https://a.example.org/')]);
    await opened.store.close();
    expect(await readFile(join(reportDir, 'state.json'), 'utf8')).toBe(
      '{ "schema": "rotwatch/state@1", "links": ',
    );
    // Nothing was written to a history file that would later shadow the old one.
    const again = await openHistoryStore({ reportDir, now });
    expect(again.ok && again.problem).toBeTruthy();
  });

  it('a state.json of another schema is refused the same way, naming the field', async () => {
    await writeFile(join(reportDir, 'state.json'), JSON.stringify({ schema: 'other', links: {} }));
    const opened = await open();
    expect(opened.problem).toMatch(/\$\.schema/);
  });

  it('imports the unexpired entries of the old archive lookup cache', async () => {
    const t = now().getTime();
    const file = {
      version: 1,
      entries: {
        fresh: { storedAt: 'x', expiresAt: t + 1_000, value: { ok: true } },
        stale: { storedAt: 'x', expiresAt: t - 1, value: { ok: false } },
      },
    };
    await writeFile(join(reportDir, 'archive-cache.json'), JSON.stringify(file));
    const opened = await open();
    expect(opened.notices).toEqual([expect.stringContaining('Imported 1 archive lookups')]);
    const cached = await opened.store.readCache(['fresh', 'stale'], t);
    expect(Object.fromEntries(cached)).toEqual({ fresh: { ok: true } });
    await opened.store.close();
    expect(existsSync(join(reportDir, 'archive-cache.json'))).toBe(false);
    expect(
      (await readdir(reportDir)).some((f) => f.startsWith('archive-cache.json.imported-')),
    ).toBe(true);
  });
});
