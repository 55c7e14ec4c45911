import { type CheckOptions, hostOverride } from '../config/options.js';
import type { Classification, Target } from '../model/index.js';

/** A target that will be fetched, or why it won't be. */
export type PlannedTarget =
  | { kind: 'fetch'; target: Target; url: URL; host: string; headers: Record<string, string> }
  | { kind: 'skip'; target: Target; classification: Classification };

export interface Plan {
  items: PlannedTarget[];
  /** Patterns that could not be compiled, reported as usage errors. */
  badPatterns: string[];
}

/** Compiles --include/--exclude patterns: regular expressions matched against the whole URL. */
export function compilePatterns(patterns: string[]): { regexps: RegExp[]; bad: string[] } {
  const regexps: RegExp[] = [];
  const bad: string[] = [];
  for (const p of patterns) {
    try {
      regexps.push(new RegExp(p, 'i'));
    } catch {
      bad.push(p);
    }
  }
  return { regexps, bad };
}

/** Extra headers of a host without any: one object for all (nothing writes to it). */
const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Skip verdicts of one plan: one (frozen) classification per reason and message, shared by
 * every target it concerns. A million links excluded by one pattern are a million items, not
 * also a million classifications and messages (about 100 bytes each, kept for the whole run).
 */
function skipper() {
  const shared = new Map<string, Classification>();
  return (target: Target, reason: Classification['reason'], message: string): PlannedTarget => {
    const key = `${reason}\u0000${message}`;
    let classification = shared.get(key);
    if (!classification) {
      classification = Object.freeze({ status: 'skipped' as const, reason, message });
      shared.set(key, classification);
    }
    return { kind: 'skip', target, classification };
  };
}

/** Decides, without any I/O, which targets are fetched and which are skipped and why. */
export function planTargets(targets: Target[], options: CheckOptions): Plan {
  const include = compilePatterns(options.include);
  const exclude = compilePatterns(options.exclude);
  const skip = skipper();
  // One lookup per host, not per link: the override search walks every configured host.
  const overrides = new Map<string, ReturnType<typeof hostOverride>>();
  const overrideOf = (host: string) => {
    if (!overrides.has(host)) overrides.set(host, hostOverride(options, host));
    return overrides.get(host);
  };
  const items = targets.map((target): PlannedTarget => {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      return skip(target, 'invalid-url', 'The URL cannot be parsed.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return skip(target, 'unsupported-scheme', `Scheme ${url.protocol} is not checked.`);
    }
    if (include.regexps.length > 0 && !include.regexps.some((r) => r.test(target.url))) {
      return skip(target, 'excluded', 'Not matched by any --include pattern.');
    }
    const excludedBy = exclude.regexps.find((r) => r.test(target.url));
    if (excludedBy) return skip(target, 'excluded', `Excluded by pattern ${excludedBy.source}.`);
    const override = overrideOf(url.hostname);
    if (override?.skip)
      return skip(target, 'host-skipped', `Host ${url.hostname} is skipped by configuration.`);
    return {
      kind: 'fetch',
      target,
      url,
      host: url.hostname.toLowerCase(),
      headers: override?.headers ?? NO_HEADERS,
    };
  });
  return { items, badPatterns: [...include.bad, ...exclude.bad] };
}
