import { expect } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/model/index.js';
import type { TestWeb } from '../support/web.js';

/** `rotwatch fix ...args` run in `dir` as a script would (no terminal), its output captured. */
export async function runFix(
  dir: string,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['fix', ...args], {
    cwd: dir,
    isTTY: false,
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
  });
  return { code, out, err };
}

/** A check of `dir/catalogue` on the test web at `now`, which must read every input. */
export async function checkCatalogueAt(dir: string, web: TestWeb, now: string): Promise<Report> {
  const result = await runCheck({
    cwd: dir,
    inputs: ['catalogue'],
    lookup: web.lookup,
    now: () => new Date(now),
  });
  expect(result.problems).toEqual([]);
  return result.report!;
}

const FAST = { requests: 100, intervalMs: 1000 };

/**
 * The config of a fix end-to-end test: loopback checks without retries or gaps, and the
 * Wayback Machine at the fake archive `archiveBase` (fast rates, a cache in the folder).
 */
export function fixTestConfig(archiveBase: string) {
  return {
    check: { allowPrivateAddresses: true, retries: 0, timeout: 3000, perHostInterval: 0 },
    archive: {
      lookupTimeoutMs: 5000,
      requestTimeoutMs: 2000,
      backoffMs: 50,
      cache: { path: 'cache/archive.json' },
      wayback: {
        baseUrl: archiveBase,
        availabilityBaseUrl: archiveBase,
        rate: FAST,
        playbackRate: FAST,
      },
      wikiwix: { enabled: false },
      memento: { archives: [] },
    },
  };
}
