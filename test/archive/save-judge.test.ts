import { afterEach, describe, expect, it } from 'vitest';
import {
  createArchiveFinder,
  createCaptureJudge,
  originalOfPlayback,
} from '../../src/archive/index.js';
import type { Classification, FetchOutcome, PageMeta } from '../../src/model/index.js';
import { page } from '../classify/build.js';
import { createTestJudge, type FakeArchive, startFakeArchive } from '../support/archives.js';
import { testOptions, UA } from './helpers.js';

let archive: FakeArchive | null = null;
const finders: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const f of finders.splice(0)) await f.close();
  await archive?.close();
  archive = null;
});

async function saver(env: Record<string, string>) {
  archive = await startFakeArchive({});
  const opts = testOptions(archive.base, {
    extra: { saveNow: { enabled: true, endpoint: `${archive.base}/save` } },
  });
  const finder = createArchiveFinder(opts, { judge: createTestJudge(), userAgent: UA, env });
  finders.push(finder);
  return { archive, finder };
}

const KEYS = { ROTWATCH_SPN_ACCESS_KEY: 'acc', ROTWATCH_SPN_SECRET_KEY: 'sec' };

describe('Save Page Now', () => {
  it('is absent unless enabled', async () => {
    archive = await startFakeArchive({});
    const finder = createArchiveFinder(testOptions(archive.base), {
      judge: createTestJudge(),
      userAgent: UA,
    });
    finders.push(finder);
    expect(finder.saveNow).toBeUndefined();
    expect(finder.saveNowOutcome).toBeUndefined();
  });

  it('posts the URL with the user keys, as SPN2 documents', async () => {
    const { archive, finder } = await saver(KEYS);
    const r = await finder.saveNowOutcome!('https://example.org/live-page');
    expect(r).toMatchObject({ ok: true, jobId: expect.stringMatching(/^spn2-/) });
    await finder.saveNow!('https://example.org/other-page');
    expect(archive.count('/save')).toBe(2);
    const post = archive.seen.find((s) => s.path === '/save')!;
    expect(post.method).toBe('POST');
    expect(post.headers.authorization).toBe('LOW acc:sec');
    expect(post.headers.accept).toBe('application/json');
    expect(new URLSearchParams(post.body).get('url')).toBe('https://example.org/live-page');
  });

  it('never sends private or loopback addresses, and needs keys', async () => {
    const { archive, finder } = await saver(KEYS);
    expect(await finder.saveNowOutcome!('http://127.0.0.1:8080/admin')).toMatchObject({
      ok: false,
      reason: 'private-address',
    });
    expect(await finder.saveNowOutcome!('http://nas.local/share')).toMatchObject({
      ok: false,
      reason: 'private-address',
    });
    expect(archive.seen).toHaveLength(0);

    const other = createArchiveFinder(
      testOptions(archive.base, {
        extra: { saveNow: { enabled: true, endpoint: `${archive.base}/save` } },
      }),
      { judge: createTestJudge(), userAgent: UA, env: {} },
    );
    finders.push(other);
    expect(await other.saveNowOutcome!('https://example.org/x')).toMatchObject({
      ok: false,
      reason: 'no-keys',
    });
    expect(archive.seen).toHaveLength(0);
  });
});

describe('capture judge (contract stand-ins for fetch, extract, classify)', () => {
  const base = 'https://web.archive.org/web';
  const meta: PageMeta = page({ title: 'Report' });
  /** A tiny classifier: a redirect chain ending on "/" is a redirect to home. */
  const classify = ({ outcome }: { outcome: FetchOutcome }): Classification => {
    const final = outcome.response ? new URL(outcome.response.url) : null;
    if (outcome.hops.length > 0 && final?.pathname === '/') {
      return { status: 'dead', reason: 'redirect-to-home', message: 'home' };
    }
    if (outcome.response?.status !== 200) {
      return { status: 'dead', reason: 'http-404', message: 'gone' };
    }
    return { status: 'ok', reason: null, message: 'ok' };
  };

  it('maps playback URLs to the archived URLs before classifying', async () => {
    const seen: FetchOutcome[] = [];
    const judge = createCaptureJudge({
      fetcher: {
        async fetch(url) {
          return {
            requestedUrl: url,
            hops: [{ url, status: 302, location: `${base}/20210301000000id_/http://example.org/` }],
            response: {
              url: `${base}/20210301000000id_/http://example.org/`,
              status: 200,
              headers: {},
              body: new Uint8Array(),
              bodyTruncated: false,
            },
            error: null,
            attempts: 1,
          };
        },
      },
      extractMeta: () => meta,
      classify: (input) => {
        seen.push(input.outcome);
        return classify(input);
      },
    });
    const v = await judge(`${base}/20210301000000id_/http://example.org/deep/page`, 'x');
    expect(v).toEqual({ ok: false, reason: 'redirect-to-home' });
    expect(seen[0]!.hops[0]!.url).toBe('http://example.org/deep/page');
    expect(seen[0]!.response!.url).toBe('http://example.org/');
  });

  it('accepts a capture the classifier finds ok', async () => {
    const judge = createCaptureJudge({
      fetcher: {
        fetch: async (url) => ({
          requestedUrl: url,
          hops: [],
          response: { url, status: 200, headers: {}, body: new Uint8Array(), bodyTruncated: false },
          error: null,
          attempts: 1,
        }),
      },
      extractMeta: () => meta,
      classify,
    });
    expect(await judge(`${base}/2021id_/http://example.org/a`, 'http://example.org/a')).toEqual({
      ok: true,
      reason: null,
    });
  });

  it('reads the original URL out of playback URLs', () => {
    expect(originalOfPlayback(`${base}/20210301000000id_/https://example.org/a?b=1`)).toBe(
      'https://example.org/a?b=1',
    );
    expect(originalOfPlayback('https://arch.example/20200101000000/http:/example.org/')).toBe(
      'http://example.org/',
    );
    expect(originalOfPlayback('https://example.org/plain')).toBe('https://example.org/plain');
  });
});
