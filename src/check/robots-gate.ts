import type { CheckOptions } from '../config/options.js';
import type { RobotsChecker } from '../fetch/index.js';

/** What the gate needs of a link. */
export interface RobotsItem {
  url: URL;
  host: string;
}

/**
 * With `respectRobots`, whether robots.txt lets a link be fetched. The first call per origin
 * fetches robots.txt through `inLane` (the host's lane: a request like any other to that host).
 */
export function robotsGate<T extends RobotsItem>(
  options: Pick<CheckOptions, 'respectRobots' | 'userAgent'>,
  checker: RobotsChecker | undefined,
  inLane: (item: T, fn: () => Promise<unknown>) => Promise<unknown>,
): (item: T) => Promise<boolean> {
  const fetched = new Map<string, Promise<unknown>>();
  return async (item) => {
    if (!options.respectRobots || !checker) return true;
    const origin = item.url.origin;
    let ready = fetched.get(origin);
    if (!ready) {
      ready = inLane(item, () => checker.check(`${origin}/`, options.userAgent));
      fetched.set(origin, ready);
    }
    await ready;
    const decision = await checker.check(item.url.href, options.userAgent);
    // RFC 9309 says an unreachable robots.txt disallows all. When the host itself can't be
    // reached, the page request will fail the same way: make it, and report the real error
    // (dns-nxdomain, refused...) rather than "skipped by robots".
    if (
      !decision.allowed &&
      decision.basis === 'unreachable' &&
      decision.error?.level === 'connection'
    ) {
      return true;
    }
    return decision.allowed;
  };
}
