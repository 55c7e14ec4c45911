import type { SharedSlot } from './throttle.js';

/**
 * Pacing per archive host. Each endpoint's gate keeps its own rate (a sliding window), which
 * lets a burst through: 15 CDX queries back to back at the start of a run, and the playbacks of
 * the same host at the same moment from another gate. Across the gates of one host, requests
 * start at least a gap apart: the shortest even spacing among that host's endpoints
 * (`intervalMs / requests`: 2 s for the Wayback Machine's playbacks at 30 a minute), so the
 * host never sees a burst and its busiest endpoint keeps its pace.
 */
export interface HostPacer {
  /** The start slot of a gate sending to `endpoint` (a URL) at `rate`; null without a host. */
  slot(endpoint: string, rate: { requests: number; intervalMs: number }): SharedSlot | null;
}

export function createHostPacer(now: () => number = Date.now): HostPacer {
  const hosts = new Map<string, { gapMs: number; last: number }>();

  function wait(host: string, deadline: number, signal: AbortSignal): Promise<boolean> {
    const h = hosts.get(host)!;
    const at = Math.max(now(), h.last + h.gapMs);
    if (at > deadline || signal.aborted) return Promise.resolve(false);
    // Reserved at once: the next request to this host, from any gate, comes after this one.
    h.last = at;
    const ms = at - now();
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(t);
        signal.removeEventListener('abort', onAbort);
        resolve(ok);
      };
      const onAbort = () => done(false);
      const t = setTimeout(() => done(true), ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    slot(endpoint, rate) {
      let host: string;
      try {
        host = new URL(endpoint).host.toLowerCase();
      } catch {
        return null;
      }
      if (!host) return null;
      const gapMs = rate.intervalMs / Math.max(1, rate.requests);
      const h = hosts.get(host);
      if (h) h.gapMs = Math.min(h.gapMs, gapMs);
      else hosts.set(host, { gapMs, last: Number.NEGATIVE_INFINITY });
      return (deadline, signal) => wait(host, deadline, signal);
    },
  };
}
