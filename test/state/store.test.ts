import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LinkState, RunState, RunSummaryRecord } from '../../src/model/index.js';
import {
  createJsonFileStore,
  emptyState,
  pruneLinks,
  recordRun,
  StateFileError,
} from '../../src/state/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function link(url: string, extra: Partial<LinkState> = {}): LinkState {
  return {
    url,
    lastStatus: 'ok',
    lastReason: null,
    lastCheckedAt: '2026-11-01T06:00:00.000Z',
    firstFailureAt: null,
    consecutiveFailures: 0,
    lastSuccessAt: '2026-11-01T06:00:00.000Z',
    ...extra,
  };
}

function runRecord(id: string): RunSummaryRecord {
  return {
    id,
    startedAt: '2026-11-01T06:00:00.000Z',
    finishedAt: '2026-11-01T06:10:00.000Z',
    complete: true,
    network: 'ok',
    summary: { ok: 3, redirected: 0, dead: 1, error: 0, blocked: 0, skipped: 0, total: 4 },
  };
}

function sample(): RunState {
  return {
    schema: 'rotwatch/state@1',
    links: {
      'https://z.example.org/b': link('https://z.example.org/b', { etag: '"x"', lastTitle: 'Zed' }),
      'https://a.example.org/a': link('https://a.example.org/a', {
        lastStatus: 'dead',
        lastReason: 'http-404',
        firstFailureAt: '2026-11-01T06:00:00.000Z',
        consecutiveFailures: 1,
        lastSuccessAt: null,
      }),
    },
    runs: [runRecord('r1')],
  };
}

describe('JSON file store', () => {
  it('a missing file is an empty state', async () => {
    const store = createJsonFileStore(join(dir, 'nested', 'state.json'));
    expect(await store.load()).toEqual(emptyState());
    expect(await store.read()).toEqual({ ok: true, state: emptyState(), missing: true });
  });

  it('round-trips, creating the directory', async () => {
    const path = join(dir, 'reports', 'state.json');
    const store = createJsonFileStore(path);
    await store.save(sample());
    expect(await store.load()).toEqual(sample());
    expect(await createJsonFileStore(path).read()).toMatchObject({ ok: true, missing: false });
  });

  it('writes sorted keys, 2-space indent, one link per key, final newline', async () => {
    const path = join(dir, 'state.json');
    await createJsonFileStore(path).save(sample());
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "links": {');
    expect(text.indexOf('"https://a.example.org/a"')).toBeLessThan(
      text.indexOf('"https://z.example.org/b"'),
    );
    expect(text).toContain('    "https://a.example.org/a": {\n      "consecutiveFailures": 1,');
    // Saving the same state twice gives the same bytes (clean git diffs).
    await createJsonFileStore(path).save(JSON.parse(text));
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('leaves no temp files behind', async () => {
    const path = join(dir, 'state.json');
    await createJsonFileStore(path).save(sample());
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('a partial temp file from a crashed writer does not affect the state', async () => {
    const path = join(dir, 'state.json');
    const store = createJsonFileStore(path);
    await store.save(sample());
    const partial = JSON.stringify(sample()).slice(0, 120);
    await writeFile(join(dir, `.state.json.${process.pid + 1}.dead.tmp`), partial);
    expect(await store.load()).toEqual(sample());
    await store.save(emptyState());
    expect(await store.load()).toEqual(emptyState());
  });

  const corrupt: [string, string, string, RegExp][] = [
    [
      'truncated JSON',
      '{"schema": "rotwatch/state@1", "links": {',
      'state-corrupt',
      /damaged: invalid JSON/,
    ],
    ['empty file', '', 'state-corrupt', /damaged: it is empty/],
    [
      'another schema',
      '{"schema":"rotwatch/state@2","links":{},"runs":[]}',
      'state-invalid',
      /\$\.schema: expected 'rotwatch\/state@1'/,
    ],
    ['not an object', '[1,2]', 'state-invalid', /\$: expected an object/],
    [
      'a bad link',
      '{"schema":"rotwatch/state@1","links":{"https://a.example.org/":{"url":"https://a.example.org/","lastStatus":"gone"}},"runs":[]}',
      'state-invalid',
      /\$\.links\["https:\/\/a\.example\.org\/"\]\.lastStatus: expected one of ok/,
    ],
    [
      'a bad run',
      '{"schema":"rotwatch/state@1","links":{},"runs":[{"id":"x"}]}',
      'state-invalid',
      /\$\.runs\[0\]\.startedAt/,
    ],
  ];
  it.each(corrupt)(
    '%s: a clear error value, and load() rejects',
    async (_n, content, code, message) => {
      const path = join(dir, 'state.json');
      await writeFile(path, content);
      const store = createJsonFileStore(path);
      const result = await store.read();
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(code);
      expect(result.error.path).toBe(path);
      expect(result.error.message).toMatch(message);
      expect(result.error.message).toContain('Restore it from git or delete it');
      const err = await store.load().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StateFileError);
      expect((err as StateFileError).code).toBe(code);
      // Reading never touches the damaged file.
      expect(await readFile(path, 'utf8')).toBe(content);
    },
  );

  it('names the line of a JSON syntax error', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, '{\n  "schema": "rotwatch/state@1",\n  "links": {,\n}\n');
    const result = await createJsonFileStore(path).read();
    expect(!result.ok && result.error.message).toMatch(/at line 3/);
  });

  it('saving over a damaged file moves it aside instead of destroying it', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, '{"half a file');
    await createJsonFileStore(path).save(sample());
    expect(await createJsonFileStore(path).load()).toEqual(sample());
    const names = await readdir(dir);
    const aside = names.find((n) => n.startsWith('state.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"half a file');
  });

  it('drops unknown fields but keeps known ones', async () => {
    const path = join(dir, 'state.json');
    const withExtra = {
      ...sample(),
      future: true,
      links: {
        'https://a.example.org/a': { ...sample().links['https://a.example.org/a'], note: 'x' },
      },
    };
    await writeFile(path, JSON.stringify(withExtra));
    const loaded = await createJsonFileStore(path).load();
    expect(loaded.links['https://a.example.org/a']).toEqual(
      sample().links['https://a.example.org/a'],
    );
    expect('future' in loaded).toBe(false);
  });
});

describe('recordRun and pruneLinks', () => {
  it('caps the run history, oldest dropped', () => {
    let state = emptyState();
    for (let i = 1; i <= 60; i++) state = recordRun(state, runRecord(`r${i}`));
    expect(state.runs).toHaveLength(52);
    expect(state.runs[0]!.id).toBe('r9');
    expect(state.runs.at(-1)!.id).toBe('r60');
    expect(recordRun(state, runRecord('r61'), 5).runs.map((r) => r.id)).toEqual([
      'r57',
      'r58',
      'r59',
      'r60',
      'r61',
    ]);
  });

  it('replaces a run with the same id and does not mutate its input', () => {
    const state = recordRun(emptyState(), runRecord('r1'));
    const again = recordRun(state, { ...runRecord('r1'), complete: false });
    expect(again.runs).toHaveLength(1);
    expect(again.runs[0]!.complete).toBe(false);
    expect(state.runs[0]!.complete).toBe(true);
  });

  it('prunes links no longer cited', () => {
    const pruned = pruneLinks(sample(), ['https://a.example.org/a']);
    expect(Object.keys(pruned.links)).toEqual(['https://a.example.org/a']);
  });
});
