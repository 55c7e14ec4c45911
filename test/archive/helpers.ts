import { afterEach } from 'vitest';
import {
  type ArchiveConfigInput,
  type ArchiveFinder,
  type ArchiveOptions,
  archiveConfigSchema,
  type CaptureJudge,
  createArchiveFinder,
  createCaptureJudge,
} from '../../src/archive/index.js';
import { classify } from '../../src/classify/index.js';
import { extractMeta } from '../../src/extract/index.js';
import { createFetcher } from '../../src/fetch/index.js';
import {
  createTestJudge,
  type FakeArchive,
  type FakeArchiveSetup,
  startFakeArchive,
} from '../support/archives.js';

/** Fast, test-sized options pointing every source at `base`; sources off unless asked. */
export function testOptions(
  base: string,
  over: {
    wayback?: boolean;
    wikiwix?: boolean;
    memento?: boolean;
    rate?: { requests: number; intervalMs: number };
    extra?: Partial<ArchiveConfigInput>;
  } = {},
) {
  const rate = over.rate ?? { requests: 100, intervalMs: 1000 };
  const input: ArchiveConfigInput = {
    lookupTimeoutMs: 8000,
    requestTimeoutMs: 2000,
    backoffMs: 50,
    retryAfterMaxMs: 5000,
    cache: { path: null },
    wayback: {
      enabled: over.wayback ?? true,
      baseUrl: base,
      availabilityBaseUrl: base,
      rate,
      playbackRate: { requests: 100, intervalMs: 1000 },
    },
    wikiwix: {
      enabled: over.wikiwix ?? false,
      baseUrl: base,
      rate,
      playbackRate: { requests: 100, intervalMs: 1000 },
    },
    memento: {
      enabled: over.memento ?? false,
      archives: [{ name: 'Test Memento Archive', timemapUrl: `${base}/timemap/link/{url}` }],
      rate,
      playbackRate: { requests: 100, intervalMs: 1000 },
    },
    ...over.extra,
  };
  return archiveConfigSchema.parse(input);
}

export const UA = 'rotwatch-test/0.0 (+https://example.org/rotwatch)';

/**
 * A fake archive and a finder on it per test, both closed after each test (call it at the top
 * of a test file). `finderOn` starts them; `archive()` is the fake archive last started.
 */
export function archiveFixture() {
  let archive: FakeArchive | null = null;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
    await archive?.close();
    archive = null;
  });
  return {
    /** The capture judge rotwatch runs (fetch, extract, classify) on loopback, closed after. */
    realJudge(): CaptureJudge {
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
      return createCaptureJudge({ fetcher, extractMeta, classify });
    },
    async finderOn(
      setup: FakeArchiveSetup,
      over: Parameters<typeof testOptions>[1] = {},
      deps: { judge?: CaptureJudge; tune?: (opts: ArchiveOptions) => void } = {},
    ): Promise<ArchiveFinder> {
      archive = await startFakeArchive(setup);
      const opts = testOptions(archive.base, over);
      deps.tune?.(opts);
      const finder = createArchiveFinder(opts, {
        judge: deps.judge ?? createTestJudge(),
        userAgent: UA,
      });
      closers.push(() => finder.close());
      return finder;
    },
    archive(): FakeArchive {
      if (!archive) throw new Error('no fake archive started');
      return archive;
    },
  };
}
