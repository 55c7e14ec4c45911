import { checkTargets, type EngineDeps } from '../../src/check/engine.js';
import { checkOptionsSchema } from '../../src/config/options.js';
import { createFetcher } from '../../src/fetch/index.js';
import type { Target } from '../../src/model/index.js';

type FetcherOptions = Parameters<typeof createFetcher>[0];
type FetcherTls = Parameters<typeof createFetcher>[1];

/**
 * Runs the engine once over `targets` with a fetcher of its own on a loopback web (`lookup`):
 * private addresses allowed, no gaps, no retries and short timeouts unless `options` say
 * otherwise; `tls` trusts a test certificate.
 */
export async function engineRun(
  targets: Target[],
  lookup: NonNullable<FetcherOptions['lookup']>,
  setup: { options?: Record<string, unknown>; deps?: Partial<EngineDeps>; tls?: FetcherTls } = {},
) {
  const opts = checkOptionsSchema.parse({
    allowPrivateAddresses: true,
    timeout: 2_000,
    retries: 0,
    perHostInterval: 0,
    ...setup.options,
  });
  const fetcher = createFetcher(
    {
      userAgent: 'rotwatch-test',
      timeoutMs: opts.timeout,
      retries: opts.retries,
      backoffBaseMs: 5,
      backoffMaxMs: 10,
      retryAfterMaxMs: 1_000,
      maxRedirects: opts.maxRedirects,
      maxBodyBytes: opts.maxBodyBytes,
      allowPrivateAddresses: true,
      lookup,
    },
    setup.tls,
  );
  try {
    return await checkTargets(targets, opts, { fetcher, ...setup.deps });
  } finally {
    await fetcher.close();
  }
}
