import { createRequire } from 'node:module';
import type { FetchError } from '../model/index.js';
import type { Fetcher } from './types.js';

interface ParsedRobots {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
// robots-parser is CommonJS with a default-export typing that NodeNext cannot call; load it plainly.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (
  url: string,
  contents: string,
) => ParsedRobots;

/** What robots.txt says about one URL, and why. */
export interface RobotsDecision {
  allowed: boolean;
  /**
   * `rules`: decided by a robots.txt; `no-robots`: 4xx, allow all; `unreachable`: 5xx, 429 or a
   * network/HTTP error, disallow all (RFC 9309 2.3.1.4); `not-applicable`: the URL is not
   * http(s) or the fetch was refused by our own policy, so robots.txt has no say (the page
   * fetch reports the real reason).
   */
  basis: 'rules' | 'no-robots' | 'unreachable' | 'not-applicable';
  /** The robots.txt fetch error, when there was one. */
  error: FetchError | null;
}

export interface RobotsChecker {
  isAllowed(url: string, userAgent: string): Promise<boolean>;
  check(url: string, userAgent: string): Promise<RobotsDecision>;
}

type Rules =
  | { kind: 'rules'; robots: ParsedRobots }
  | { kind: 'allow-all' | 'disallow-all' | 'not-applicable'; error: FetchError | null };

async function loadRules(
  fetcher: Fetcher,
  origin: string,
  signal: AbortSignal | undefined,
): Promise<Rules> {
  const robotsUrl = `${origin}/robots.txt`;
  const outcome = await fetcher.fetch(robotsUrl, {
    forceBody: true,
    ...(signal ? { signal } : {}),
  });
  const { response, error } = outcome;
  if (error?.code === 'aborted') throw new Error('aborted'); // not cached, see below
  if (error && error.level === 'policy') return { kind: 'not-applicable', error };
  if (!response || error) return { kind: 'disallow-all', error };
  const status = response.status;
  if (status >= 200 && status < 300) {
    const text = new TextDecoder('utf-8').decode(response.body);
    // Parse against the requested robots URL, so the rules apply to this origin's pages even
    // when robots.txt redirected elsewhere (e.g. to www.).
    return { kind: 'rules', robots: robotsParser(robotsUrl, text) };
  }
  if (status === 429 || status >= 500) return { kind: 'disallow-all', error: null };
  if (status >= 400) return { kind: 'allow-all', error: null };
  // 1xx/3xx left over (e.g. 304 without a conditional request): no usable file, allow.
  return { kind: 'allow-all', error: null };
}

/**
 * robots.txt per origin, fetched once and cached for the checker's lifetime; concurrent
 * callers for the same origin share one fetch. `signal` (the run's) stops a robots.txt fetch
 * that hangs when the run is stopped.
 */
export function createRobotsChecker(
  fetcher: Fetcher,
  opts: { signal?: AbortSignal } = {},
): RobotsChecker {
  const cache = new Map<string, Promise<Rules>>();

  function rulesFor(origin: string): Promise<Rules> {
    let p = cache.get(origin);
    if (!p) {
      p = loadRules(fetcher, origin, opts.signal);
      cache.set(origin, p);
      p.catch(() => cache.delete(origin));
    }
    return p;
  }

  async function check(url: string, userAgent: string): Promise<RobotsDecision> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { allowed: true, basis: 'not-applicable', error: null };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return { allowed: true, basis: 'not-applicable', error: null };
    }
    let rules: Rules;
    try {
      rules = await rulesFor(parsed.origin);
    } catch {
      return { allowed: false, basis: 'unreachable', error: null };
    }
    switch (rules.kind) {
      case 'rules':
        // undefined means "not this origin", which cannot happen here: treat as allowed.
        return {
          allowed: rules.robots.isAllowed(parsed.href, userAgent) !== false,
          basis: 'rules',
          error: null,
        };
      case 'allow-all':
        return { allowed: true, basis: 'no-robots', error: rules.error };
      case 'disallow-all':
        return { allowed: false, basis: 'unreachable', error: rules.error };
      case 'not-applicable':
        return { allowed: true, basis: 'not-applicable', error: rules.error };
    }
  }

  return {
    check,
    async isAllowed(url, userAgent) {
      return (await check(url, userAgent)).allowed;
    },
  };
}
