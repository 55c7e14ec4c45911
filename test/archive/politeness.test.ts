import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveFinder } from '../../src/archive/index.js';
import { createTestJudge, type FakeArchive, startFakeArchive } from '../support/archives.js';
import { testOptions, UA } from './helpers.js';

const ACCESS = '2021-04-10';
const urls = Array.from({ length: 5 }, (_, i) => `http://example.org/doc-${i}.html`);
const history = Object.fromEntries(urls.map((u) => [u, [{ ts: '20210301000000' }]]));
const req = (url: string) => ({ url, windowEnd: ACCESS, windowStart: null, contentType: null });

let archive: FakeArchive | null = null;
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
  await archive?.close();
  archive = null;
});

describe('rate limits and throttling', () => {
  it('backs off on a 429, then succeeds, never above the configured rate', async () => {
    archive = await startFakeArchive({
      wayback: history,
      throttle: { prefix: '/cdx/', count: 1, retryAfterSeconds: 1 },
      // The archive's own limit, a little looser than ours for the time spent on the wire.
      enforce: { prefix: '/cdx/', requests: 2, windowMs: 350 },
    });
    const rate = { requests: 2, intervalMs: 400 };
    const finder = createArchiveFinder(testOptions(archive.base, { rate }), {
      judge: createTestJudge(),
      userAgent: UA,
    });
    cleanup.push(() => finder.close());
    const results = await Promise.all(urls.map((u) => finder.find(req(u))));
    expect(results.map((r) => r.capture?.timestamp)).toEqual(
      urls.map(() => '2021-03-01T00:00:00.000Z'),
    );
    // 5 lookups of two queries each (one on each side of the access date) + the retry of
    // the throttled one.
    expect(archive.count('/cdx/')).toBe(11);
    // What the archive saw: never more than 2 CDX requests in any 350 ms window.
    expect(archive.violations).toEqual([]);
    expect(archive.maxInWindow('/cdx/', 350)).toBeLessThanOrEqual(2);
    // Nothing was sent during the 1 s Retry-After pause.
    const cdx = archive.seen.filter((s) => s.path.startsWith('/cdx/'));
    expect(cdx[1]!.at - cdx[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it('gives up on an archive for the run after a second 429', async () => {
    archive = await startFakeArchive({
      wayback: history,
      throttle: { prefix: '/', count: 100, retryAfterSeconds: 0 },
    });
    const finder = createArchiveFinder(testOptions(archive.base), {
      judge: createTestJudge(),
      userAgent: UA,
    });
    cleanup.push(() => finder.close());
    const first = await finder.find(req(urls[0]!));
    expect(first).toMatchObject({ capture: null, reason: 'archive-throttled' });
    const seen = archive.seen.length;
    const second = await finder.find(req(urls[1]!));
    expect(second.reason).toBe('archive-throttled');
    expect(second.message).toMatch(/not asked again this run/);
    expect(archive.seen.length).toBe(seen);
  });

  it('gives up at once when Retry-After is longer than allowed', async () => {
    archive = await startFakeArchive({
      wayback: history,
      throttle: { prefix: '/', count: 100, retryAfterSeconds: 3600 },
    });
    const finder = createArchiveFinder(testOptions(archive.base), {
      judge: createTestJudge(),
      userAgent: UA,
    });
    cleanup.push(() => finder.close());
    const r = await finder.find(req(urls[0]!));
    expect(r.reason).toBe('archive-throttled');
    expect(r.message).toMatch(/Retry-After 3600 s/);
    // CDX once, then the availability fallback once: no retry after a too-long Retry-After.
    expect(archive.seen.length).toBe(2);
  });

  it('bounds a lookup that waits behind the rate limit', async () => {
    archive = await startFakeArchive({ wayback: history });
    const opts = testOptions(archive.base, {
      // Room for both lookups' first query and the first lookup's second, not for the rest.
      rate: { requests: 3, intervalMs: 60_000 },
      extra: { lookupTimeoutMs: 300 },
    });
    const finder = createArchiveFinder(opts, { judge: createTestJudge(), userAgent: UA });
    cleanup.push(() => finder.close());
    const [a, b] = await Promise.all([finder.find(req(urls[0]!)), finder.find(req(urls[1]!))]);
    expect(a.capture).not.toBeNull();
    expect(b).toMatchObject({ capture: null, reason: 'archive-throttled' });
    expect(b.message).toMatch(/time ran out/);
    expect(archive.count('/cdx/')).toBe(3);
  });
});

describe('lookup cache', () => {
  it('answers a second lookup, in a later run, without asking the archive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-archive-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'cache.json');
    archive = await startFakeArchive({ wayback: history, wikiwix: {} });
    const opts = testOptions(archive.base, { wikiwix: true, extra: { cache: { path } } });

    const run1 = createArchiveFinder(opts, { judge: createTestJudge(), userAgent: UA });
    const first = await run1.find(req(urls[0]!));
    const none1 = await run1.find(req('http://example.org/never-archived'));
    await run1.close();
    const saved = JSON.parse(await readFile(path, 'utf8'));
    expect(saved.version).toBe(1);
    expect(Object.keys(saved.entries).length).toBeGreaterThan(0);

    const seen = archive.seen.length;
    const judge = createTestJudge();
    const run2 = createArchiveFinder(opts, { judge, userAgent: UA });
    cleanup.push(() => run2.close());
    expect(await run2.find(req(urls[0]!))).toEqual(first);
    expect(await run2.find(req('http://example.org/never-archived'))).toEqual(none1);
    expect(none1.reason).toBe('no-capture');
    expect(archive.seen.length).toBe(seen);
    expect(judge.calls).toEqual([]);
  });

  it('expires entries after their time to live', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-archive-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'cache.json');
    archive = await startFakeArchive({ wayback: {} });
    const opts = testOptions(archive.base, { extra: { cache: { path, noneTtlDays: 7 } } });
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const deps = { judge: createTestJudge(), userAgent: UA, now: () => clock };
    const run1 = createArchiveFinder(opts, deps);
    await run1.find(req(urls[0]!));
    await run1.close();
    // Both sides of the date, then the census that tells why there is nothing.
    const perLookup = archive.count('/cdx/');
    expect(perLookup).toBe(3);

    clock += 6 * 86_400_000;
    const run2 = createArchiveFinder(opts, deps);
    await run2.find(req(urls[0]!));
    await run2.close();
    expect(archive.count('/cdx/')).toBe(perLookup);

    clock += 2 * 86_400_000;
    const run3 = createArchiveFinder(opts, deps);
    cleanup.push(() => run3.close());
    await run3.find(req(urls[0]!));
    expect(archive.count('/cdx/')).toBe(2 * perLookup);
  });

  it('does not cache a failed lookup', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-archive-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'cache.json');
    archive = await startFakeArchive({ wayback: history, failing: ['/cdx/', '/wayback/'] });
    const opts = testOptions(archive.base, { extra: { cache: { path } } });
    const run1 = createArchiveFinder(opts, { judge: createTestJudge(), userAgent: UA });
    expect((await run1.find(req(urls[0]!))).reason).toBe('archive-down');
    await run1.close();
    const run2 = createArchiveFinder(opts, { judge: createTestJudge(), userAgent: UA });
    cleanup.push(() => run2.close());
    await run2.find(req(urls[0]!));
    expect(archive.count('/cdx/')).toBe(2);
  });
});
