import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveFinder, createCaptureJudge } from '../../src/archive/index.js';
import { classify } from '../../src/classify/index.js';
import { extractMeta } from '../../src/extract/index.js';
import { createFetcher } from '../../src/fetch/index.js';
import { type FakeArchive, startFakeArchive } from '../support/archives.js';
import { testOptions, UA } from './helpers.js';

const REPORT = 'http://example.org/reports/annual-2019.html';
let archive: FakeArchive | null = null;
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await archive?.close();
  archive = null;
});

describe('the real capture judge (src/fetch + src/extract + src/classify)', () => {
  it('refuses soft-404 and redirect-to-home captures and accepts the real page', async () => {
    archive = await startFakeArchive({
      wayback: {
        [REPORT]: [
          { ts: '20210405000000', title: 'Page not found' },
          { ts: '20210320000000', redirectTo: 'http://example.org/' },
          { ts: '20201201000000', title: 'Annual report 2019' },
        ],
        'http://example.org/': [{ ts: '20210320000000', title: 'Example home' }],
      },
    });
    const fetcher = createFetcher({
      userAgent: UA,
      timeoutMs: 2000,
      retries: 0,
      backoffBaseMs: 10,
      backoffMaxMs: 50,
      retryAfterMaxMs: 1000,
      maxRedirects: 10,
      maxBodyBytes: 1_000_000,
      allowPrivateAddresses: true,
    });
    closers.push(() => fetcher.close());
    const judge = createCaptureJudge({ fetcher, extractMeta, classify });
    const b = archive.base;
    expect(await judge(`${b}/web/20210405000000id_/${REPORT}`, REPORT)).toEqual({
      ok: false,
      reason: 'soft-404',
    });
    expect(await judge(`${b}/web/20210320000000id_/${REPORT}`, REPORT)).toEqual({
      ok: false,
      reason: 'redirect-to-home',
    });
    expect(await judge(`${b}/web/20201201000000id_/${REPORT}`, REPORT)).toEqual({
      ok: true,
      reason: null,
    });

    // Wired into a finder, the soft-404 and the redirect are skipped for the real page.
    const finder = createArchiveFinder(testOptions(b), { judge, userAgent: UA });
    closers.push(() => finder.close());
    const r = await finder.find({
      url: REPORT,
      windowEnd: '2021-04-10',
      windowStart: null,
      contentType: 'text/html',
    });
    expect(r.capture?.timestamp).toBe('2020-12-01T00:00:00.000Z');
  });
});
