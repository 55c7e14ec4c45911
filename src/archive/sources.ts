import { getJson, type SourceContext } from './archive-json.js';
import type { ArchiveOptions, MementoArchiveOptions } from './config.js';
import { type Link, mementosOf, parseLinkFormat } from './linkformat.js';
import type { Gate } from './throttle.js';
import { parisWallClockToMs, type Window } from './time.js';
import { MAX_TIMEMAP_PAGES, nextPage, pageLinks } from './timemap-pages.js';
import type { Candidate, SourceResult } from './types.js';

export { isExclusion, type SourceContext } from './archive-json.js';
export * from './wayback.js';

/**
 * Wikiwix (`apiresponse=1`: `status`, `datetime`, `timestamp`, `longformurl`) and RFC 7089
 * TimeMaps: request builders and answer parsers (pure), plus one `query*` function per source
 * that sends through its gate. The Wayback Machine is in wayback.ts.
 */

// ---------- Wikiwix ----------

export const wikiwixQueryUrl = (base: string, url: string) =>
  `${base}/cache/?${new URLSearchParams({ url, apiresponse: '1' })}`;

/**
 * Epoch seconds a capture can have: from 1991 (the first web pages) to 2100. Outside, the
 * field is something else: milliseconds (1.6e12) or a `YYYYMMDDhhmmss` written as a number
 * (2e13), which read as seconds gave a capture in the year 53,000, or an instant JavaScript
 * dates cannot hold (the lookup failed on it).
 */
const MIN_EPOCH_SECONDS = Date.UTC(1991, 0, 1) / 1000;
const MAX_EPOCH_SECONDS = Date.UTC(2100, 0, 1) / 1000;

export function parseWikiwix(value: unknown): Candidate[] {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') return [];
  const longform = typeof v.longformurl === 'string' ? v.longformurl : '';
  if (!longform) return []; // no copy: Wikiwix answers a status >= 400 and no longformurl
  // `timestamp` is the epoch (seconds): exact. `datetime` is the same instant written in Paris
  // local time, read so only when the epoch is missing or is no epoch in seconds.
  const epoch = Number(v.timestamp);
  let ms =
    (typeof v.timestamp === 'number' || typeof v.timestamp === 'string') &&
    Number.isFinite(epoch) &&
    epoch >= MIN_EPOCH_SECONDS &&
    epoch < MAX_EPOCH_SECONDS
      ? epoch * 1000
      : null;
  ms ??= parisWallClockToMs(String(v.datetime ?? ''));
  if (ms === null) return [];
  const code = Number(v.status);
  return [
    {
      source: 'wikiwix',
      timestampMs: ms,
      playbackUrl: longform,
      rawUrl: longform,
      status: Number.isInteger(code) ? code : null,
      mimetype: typeof v.contenttype === 'string' ? v.contenttype : null,
      digest: null,
    },
  ];
}

export async function queryWikiwix(
  ctx: SourceContext,
  o: ArchiveOptions['wikiwix'],
  gate: Gate,
  url: string,
): Promise<SourceResult> {
  const r = await getJson(ctx, gate, wikiwixQueryUrl(o.baseUrl, url));
  if (!r.ok) return { kind: 'failed', reason: r.reason, message: r.message };
  return { kind: 'captures', candidates: parseWikiwix(r.value) };
}

// ---------- Memento TimeMaps ----------

export function timemapUrl(template: string, url: string): string {
  return template.replaceAll('{urlEncoded}', encodeURIComponent(url)).replaceAll('{url}', url);
}

const MEMENTO_TIMESTAMP_SEGMENT = /\/(\d{14})(?:[a-z]{2}_)?\//;

/** `.../20010101000000/http://x` -> `.../20010101000000id_/http://x` (pywb, OpenWayback). */
export function rawMementoUrl(uri: string): string {
  return uri.replace(MEMENTO_TIMESTAMP_SEGMENT, '/$1id_/');
}

/**
 * The mementos of a TimeMap read from `base`. Link-format URIs may be relative (RFC 6690
 * section 2: resolved against the TimeMap's own URL), e.g. `</web/20010101000000/http://x/>`:
 * kept as written, they were no URL an editor could open or the judge could fetch.
 */
export function parseTimemap(text: string, a: MementoArchiveOptions, base?: string): Candidate[] {
  return timemapCandidates(parseLinkFormat(text), a, base);
}

function timemapCandidates(links: Link[], a: MementoArchiveOptions, base?: string): Candidate[] {
  return mementosOf(links).flatMap((m) => {
    const uri = absoluteUri(m.uri, base);
    if (uri === null) return [];
    return [
      {
        source: 'memento' as const,
        archive: a.name,
        timestampMs: m.datetimeMs,
        playbackUrl: uri,
        rawUrl: a.rawPlayback ? rawMementoUrl(uri) : uri,
        status: null,
        mimetype: m.type,
        digest: null,
      },
    ];
  });
}

const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:/i;

/** An absolute URI as written; a relative one resolved against `base`; null without one. */
function absoluteUri(uri: string, base: string | undefined): string | null {
  if (ABSOLUTE_URI.test(uri)) return uri;
  if (!base) return null;
  try {
    return new URL(uri, base).href;
  } catch {
    return null;
  }
}

/**
 * The TimeMap of `url`, its later pages included when it is paged (timemap-pages.ts): at most
 * MAX_TIMEMAP_PAGES requests, each through the archive's gate (paced like any other). A page
 * after the first that fails ends the walk with what was read: the captures found still count,
 * but are not cached (`fallback`), so a later run reads the whole walk again.
 */
export async function queryMemento(
  ctx: SourceContext,
  a: MementoArchiveOptions,
  gate: Gate,
  url: string,
  w: Window,
): Promise<SourceResult> {
  const candidates: Candidate[] = [];
  const read = new Set<string>();
  let pageUrl: string | null = timemapUrl(a.timemapUrl, url);
  while (pageUrl !== null && read.size < MAX_TIMEMAP_PAGES) {
    const target: string = pageUrl;
    read.add(target);
    const r = await gate.request(
      (left) =>
        ctx.http.send({
          url: target,
          headers: { accept: 'application/link-format' },
          timeoutMs: Math.min(left, ctx.requestTimeoutMs),
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        }),
      ctx.deadline,
    );
    const first = read.size === 1;
    // A later page that failed: what was read still counts, but is not cached as the answer.
    if (r.kind === 'failed') return first ? r : { kind: 'captures', candidates, fallback: true };
    // No TimeMap for a URL the archive never saw is a 404.
    if (first && (r.res.status === 404 || r.res.status === 410)) {
      return { kind: 'captures', candidates: [] };
    }
    if (r.res.status !== 200) {
      if (!first) return { kind: 'captures', candidates, fallback: true };
      return {
        kind: 'failed',
        reason: 'archive-down',
        message: `${a.name} answered ${r.res.status}`,
      };
    }
    const links = parseLinkFormat(r.res.body.toString('utf8'));
    const page = timemapCandidates(links, a, r.res.url);
    candidates.push(...page);
    pageUrl = nextPage({
      links: pageLinks(links, r.res.url),
      page: page.map((c) => c.timestampMs),
      seen: candidates.map((c) => c.timestampMs),
      read,
      endMs: w.endInclusiveMs,
    });
  }
  // Pages may overlap at their edges: a memento is kept once.
  const kept = new Set<string>();
  const unique = candidates.filter((c) => !kept.has(c.playbackUrl) && !!kept.add(c.playbackUrl));
  return { kind: 'captures', candidates: unique };
}
