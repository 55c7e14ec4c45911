import { describe, expect, it } from 'vitest';
import { startRun } from '../../src/check/run-history.js';
import { checkOptionsSchema } from '../../src/config/options.js';
import type { Target } from '../../src/model/index.js';
import { createMemoryStore } from '../../src/store/index.js';

const options = checkOptionsSchema.parse({});
const target = (url: string): Target => ({ url, citations: [] });
const at = () => new Date('2026-06-01T06:00:00.000Z');

describe('startRun', () => {
  it('begins a new run in the journal, unfinished, with its catalogues, and checks every target', async () => {
    const store = createMemoryStore();
    const targets = [target('https://a.example.org/'), target('https://b.example.org/')];
    const history = { store, resume: null, recordLinks: true, archiveCacheInStore: true };
    const started = await startRun(targets, options, history, { catalogues: ['urls.txt'] }, at);
    expect(started?.startedAt).toBe('2026-06-01T06:00:00.000Z');
    expect(started?.runId).toMatch(/^2026-06-01T06-00-00-000Z-[0-9a-f]{8}$/);
    expect(started?.todo).toEqual(targets);
    expect(await store.journal.unfinished()).toMatchObject({
      id: started?.runId,
      startedAt: '2026-06-01T06:00:00.000Z',
      finished: false,
      info: { catalogues: ['urls.txt'] },
    });
  });

  it('resumes under the run’s own id, with only the targets it had not recorded, in order', async () => {
    const store = createMemoryStore();
    const run = { id: 'r1', startedAt: 'then', finished: false, info: null, head: null };
    await store.journal.begin(run);
    // More targets than one batch asked of the journal, recorded ones on both sides of it.
    const urls = Array.from({ length: 2_500 }, (_, i) => `https://h${i % 7}.example.org/${i}`);
    const done = urls.filter((_, i) => i % 3 === 0);
    await store.journal.record(
      'r1',
      done.map((url) => ({ url, host: null, connectionFailure: null, observation: {} })),
    );
    const history = { store, resume: run, recordLinks: true, archiveCacheInStore: true };
    const started = await startRun(urls.map(target), options, history, { catalogues: [] }, at);
    expect(started?.runId).toBe('r1');
    expect(started?.startedAt).toBe('then');
    expect(started?.todo.map((t) => t.url)).toEqual(urls.filter((_, i) => i % 3 !== 0));
    // No second run was begun.
    expect(await store.journal.unfinished()).toMatchObject({ id: 'r1' });
  });
});
