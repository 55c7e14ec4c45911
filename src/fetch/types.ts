import type { FetchOutcome } from '../model/index.js';

/** dns.lookup-compatible function (called as lookup(hostname, options, callback)). */
export type LookupFunction = (
  hostname: string,
  options: object,
  // biome-ignore lint/suspicious/noExplicitAny: dns.lookup's callback is overloaded on `all`
  cb: (...args: any[]) => void,
) => void;

export interface FetcherOptions {
  userAgent: string;
  /** Per attempt: connect, headers and body-idle timeouts each; the whole attempt gets 3x. */
  timeoutMs: number;
  /** Extra attempts after the first, for timeout/reset/5xx/429. */
  retries: number;
  /** Exponential backoff base, full jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Retry-After above this => error 'retry-after-exceeded'. */
  retryAfterMaxMs: number;
  /** Redirects followed at most (20, as browsers). */
  maxRedirects: number;
  /** Hard cap on decompressed body bytes read (HTML/text also capped at 256 KiB). */
  maxBodyBytes: number;
  allowPrivateAddresses: boolean;
  /** dns.lookup-compatible; tests map names like alpha.test to 127.0.0.x. */
  lookup?: LookupFunction;
}

export interface FetchRequestOptions {
  /** Extra headers (per-host config, conditional requests); sent on same-origin hops only. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Read the body up to the text cap whatever its Content-Type (robots.txt is sometimes
   * served as application/octet-stream). Default: decided by Content-Type.
   */
  forceBody?: boolean;
  /**
   * Awaited before every request after the first (retries and redirect hops), so that the
   * caller's per-host pacing covers them too. The first request is paced by the caller.
   */
  beforeRequest?: (url: URL) => Promise<void>;
  /**
   * Called when each request (the first, retries, redirect hops) is written on its connection,
   * after any DNS lookup and handshake: what the server sees as its start. A caller pacing
   * requests counts its gap from here (see HostScheduler.sent).
   */
  onSent?: (url: URL) => void;
}

export interface Fetcher {
  /** Never throws: every failure is an outcome with `error` set. */
  fetch(url: string, opts?: FetchRequestOptions): Promise<FetchOutcome>;
  close(): Promise<void>;
}

/**
 * Internal hooks, not user configuration. `isRefusedAddress` replaces the address guard's
 * decision (only consulted when allowPrivateAddresses is false), so tests can declare some
 * loopback addresses "public" while the guard stays on for the rest.
 */
export interface FetcherInternals {
  isRefusedAddress?: (ip: string) => boolean;
  /** Random source for backoff jitter, [0, 1). */
  random?: () => number;
  /** Extra trusted CA certificates (PEM), for tests' self-signed HTTPS servers. */
  ca?: string | Buffer;
}
