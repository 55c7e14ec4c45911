import type { ArchiveOptions, MementoArchiveOptions } from './config.js';
import { type HttpClient, parseJson } from './http.js';
import { mementosOf, parseLinkFormat } from './linkformat.js';
import type { Gate } from './throttle.js';
import { msToWayback, type Window, waybackToMs } from './time.js';
import type { Candidate, SourceResult } from './types.js';

/**
 * Request builders and answer parsers for each archive (pure), plus one `query*` function per
 * source that sends through its gate. Shapes checked against the archives' documentation:
 * Wayback CDX server README (output=json: array of arrays, first row the field names),
 * the availability API (`archived_snapshots.closest`), Wikiwix `apiresponse=1`
 * (`status`, `datetime`, `timestamp`, `longformurl`), RFC 7089 TimeMaps.
 */

export interface SourceContext {
  http: HttpClient;
  deadline: number;
  requestTimeoutMs: number;
  /** Aborted when the run stops: requests in flight end at once. */
  signal?: AbortSignal;
}

// ---------- Wayback ----------

export const waybackPlayback = (base: string, ts: string, url: string) =>
  `${base}/web/${ts}/${url}`;
export const waybackRaw = (base: string, ts: string, url: string) => `${base}/web/${ts}id_/${url}`;

/** Closest-first CDX query around the access date, never before the publication date. */
export function cdxQueryUrl(base: string, url: string, w: Window, limit: number): string {
  const q = new URLSearchParams({
    url,
    output: 'json',
    fl: 'timestamp,original,mimetype,statuscode,digest',
    filter: 'statuscode:20[036]',
    sort: 'closest',
    closest: msToWayback(w.endMs),
    limit: String(limit),
  });
  if (w.startMs !== null) q.set('from', msToWayback(w.startMs));
  return `${base}/cdx/search/cdx?${q}`;
}

export function parseCdx(
  value: unknown,
  base: string,
  url: string,
): { ok: true; candidates: Candidate[] } | { ok: false; message: string } {
  // An empty body and `[]` both mean no capture.
  if (value === null || (Array.isArray(value) && value.length === 0)) {
    return { ok: true, candidates: [] };
  }
  if (!Array.isArray(value) || !Array.isArray(value[0])) {
    return { ok: false, message: 'CDX answer is not an array of rows' };
  }
  const header = (value[0] as unknown[]).map(String);
  const col = (name: string) => header.indexOf(name);
  const [ts, mime, status, digest] = ['timestamp', 'mimetype', 'statuscode', 'digest'].map(col);
  if (ts === undefined || ts < 0) return { ok: false, message: 'CDX header has no timestamp' };
  const candidates: Candidate[] = [];
  for (const row of value.slice(1)) {
    // Rows after an empty row are a resume key, not captures.
    if (!Array.isArray(row) || row.length === 0) break;
    const stamp = String(row[ts] ?? '');
    const ms = waybackToMs(stamp);
    if (ms === null) continue;
    const code = status !== undefined && status >= 0 ? Number(row[status]) : Number.NaN;
    candidates.push({
      source: 'wayback',
      timestampMs: ms,
      playbackUrl: waybackPlayback(base, stamp, url),
      rawUrl: waybackRaw(base, stamp, url),
      status: Number.isInteger(code) ? code : null,
      mimetype: mime !== undefined && mime >= 0 ? String(row[mime] ?? '') || null : null,
      digest: digest !== undefined && digest >= 0 ? String(row[digest] ?? '') || null : null,
    });
  }
  return { ok: true, candidates };
}

export function availabilityUrl(base: string, url: string, w: Window): string {
  const q = new URLSearchParams({ url, timestamp: msToWayback(w.endMs).slice(0, 8) });
  return `${base}/wayback/available?${q}`;
}

export function parseAvailability(value: unknown, base: string, url: string): Candidate[] {
  const closest = (value as { archived_snapshots?: { closest?: Record<string, unknown> } } | null)
    ?.archived_snapshots?.closest;
  if (!closest || closest.available === false) return [];
  const stamp = String(closest.timestamp ?? '');
  const ms = waybackToMs(stamp);
  if (ms === null) return [];
  const code = Number(closest.status);
  return [
    {
      source: 'wayback',
      timestampMs: ms,
      playbackUrl: waybackPlayback(base, stamp, url),
      rawUrl: waybackRaw(base, stamp, url),
      status: Number.isInteger(code) ? code : null,
      mimetype: null,
      digest: null,
    },
  ];
}

