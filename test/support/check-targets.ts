import type { Target } from '../../src/model/index.js';

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
