import { getJson, type SourceContext } from './archive-json.js';
import { cdxTextRows } from './cdx-text.js';
import type { ArchiveOptions } from './config.js';
import type { Gate } from './throttle.js';
import { msToWayback, type Window, waybackToMs } from './time.js';
import type { Candidate, SourceResult } from './types.js';

/**
 * The Wayback Machine: CDX queries on each side of the access date, revisit resolution, the
 * availability API as a fallback. Request builders and parsers are pure; `queryWayback` sends
 * through its gate. Shapes from the Wayback CDX server README (output=json: array of arrays,
 * first row the field names) and the availability API (`archived_snapshots.closest`).
 */

export const waybackPlayback = (base: string, ts: string, url: string) =>
  `${base}/web/${ts}/${url}`;
export const waybackRaw = (base: string, ts: string, url: string) => `${base}/web/${ts}id_/${url}`;

const CDX_FIELDS = 'timestamp,original,mimetype,statuscode,digest';
/**
 * Real answers and revisit records (status `-`): redirects and errors are left out of the side
 * queries, so that a run of them near the date cannot fill the limit.
 */
const NOT_ERROR = '!statuscode:[345]..';

export type CdxSide = 'before' | 'after';

/**
 * One side of the access date: `before`, the latest `limit` captures at or before its end (the
 * whole day for a date-only access date) and not before the publication date; `after`, the
 * earliest `limit` captures after it. Two bounded queries find the closest capture on each
 * side whatever lies on the other: the single `sort=closest` query missed the one before when
 * many came after.
 *
 * `limit=-N` reads the URL's captures up to `to` and keeps the last N. Never with
 * `fastLatest=true`: that reads only the index block holding the URL's latest captures (its
 * README: "some number of latest results"), so without a `from` a busy page whose last block
 * lies after the access date answered nothing before it. Never `limit=-1` either: the server
 * reads that one in reverse and stops at the first capture after `to`, the latest.
 */
export function cdxSideQueryUrl(
  base: string,
  url: string,
  w: Window,
  side: CdxSide,
  limit: number,
): string {
  const q = cdxParams(url);
  q.set('filter', NOT_ERROR);
  if (side === 'before') {
    if (w.startMs !== null) q.set('from', msToWayback(w.startMs));
    q.set('to', msToWayback(w.endInclusiveMs));
    q.set('fastLatest', 'false');
    q.set('limit', String(-Math.max(2, limit)));
  } else {
    q.set('from', msToWayback(Math.max(w.endInclusiveMs + 1000, w.startMs ?? 0)));
    q.set('limit', String(limit));
  }
  return `${base}/cdx/search/cdx?${q}`;
}

/**
 * Asked only when neither side has a real capture: the oldest captures of any status and
 * date, to tell "only errors or redirects were archived" and "only before the publication
 * date" from "never archived".
 */
export function cdxCensusUrl(base: string, url: string, limit: number): string {
  const q = cdxParams(url);
  q.set('limit', String(limit));
  return `${base}/cdx/search/cdx?${q}`;
}

/**
 * The URL, exactly: `matchType=exact` said, because without it the CDX server reads a url
 * ending in `*` as a prefix query (and one starting with `*.` as a domain query), which gave
 * a link such as `.../search?q=*` the captures of every URL beginning like it.
 */
function cdxParams(url: string): URLSearchParams {
  return new URLSearchParams({ url, matchType: 'exact', output: 'json', fl: CDX_FIELDS });
}

const NON_ALPHANUMERIC_CHARS = /[^A-Za-z0-9]/g;

/** The capture a revisit record duplicates: the first non-revisit capture with its digest. */
export function cdxDigestUrl(base: string, url: string, digest: string): string {
  const q = cdxParams(url);
  q.set('limit', '1');
  q.append('filter', `digest:${digest.replace(NON_ALPHANUMERIC_CHARS, '')}`);
  q.append('filter', '!mimetype:warc/revisit');
  return `${base}/cdx/search/cdx?${q}`;
}

export function isRevisit(c: Candidate): boolean {
  return (
    c.mimetype === 'warc/revisit' ||
    (c.status === null && c.digest !== null && c.source === 'wayback')
  );
}

/**
 * Gives each revisit record the status and type of the capture it duplicates (same digest)
 * among `known`; a revisit whose original is not known keeps a null status and type.
 */
export function resolveRevisits(list: Candidate[], known: Candidate[]): Candidate[] {
  const originals = new Map<string, Candidate>();
  for (const c of known) {
    if (c.digest && !isRevisit(c) && !originals.has(c.digest)) originals.set(c.digest, c);
  }
  return list.map((c) => {
    if (!isRevisit(c)) return c;
    const o = c.digest ? originals.get(c.digest) : undefined;
    return { ...c, status: o?.status ?? null, mimetype: o?.mimetype ?? null, revisit: true };
  });
}

