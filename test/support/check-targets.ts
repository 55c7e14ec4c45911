import { check } from '../../src/check/index.js';
import type { Target, Verdict } from '../../src/model/index.js';

/** check() options for a loopback web: no gaps, no retries, short timeouts, no archives. */
export const FAST_CHECK = {
  allowPrivateAddresses: true,
  perHostInterval: 0,
  timeout: 2_000,
  retries: 0,
  archive: { enabled: false },
};

/** A target cited once, by entry `e1` of `cat.yaml`. */
export const citedOnce = (url: string): Target => ({
  url,
  citations: [{ id: 'e1', file: 'cat.yaml', line: 1, title: 'e1' }],
});

/**
 * Checks each of `urls` (by key) cited once, with FAST_CHECK on the loopback web of `lookup`,
 * and returns a reader of each key's `[status, reason]`.
 */
export async function checkNamed(
  urls: Record<string, string>,
  lookup: NonNullable<Parameters<typeof check>[1]>['lookup'],
): Promise<(key: string) => [Verdict | undefined, string | null | undefined]> {
  const report = await check(
    Object.values(urls).map((u) => citedOnce(u)),
    { ...FAST_CHECK, lookup },
  );
  return (key) => {
    const link = report.links.find((l) => l.url === urls[key]);
    return [link?.status, link?.reason];
  };
}
