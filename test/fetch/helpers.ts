import { afterEach } from 'vitest';
import {
  createFetcher,
  type Fetcher,
  type FetcherInternals,
  type FetcherOptions,
} from '../../src/fetch/index.js';
import { startTestWeb, type TestWeb } from '../support/web.js';

/** Short timeouts and no jitter, so tests stay fast and deterministic. */
export function testOptions(
  web: TestWeb | null,
  overrides: Partial<FetcherOptions> = {},
): FetcherOptions {
  return {
    userAgent: 'rotwatch-test/0 (+https://example.org/rotwatch)',
    timeoutMs: 300,
    retries: 0,
    backoffBaseMs: 10,
    backoffMaxMs: 40,
    retryAfterMaxMs: 5_000,
    maxRedirects: 10,
    maxBodyBytes: 1024 * 1024,
    allowPrivateAddresses: true,
    ...(web ? { lookup: web.lookup } : {}),
    ...overrides,
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** A test web plus a fetcher on it, both closed after the test. */
export async function setup(
  names: string[],
  overrides: Partial<FetcherOptions> = {},
  internals: FetcherInternals = { random: () => 0.5 },
): Promise<{ web: TestWeb; fetcher: Fetcher }> {
  const web = await startTestWeb(names);
  const fetcher = createFetcher(testOptions(web, overrides), internals);
  cleanups.push(async () => {
    await fetcher.close();
    await web.close();
  });
  return { web, fetcher };
}

export const utf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');
