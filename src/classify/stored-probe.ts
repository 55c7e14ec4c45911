import type { FetchOutcome, PageMeta, StoredProbe } from '../model/index.js';
import type { ProbeResult } from './probe.js';

/*
 * A host's answer to a path that cannot exist changes rarely (it is its error page, or its
 * catch-all home page). Kept in the history, it spares one request per host per run: on a
 * catalogue of many small sites that is most of the requests beyond the links themselves.
 */

/** Days a stored probe answer is reused before the host is probed again. */
export const DEFAULT_PROBE_REUSE_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * The key a probe answer is stored under: the URL's origin (scheme, lower-cased host, port when
 * not the scheme's default), e.g. `https://example.org` or `http://example.org:8080`. Not the
 * host alone: `http://example.org` and `https://example.org` may be two servers (a catch-all
 * on one, real 404s on the other), and one's answer stood for the other. Null for a URL
 * without an origin of its own (mailto:, data:).
 */
export function probeOriginKey(url: string | URL): string | null {
  try {
    const origin = (typeof url === 'string' ? new URL(url) : url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** Where a URL's scheme and authority end (the origin key depends on nothing else). */
const AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i;

/**
 * The origin keys of many URLs, each distinct scheme and authority parsed once rather than
 * every URL (10k links on 200 hosts: 200 parses instead of 10,000). Same keys as
 * `probeOriginKey`.
 */
export function probeOriginKeys(urls: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  const byAuthority = new Map<string, string | null>();
  for (const url of urls) {
    const authority = AUTHORITY.exec(url)?.[0];
    let key = authority === undefined ? probeOriginKey(url) : byAuthority.get(authority);
    if (key === undefined) {
      key = probeOriginKey(url);
      if (authority !== undefined) byAuthority.set(authority, key);
    }
    if (key !== null) keys.add(key);
  }
  return keys;
}

/**
 * Answers that say how the host was doing that moment, not how it answers a path that cannot
 * exist: throttled (429), timed out (408), failing (5xx).
 */
const TRANSIENT_STATUS = /^(408|429|5\d\d)$/;

/**
 * What to keep of a probe: its final answer and what classification compares. Null when the
 * probe got no answer (a timeout, a reset) or a transient one (throttled, failing): nothing
 * worth reusing, the next run probes again. Kept, a 429 stood for the host 30 days, hiding
 * its catch-all pages (every soft-404 of the host read as ok) long after the throttling ended.
 */
export function storeProbe(probe: ProbeResult, probedAt: string): StoredProbe | null {
  const res = probe.outcome.response;
  if (!res || probe.outcome.error || TRANSIENT_STATUS.test(String(res.status))) return null;
  const meta = probe.meta;
  return {
    probedAt,
    url: probe.url,
    status: res.status,
    finalUrl: res.url,
    contentType: meta?.contentType ?? null,
    title: meta?.title ?? null,
    htmlTitle: meta?.htmlTitle ?? null,
    h1: meta?.h1 ?? null,
    text: meta?.text ?? '',
  };
}

/** A stored answer still young enough to stand for the host's behaviour today. */
export function isReusable(stored: StoredProbe, now: Date, maxAgeDays: number): boolean {
  if (maxAgeDays <= 0 || stored.status === null || stored.finalUrl === null) return false;
  const at = Date.parse(stored.probedAt);
  if (Number.isNaN(at)) return false;
  const age = now.getTime() - at;
  // A date in the future (a clock set wrong) is not trusted either.
  return age >= 0 && age <= maxAgeDays * DAY_MS;
}

/** The stored answer in the shape classification compares against (no body, no hops). */
export function probeFromStored(stored: StoredProbe): ProbeResult {
  const finalUrl = stored.finalUrl ?? stored.url;
  const outcome: FetchOutcome = {
    requestedUrl: stored.url,
    hops: [],
    response: {
      url: finalUrl,
      status: stored.status ?? 0,
      headers: stored.contentType ? { 'content-type': stored.contentType } : {},
      body: new Uint8Array(0),
      bodyTruncated: false,
    },
    error: null,
    attempts: 1,
  };
  const meta: PageMeta = {
    title: stored.title,
    htmlTitle: stored.htmlTitle,
    ogTitle: null,
    h1: stored.h1,
    canonical: null,
    lang: null,
    contentType: stored.contentType,
    charset: null,
    contentLength: null,
    lastModified: null,
    pdf: null,
    refresh: null,
    biblio: null,
    text: stored.text,
  };
  return { url: stored.url, outcome, meta };
}
