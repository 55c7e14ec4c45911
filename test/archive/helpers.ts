import { type ArchiveConfigInput, archiveConfigSchema } from '../../src/archive/index.js';

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
