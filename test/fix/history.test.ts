import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLinkStates } from '../../src/fix/history.js';
import type { LinkState } from '../../src/model/index.js';
import { openSqliteStore } from '../../src/store/index.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const link: LinkState = {
  url: 'https://a.test/x',
  lastStatus: 'redirected',
  lastReason: 'moved-permanently',
  lastCheckedAt: '2026-11-23T06:00:00.000Z',
  firstFailureAt: null,
  consecutiveFailures: 0,
  lastSuccessAt: '2026-11-23T06:00:00.000Z',
  moved: { to: 'https://b.test/y', since: '2026-11-16T06:00:00.000Z', runs: 2, titleBefore: 'T' },
};

describe('readLinkStates', () => {
  it('reads the history store when the check keeps one, moved included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-fix-hist-'));
    dirs.push(dir);
    const opened = openSqliteStore(join(dir, 'history.sqlite'));
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.store.writeLinks([link]);
    await opened.store.close();
    // A stale state.json beside it is not read.
    await writeFile(join(dir, 'state.json'), '{"schema":"rotwatch/state@1","links":{},"runs":[]}');
    const read = await readLinkStates(dir, [link.url, 'https://never.test/']);
    expect(read.ok && [...read.states.values()]).toEqual([link]);
  });

  it('falls back to state.json, and names the file when it is broken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-fix-hist-'));
    dirs.push(dir);
    const state = { schema: 'rotwatch/state@1', links: { [link.url]: link }, runs: [] };
    await writeFile(join(dir, 'state.json'), JSON.stringify(state));
    const read = await readLinkStates(dir, [link.url]);
    expect(read.ok && read.states.get(link.url)?.moved).toEqual(link.moved);
    await writeFile(join(dir, 'state.json'), '{ nope');
    const broken = await readLinkStates(dir, [link.url]);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toContain('state.json');
  });
});