export async function queryWayback(
  ctx: SourceContext,
  o: ArchiveOptions['wayback'],
  gates: { cdx: Gate; availability: Gate },
  url: string,
  w: Window,
  cdxLimit: number,
): Promise<SourceResult> {
  const cdx = await getJson(ctx, gates.cdx, cdxQueryUrl(o.baseUrl, url, w, cdxLimit));
  if (cdx.ok) {
    const parsed = parseCdx(cdx.value, o.baseUrl, url);
    if (parsed.ok) return { kind: 'captures', candidates: parsed.candidates };
  }
  const cdxFailure: SourceResult = cdx.ok
    ? {
        kind: 'failed',
        reason: 'archive-down',
        message: 'Wayback CDX answered something unreadable',
      }
    : { kind: 'failed', reason: cdx.reason, message: cdx.message };
  // The availability API misses archived URLs and returns error captures: a fallback only.
  if (!o.availabilityFallback) return cdxFailure;
  const av = await getJson(ctx, gates.availability, availabilityUrl(o.availabilityBaseUrl, url, w));
  if (!av.ok) return cdxFailure;
  const candidates = parseAvailability(av.value, o.baseUrl, url);
  // An empty availability answer proves nothing (it misses archived URLs): keep CDX's failure.
  if (candidates.length === 0) return cdxFailure;
  return { kind: 'captures', candidates, fallback: true };
}

// ---------- Wikiwix ----------

export const wikiwixQueryUrl = (base: string, url: string) =>
  `${base}/cache/?${new URLSearchParams({ url, apiresponse: '1' })}`;

export function parseWikiwix(value: unknown): Candidate[] {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') return [];
  const longform = typeof v.longformurl === 'string' ? v.longformurl : '';
  if (!longform) return []; // no copy: Wikiwix answers a status >= 400 and no longformurl
  let ms = waybackToMs(String(v.datetime ?? ''));
  if (ms === null && typeof v.timestamp === 'number') ms = v.timestamp * 1000;
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

/** `.../20010101000000/http://x` -> `.../20010101000000id_/http://x` (pywb, OpenWayback). */
export function rawMementoUrl(uri: string): string {
  return uri.replace(/\/(\d{14})(?:[a-z]{2}_)?\//, '/$1id_/');
}

export function parseTimemap(text: string, a: MementoArchiveOptions): Candidate[] {
  return mementosOf(parseLinkFormat(text)).map((m) => ({
    source: 'memento' as const,
    archive: a.name,
    timestampMs: m.datetimeMs,
    playbackUrl: m.uri,
    rawUrl: a.rawPlayback ? rawMementoUrl(m.uri) : m.uri,
    status: null,
    mimetype: m.type,
    digest: null,
  }));
}

export async function queryMemento(
  ctx: SourceContext,
  a: MementoArchiveOptions,
  gate: Gate,
  url: string,
): Promise<SourceResult> {
  const r = await gate.request(
    (left) =>
      ctx.http.send({
        url: timemapUrl(a.timemapUrl, url),
        headers: { accept: 'application/link-format' },
        timeoutMs: Math.min(left, ctx.requestTimeoutMs),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      }),
    ctx.deadline,
  );
  if (r.kind === 'failed') return r;
  // No TimeMap for a URL the archive never saw is a 404.
  if (r.res.status === 404 || r.res.status === 410) return { kind: 'captures', candidates: [] };
  if (r.res.status !== 200) {
    return {
      kind: 'failed',
      reason: 'archive-down',
      message: `${a.name} answered ${r.res.status}`,
    };
  }
  return { kind: 'captures', candidates: parseTimemap(r.res.body.toString('utf8'), a) };
}

// ---------- shared ----------

async function getJson(
  ctx: SourceContext,
  gate: Gate,
  url: string,
): Promise<
  | { ok: true; value: unknown }
  | { ok: false; reason: 'archive-throttled' | 'archive-down'; message: string }
> {
  const r = await gate.request(
    (left) =>
      ctx.http.send({
        url,
        headers: { accept: 'application/json' },
        timeoutMs: Math.min(left, ctx.requestTimeoutMs),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      }),
    ctx.deadline,
  );
  if (r.kind === 'failed') return { ok: false, reason: r.reason, message: r.message };
  if (r.res.status === 404) return { ok: true, value: null };
  if (r.res.status !== 200) {
    return { ok: false, reason: 'archive-down', message: `${gate.name} answered ${r.res.status}` };
  }
  if (r.res.body.length === 0) return { ok: true, value: null };
  const parsed = parseJson(r.res.body);
  if (!parsed.ok)
    return { ok: false, reason: 'archive-down', message: `${gate.name}: ${parsed.message}` };
  return { ok: true, value: parsed.value };
}
