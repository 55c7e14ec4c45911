import {
  isReusable,
  type ProbeResult,
  probeFromStored,
  probeOriginKey,
  probeUrlFor,
  storeProbe,
} from '../classify/index.js';
import { extractMeta } from '../extract/index.js';
import type { FetchOutcome, StoredProbe } from '../model/index.js';
import { NO_BODY } from './slim.js';

/*
 * Each host's answer to a path that cannot exist (the soft-404 probe): asked once per host and
 * run, or taken from the history while it is fresh enough. The engine says how the request goes
 * (`request`: in the host's lane, like any other).
 */

/** What a probe needs to know of the link whose host it probes. */
export interface ProbedItem {
  url: URL;
}

export interface HostProbesDeps<T extends ProbedItem> {
  /** Sends the probe for `item`'s host to `probeUrl`. */
  request: (item: T, probeUrl: string) => Promise<FetchOutcome>;
  /** The origin's probe answer kept from an earlier run (key: see probeOriginKey). */
  storedProbe?: (origin: string) => StoredProbe | undefined;
  /** A fresh probe answer for `origin`, to keep for the next runs. */
  onProbe?: (origin: string, probe: StoredProbe) => void;
  /** Days a stored answer is reused. */
  reuseDays: number;
  now: () => Date;
}

export interface HostProbes<T extends ProbedItem> {
  /**
   * This host's probe answer (null when the probe failed): from the history when fresh enough,
   * else asked once per run. `fresh` asks the host again if the answer came from the history.
   */
  probeFor(item: T, opts?: { fresh?: boolean }): Promise<ProbeResult | null>;
  /** True when `probe` came from the history, not from this run's request. */
  fromHistory(probe: ProbeResult): boolean;
}

export function hostProbes<T extends ProbedItem>(deps: HostProbesDeps<T>): HostProbes<T> {
  const probes = new Map<string, { answer: Promise<ProbeResult | null>; stored: boolean }>();
  const fromHistory = new WeakSet<ProbeResult>();

  const storedFor = (item: T): ProbeResult | null => {
    const key = probeOriginKey(item.url);
    const stored = key === null ? undefined : deps.storedProbe?.(key);
    if (!stored || !isReusable(stored, deps.now(), deps.reuseDays)) return null;
    const probe = probeFromStored(stored);
    fromHistory.add(probe);
    return probe;
  };

  const ask = (item: T): Promise<ProbeResult | null> => {
    const probeUrl = probeUrlFor(item.url.href);
    return deps
      .request(item, probeUrl)
      .then((outcome) => {
        const meta = outcome.response ? extractMeta(outcome.response) : null;
        if (outcome.response) outcome.response.body = NO_BODY;
        const result: ProbeResult = { url: probeUrl, outcome, meta };
        const key = probeOriginKey(item.url);
        const kept = storeProbe(result, deps.now().toISOString());
        if (key !== null && kept !== null) deps.onProbe?.(key, kept);
        return result;
      })
      .catch(() => null);
  };

  return {
    probeFor(item, opts = {}) {
      const origin = item.url.origin;
      const known = probes.get(origin);
      if (known && !(opts.fresh && known.stored)) return known.answer;
      const stored = opts.fresh ? null : storedFor(item);
      const entry = stored
        ? { answer: Promise.resolve(stored), stored: true }
        : { answer: ask(item), stored: false };
      probes.set(origin, entry);
      return entry.answer;
    },
    fromHistory: (probe) => fromHistory.has(probe),
  };
}