const STATUS_CODE = /^\d{3}$/;

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
    if (Array.isArray(row) && row.length === 0) break;
    // A malformed row is skipped, not the rest of the answer.
    if (!Array.isArray(row) || row.length !== header.length) continue;
    const stamp = String(row[ts] ?? '');
    const ms = waybackToMs(stamp);
    if (ms === null) continue;
    const rawStatus = status !== undefined && status >= 0 ? String(row[status] ?? '') : '';
    const code = STATUS_CODE.test(rawStatus) ? Number(rawStatus) : Number.NaN;
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
  // The last day still "at or before" the access date: its end for a month or a year.
  const q = new URLSearchParams({ url, timestamp: msToWayback(w.endInclusiveMs).slice(0, 8) });
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

/** Revisit records whose original is looked up, per lookup (the closest ones). */
const MAX_DIGEST_QUERIES = 2;
/** Rows read by the census query. */
const CENSUS_LIMIT = 50;

export async function queryWayback(
  ctx: SourceContext,
  o: ArchiveOptions['wayback'],
  gates: { cdx: Gate; availability: Gate },
  url: string,
  w: Window,
  cdxLimit: number,
): Promise<SourceResult> {
  const cdxRows = async (query: string) => {
    // A server that ignores output=json answers its text format: read as the same rows.
    const r = await getJson(ctx, gates.cdx, query, cdxTextRows);
    if (!r.ok) return r;
    const parsed = parseCdx(r.value, o.baseUrl, url);
    return parsed.ok
      ? { ok: true as const, candidates: parsed.candidates }
      : {
          ok: false as const,
          reason: 'archive-down' as const,
          message: `Wayback CDX: ${parsed.message}`,
        };
  };
  const before = await cdxRows(cdxSideQueryUrl(o.baseUrl, url, w, 'before', cdxLimit));
  const after = before.ok
    ? await cdxRows(cdxSideQueryUrl(o.baseUrl, url, w, 'after', cdxLimit))
    : before;
  if (before.ok && after.ok) {
    let found = [...before.candidates, ...after.candidates];
    // The CDX server also answers a from > to query: nothing of it is kept twice.
    found = found.filter((c, i) => found.findIndex((d) => d.rawUrl === c.rawUrl) === i);
    found = resolveRevisits(found, found);
    found = await resolveByDigest(found, w, (d) => cdxRows(cdxDigestUrl(o.baseUrl, url, d)));
    if (found.length > 0) return { kind: 'captures', candidates: found };
    const census = await cdxRows(cdxCensusUrl(o.baseUrl, url, CENSUS_LIMIT));
    // Without the census the miss is still a miss: only its reason is less precise.
    return {
      kind: 'captures',
      candidates: census.ok ? resolveRevisits(census.candidates, census.candidates) : [],
    };
  }
  const failed = before.ok ? after : before;
  const cdxFailure: SourceResult = failed.ok
    ? {
        kind: 'failed',
        reason: 'archive-down',
        message: 'Wayback CDX answered something unreadable',
      }
    : { kind: 'failed', reason: failed.reason, message: failed.message };
  // An excluded site is excluded from every Wayback API: no fallback can tell more.
  if (cdxFailure.reason === 'archive-excluded') return cdxFailure;
  // The availability API misses archived URLs and returns error captures: a fallback only.
  if (!o.availabilityFallback) return cdxFailure;
  const av = await getJson(ctx, gates.availability, availabilityUrl(o.availabilityBaseUrl, url, w));
  if (!av.ok) return cdxFailure;
  const candidates = parseAvailability(av.value, o.baseUrl, url);
  // An empty availability answer proves nothing (it misses archived URLs): keep CDX's failure.
  if (candidates.length === 0) return cdxFailure;
  return { kind: 'captures', candidates, fallback: true };
}

/**
 * Revisits whose original was not among the rows: ask for it by digest, the closest to the
 * access date first, a bounded number of times. A failed query leaves the revisit unresolved
 * (null status: the judge's playback decides, as the Wayback Machine resolves it itself).
 */
async function resolveByDigest(
  found: Candidate[],
  w: Window,
  ask: (digest: string) => Promise<{ ok: true; candidates: Candidate[] } | { ok: false }>,
): Promise<Candidate[]> {
  const open = found
    .filter((c) => c.revisit && c.status === null && c.digest)
    .sort(
      (a, b) =>
        Math.abs(a.timestampMs - w.endInclusiveMs) - Math.abs(b.timestampMs - w.endInclusiveMs),
    );
  const digests = [...new Set(open.map((c) => c.digest!))].slice(0, MAX_DIGEST_QUERIES);
  const originals: Candidate[] = [];
  for (const d of digests) {
    const r = await ask(d);
    if (r.ok) originals.push(...r.candidates.filter((c) => c.digest === d));
  }
  return originals.length > 0 ? resolveRevisits(found, originals) : found;
}
