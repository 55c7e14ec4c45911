import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import type { CaptureJudge } from '../../src/archive/index.js';

/**
 * Fake web archives on loopback, answering in the archives' documented formats:
 * - Wayback CDX server: `GET /cdx/search/cdx?url=&output=json&fl=&filter=&from=&to=&sort=closest&closest=&limit=`
 *   -> `[[header...], [row...], ...]` (or `[]` when nothing matches);
 * - availability API: `GET /wayback/available?url=&timestamp=` -> `{url, archived_snapshots: {closest?}}`;
 * - Wayback playback: `GET /web/<ts>id_/<url>` (the captured answer: status, body, redirect);
 * - Wikiwix: `GET /cache/?url=&apiresponse=1` -> `{status, contenttype, timestamp, datetime, longformurl}`,
 *   playback `GET /cache/<datetime>/<url>`;
 * - Memento: `GET /timemap/link/<url>` -> RFC 7089 link-format, playback `GET /memento/<ts>/<url>`;
 * - Save Page Now 2: `POST /save` -> `{url, job_id}`.
 * Every request is recorded (path, time) so tests can check what the archive saw.
 */

export interface FakeCapture {
  /** 14-digit Wayback timestamp. */
  ts: string;
  /** Status of the captured answer. */
  status?: number;
  mimetype?: string;
  title?: string;
  /** For a captured redirect: the URL it pointed to. */
  redirectTo?: string;
  digest?: string;
  /** A revisit record (CDX status `-`, type `warc/revisit`): give it its original's digest. */
  revisit?: boolean;
  /**
   * Listed by the index, but its playback is the archive's own 404 (the record is gone or
   * broken): no `Memento-Datetime`, the archive's "not archived" page.
   */
  gone?: boolean;
  /**
   * Its playback is the archive's own redirect to the capture of this timestamp (what the
   * Wayback Machine does when a timestamp cannot be played: it sends to the nearest one). No
   * `Memento-Datetime`: the archive's answer, not a captured redirect.
   */
  playbackMovedTo?: string;
}

export interface FakeArchiveSetup {
  /** Loopback address to bind, e.g. 127.0.0.2. */
  host?: string;
  /** Captures per original URL (Wayback CDX, availability and playback). */
  wayback?: Record<string, FakeCapture[]>;
  /** URLs for which the availability API answers an empty `archived_snapshots` anyway. */
  availabilityMisses?: string[];
  /** Wikiwix copies per original URL. */
  wikiwix?: Record<string, FakeCapture>;
  /** Memento captures per original URL. */
  memento?: Record<string, FakeCapture[]>;
  /** Answer 429 to the first `count` requests whose path starts with `prefix`. */
  throttle?: { prefix: string; count: number; retryAfterSeconds?: number };
  /**
   * Enforce a rate like a real archive: a request under `prefix` beyond `requests` in any
   * rolling `windowMs` is answered 429 and counted in `violations`.
   */
  enforce?: { prefix: string; requests: number; windowMs: number };
  /**
   * A CDX server that ignores `output=json` and answers its text format: `fields` honours `fl`,
   * `default` ignores it too (the 7 default fields).
   */
  cdxText?: 'fields' | 'default';
  /** Append `showResumeKey`'s empty line and resume key to every CDX answer. */
  cdxResumeKey?: boolean;
  /** Send CDX answers gzip-compressed without a Content-Encoding header. */
  gzipCdxBody?: boolean;
  /** Answer 500 to every request whose path starts with one of these. */
  failing?: string[];
  /** URLs the archive excludes: CDX and availability answer 403 "Blocked Site Error". */
  excluded?: string[];
  /** URLs whose playbacks answer 403 "excluded from the Wayback Machine" (the index still lists them). */
  excludedPlayback?: string[];
  /** TimeMap memento URIs written relative to the archive's root (`</memento/...>`). */
  relativeMementos?: boolean;
  /**
   * Paged TimeMaps, oldest mementos first, `size` per page (page k at
   * `/timemap-page/<k>/<url>`, page 1 also at the TimeMap's own URL): `next` links each page to
   * the next and previous ones (`rel="next"`/`rel="prev"`); `ranges` lists every other page as
   * `rel="timemap"` with `from`/`until`; `index` answers the TimeMap's URL with no memento, only
   * the pages (`rel="timemap"`, `from`/`until`); `unordered` lists the other pages as
   * `rel="timemap"` without dates.
   */
  timemapPages?: {
    size: number;
    style: 'next' | 'ranges' | 'index' | 'unordered';
    /** Pages run from the newest mementos (then `next` is the older page). */
    newestFirst?: boolean;
  };
  /** Wikiwix `timestamp` and `datetime` as given (e.g. a Paris `datetime`), per URL. */
  wikiwixRaw?: Record<string, { timestamp?: unknown; datetime?: unknown }>;
}

export interface SeenRequest {
  method: string;
  path: string;
  url: URL;
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeArchive {
  base: string;
  seen: SeenRequest[];
  /** Requests that broke the `enforce` rate. */
  violations: SeenRequest[];
  /** Requests whose path starts with `prefix`. */
  count(prefix: string): number;
  /** Largest number of `prefix` requests seen in any rolling window of `windowMs`. */
  maxInWindow(prefix: string, windowMs: number): number;
  close(): Promise<void>;
}

const DEFAULT_TITLE = 'Annual report 2019';

function page(title: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>Content of the document as archived.</p></body></html>`;
}

function tsToMs(ts: string): number {
  const p = ts.padEnd(14, '0');
  return Date.UTC(
    Number(p.slice(0, 4)),
    Math.max(1, Number(p.slice(4, 6))) - 1,
    Math.max(1, Number(p.slice(6, 8))),
    Number(p.slice(8, 10)),
    Number(p.slice(10, 12)),
    Number(p.slice(12, 14)),
  );
}

/** Upper bound of a partial timestamp, as the CDX server pads `to=`. */
function tsUpper(ts: string): string {
  return ts.padEnd(14, '9').slice(0, 14);
}

/** Lines of the index block a fastLatest query reads (the real server's ZipNum: 3,000). */
const FAST_LATEST_BLOCK = 20;

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

export async function startFakeArchive(setup: FakeArchiveSetup): Promise<FakeArchive> {
  const seen: SeenRequest[] = [];
  const violations: SeenRequest[] = [];
  const throttled = new Map<string, number>();
  const host = setup.host ?? '127.0.0.2';
  let base = '';

  const waybackCaptures = (url: string) => setup.wayback?.[url] ?? [];

  function blocked(res: ServerResponse): void {
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end(
      'org.archive.util.io.RuntimeIOException: org.archive.wayback.exception.AdministrativeAccessControlException: Blocked Site Error',
    );
  }

  function cdx(res: ServerResponse, q: URLSearchParams) {
    let url = q.get('url') ?? '';
    if (setup.excluded?.includes(url)) return blocked(res);
    const fields = (q.get('fl') ?? 'urlkey,timestamp,original,mimetype,statuscode,digest,length')
      .split(',')
      .map((s) => s.trim());
    // As the CDX server: without matchType, a url ending in `*` is a prefix query.
    const prefix = q.get('matchType') === 'prefix' || (!q.get('matchType') && url.endsWith('*'));
    if (!q.get('matchType') && url.endsWith('*')) url = url.slice(0, -1);
    const originals = prefix
      ? Object.keys(setup.wayback ?? {}).filter((u) => u.startsWith(url))
      : [url];
    let rows = originals.flatMap((original) =>
      waybackCaptures(original).map((c) => ({
        urlkey: original.replace(/^https?:\/\//, ''),
        timestamp: c.ts,
        original,
        mimetype: c.revisit ? 'warc/revisit' : (c.mimetype ?? 'text/html'),
        statuscode: c.revisit ? '-' : String(c.status ?? 200),
        digest: c.digest ?? `D${c.ts}`,
        length: '1000',
      })),
    );
    rows.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    const limit = Number(q.get('limit') ?? '0');
    // fastLatest (which limit=-1 implies) reads only the index block holding the URL's latest
    // captures (ZipNum blocks hold 3,000 lines; here FAST_LATEST_BLOCK), unless `from` is set.
    const fastLatest =
      q.get('fastLatest') === 'true' || (q.get('fastLatest') === null && limit === -1);
    if (fastLatest && !q.get('from')) rows = rows.slice(-FAST_LATEST_BLOCK);
    for (const f of q.getAll('filter')) {
      const neg = f.startsWith('!');
      const [field, ...rest] = (neg ? f.slice(1) : f).split(':');
      const re = new RegExp(`^(?:${rest.join(':')})$`);
      rows = rows.filter((r) => re.test(String(r[field as keyof typeof r] ?? '')) !== neg);
    }
    const from = q.get('from');
    const to = q.get('to');
    if (from) rows = rows.filter((r) => r.timestamp >= from.padEnd(14, '0'));
    if (to) rows = rows.filter((r) => r.timestamp <= tsUpper(to));
    if (q.get('sort') === 'reverse') rows.reverse();
    if (q.get('sort') === 'closest') {
      const target = tsToMs(q.get('closest') ?? '');
      rows.sort(
        (a, b) => Math.abs(tsToMs(a.timestamp) - target) - Math.abs(tsToMs(b.timestamp) - target),
      );
    }
    // limit=-1 is the server's "last": read in reverse, and a `to` bound ends the read at the
    // first capture after it, which in reverse order is the latest one, read first.
    if (limit === -1 && to) {
      const latest = originals.flatMap((o) => waybackCaptures(o).map((c) => c.ts)).sort();
      if ((latest.at(-1) ?? '') > tsUpper(to)) rows = [];
    }
    if (limit > 0) rows = rows.slice(0, limit);
    // A negative limit gives the last N results (in index order), as the CDX server documents.
    if (limit < 0) rows = rows.slice(limit);
    if (q.get('output') !== 'json' || setup.cdxText) {
      const cols =
        setup.cdxText === 'default'
          ? ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length']
          : fields;
      const lines = rows.map((r) => cols.map((f) => r[f as keyof typeof r]).join(' '));
      if (setup.cdxResumeKey && lines.length) lines.push('', 'com%2Cexample%29%2F+20210101');
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(lines.join('\n'));
      return;
    }
    const out: unknown[] = rows.length
      ? [fields, ...rows.map((r) => fields.map((f) => r[f as keyof typeof r]))]
      : [];
    if (setup.cdxResumeKey && rows.length) out.push([], ['com%2Cexample%29%2F+20210101']);
    if (setup.gzipCdxBody) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(gzipSync(JSON.stringify(out)));
      return;
    }
    json(res, 200, out);
  }

  function availability(res: ServerResponse, q: URLSearchParams) {
    const url = q.get('url') ?? '';
    if (setup.excluded?.includes(url)) return blocked(res);
    const caps = waybackCaptures(url);
    if (caps.length === 0 || setup.availabilityMisses?.includes(url)) {
      return json(res, 200, { url, archived_snapshots: {} });
    }
    const target = tsToMs(q.get('timestamp') ?? '');
    const c = [...caps].sort(
      (a, b) => Math.abs(tsToMs(a.ts) - target) - Math.abs(tsToMs(b.ts) - target),
    )[0]!;
    json(res, 200, {
      url,
      archived_snapshots: {
        closest: {
          status: String(c.status ?? 200),
          available: true,
          url: `${base}/web/${c.ts}/${url}`,
          timestamp: c.ts,
        },
      },
    });
  }

  /** The captured answer itself, as raw playback serves it. */
  function playback(
    res: ServerResponse,
    c: FakeCapture | undefined,
    prefix: string,
    original: string,
  ): void {
    if (c?.playbackMovedTo) {
      res.writeHead(302, { location: `${base}${prefix}${c.playbackMovedTo}id_/${original}` });
      res.end();
      return;
    }
    if (!c || c.gone) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end(page('Wayback Machine has not archived that URL.'));
      return;
    }
    if (c.redirectTo) {
      res.writeHead(c.status && c.status >= 300 && c.status < 400 ? c.status : 302, {
        location: `${base}${prefix}${c.ts}id_/${c.redirectTo}`,
      });
      res.end();
      return;
    }
    // Playbacks of a capture carry Memento-Datetime, whatever status was captured (RFC 7089).
    res.writeHead(c.status ?? 200, {
      'content-type': c.mimetype ?? 'text/html; charset=utf-8',
      'memento-datetime': new Date(tsToMs(c.ts)).toUTCString(),
    });
    res.end(page(c.title ?? DEFAULT_TITLE));
  }

  function wikiwix(res: ServerResponse, q: URLSearchParams) {
    const url = q.get('url') ?? '';
    const c = setup.wikiwix?.[url];
    if (!c) return json(res, 200, { status: 404 });
    const raw = setup.wikiwixRaw?.[url];
    json(res, 200, {
      status: c.status ?? 200,
      contenttype: c.mimetype ?? 'text/html; charset=utf-8',
      timestamp: raw ? raw.timestamp : Math.floor(tsToMs(c.ts) / 1000),
      datetime: raw ? raw.datetime : c.ts,
      longformurl: `${base}/cache/${c.ts}/${url}`,
    });
  }

  const httpDate = (ts: string) => new Date(tsToMs(ts)).toUTCString();

  /** Page `page` (1-based; 0: the index) of a paged TimeMap: its mementos and its page links. */
  function timemapPage(url: string, all: FakeCapture[], page: number) {
    const p = setup.timemapPages!;
    const pages: FakeCapture[][] = [];
    for (let i = 0; i < all.length; i += p.size) pages.push(all.slice(i, i + p.size));
    // Page 1 is the TimeMap's own URL, unless that is the index.
    const pageUrl = (k: number) =>
      k === 1 && p.style !== 'index'
        ? `${base}/timemap/link/${url}`
        : `${base}/timemap-page/${k}/${url}`;
    const ranged = (k: number) =>
      `<${pageUrl(k)}>; rel="timemap"; type="application/link-format"; from="${httpDate(pages[k - 1]![0]!.ts)}"; until="${httpDate(pages[k - 1]!.at(-1)!.ts)}"`;
    const links: string[] = [];
    const others = pages.map((_, i) => i + 1).filter((k) => k !== page);
    if (p.style === 'next') {
      if (page > 1)
        links.push(`<${pageUrl(page - 1)}>; rel="prev"; type="application/link-format"`);
      if (page < pages.length) {
        links.push(`<${pageUrl(page + 1)}>; rel="next"; type="application/link-format"`);
      }
    } else if (p.style === 'unordered') {
      links.push(
        ...others.map((k) => `<${pageUrl(k)}>; rel="timemap"; type="application/link-format"`),
      );
    } else {
      links.push(...others.map(ranged));
    }
    return { mementos: page === 0 ? [] : (pages[page - 1] ?? []), links };
  }

  function timemap(res: ServerResponse, url: string, page?: number): void {
    const caps = setup.memento?.[url] ?? [];
    if (caps.length === 0) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no mementos');
      return;
    }
    let sorted = [...caps].sort((a, b) => a.ts.localeCompare(b.ts));
    const pageLinks: string[] = [];
    if (setup.timemapPages?.newestFirst) sorted.reverse();
    if (setup.timemapPages) {
      const k = page ?? (setup.timemapPages.style === 'index' ? 0 : 1);
      const p = timemapPage(url, sorted, k);
      sorted = p.mementos;
      pageLinks.push(...p.links);
    }
    const lines = [
      `<${url}>; rel="original"`,
      `<${base}/timemap/link/${url}>; rel="self"; type="application/link-format"`,
      ...pageLinks,
      ...sorted.map((c, i) => {
        const rel =
          sorted.length === 1
            ? 'first last memento'
            : i === 0
              ? 'first memento'
              : i === sorted.length - 1
                ? 'last memento'
                : 'memento';
        const root = setup.relativeMementos ? '' : base;
        return `<${root}/memento/${c.ts}/${url}>; rel="${rel}"; datetime="${new Date(tsToMs(c.ts)).toUTCString()}"`;
      }),
    ];
    res.writeHead(200, { 'content-type': 'application/link-format' });
    res.end(`${lines.join(',\n')}\n`);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', base);
      const rawPath = (req.url ?? '/').split('?')[0]!;
      seen.push({
        method: req.method ?? 'GET',
        path: rawPath,
        url: u,
        at: Date.now(),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const e = setup.enforce;
      if (e && rawPath.startsWith(e.prefix)) {
        const now = Date.now();
        const recent = seen.filter(
          (r) => r.path.startsWith(e.prefix) && now - r.at < e.windowMs,
        ).length;
        if (recent > e.requests) {
          violations.push(seen[seen.length - 1]!);
          res.writeHead(429, { 'retry-after': '60' });
          res.end('Too Many Requests');
          return;
        }
      }
      const t = setup.throttle;
      if (t && rawPath.startsWith(t.prefix)) {
        const n = throttled.get(t.prefix) ?? 0;
        if (n < t.count) {
          throttled.set(t.prefix, n + 1);
          res.writeHead(429, { 'retry-after': String(t.retryAfterSeconds ?? 1) });
          res.end('Too Many Requests');
          return;
        }
      }
      if (setup.failing?.some((p) => rawPath.startsWith(p))) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal Server Error');
        return;
      }
      if (rawPath === '/cdx/search/cdx') return cdx(res, u.searchParams);
      if (rawPath === '/wayback/available') return availability(res, u.searchParams);
      if (rawPath === '/save' && req.method === 'POST') {
        const url = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('url');
        return json(res, 200, { url, job_id: `spn2-${seen.length}` });
      }
      if (rawPath === '/cache/' && u.searchParams.get('apiresponse') === '1') {
        return wikiwix(res, u.searchParams);
      }
      const pb = /^\/(web|cache|memento)\/(\d{14})(?:id_)?\/(.*)$/.exec(req.url ?? '');
      if (pb) {
        const [, kind, ts, original] = pb as unknown as [string, string, string, string];
        if (setup.excludedPlayback?.includes(original)) {
          res.writeHead(403, { 'content-type': 'text/html' });
          res.end('<p>Sorry.</p><p>This URL has been excluded from the Wayback Machine.</p>');
          return;
        }
        const caps =
          kind === 'web'
            ? waybackCaptures(original)
            : kind === 'cache'
              ? [setup.wikiwix?.[original]].filter((c) => c !== undefined)
              : (setup.memento?.[original] ?? []);
        return playback(
          res,
          caps.find((c) => c.ts === ts),
          `/${kind}/`,
          original,
        );
      }
      if (rawPath.startsWith('/timemap/link/')) {
        return timemap(res, (req.url ?? '').slice('/timemap/link/'.length));
      }
      const tp = /^\/timemap-page\/(\d+)\/(.*)$/.exec(req.url ?? '');
      if (tp) return timemap(res, tp[2]!, Number(tp[1]));
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  base = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    base,
    seen,
    violations,
    count: (prefix) => seen.filter((s) => s.path.startsWith(prefix)).length,
    maxInWindow(prefix, windowMs) {
      const times = seen.filter((s) => s.path.startsWith(prefix)).map((s) => s.at);
      let max = 0;
      for (let i = 0; i < times.length; i++) {
        let n = 0;
        for (let j = i; j < times.length && times[j]! - times[i]! < windowMs; j++) n++;
        max = Math.max(max, n);
      }
      return max;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback address and port where nothing listens (connection refused). */
export async function closedPort(host = '127.0.0.9'): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, host, resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://${host}:${port}`;
}

/**
 * A simple stand-in for the real judge (src/archive/judge.ts, wired by the integrator): fetch the
 * raw playback from the fake archive; refuse redirects to a home page, non-200 answers and
 * "Page not found" titles. `calls` lists what it was asked.
 */
export function createTestJudge(): CaptureJudge & { calls: string[] } {
  const calls: string[] = [];
  const judge = async (rawUrl: string) => {
    calls.push(rawUrl);
    const res = await request(rawUrl, { method: 'GET' });
    const text = await res.body.text();
    if (res.statusCode >= 300 && res.statusCode < 400) {
      const target = String(res.headers.location ?? '').replace(/^.*\/\d{14}(?:id_)?\//, '');
      const path = target ? new URL(target).pathname : '/';
      return { ok: false, reason: path === '/' ? 'redirect-to-home' : 'moved-permanently' };
    }
    if (res.statusCode !== 200) return { ok: false, reason: `http-${res.statusCode}` };
    if (/<title>[^<]*page not found/i.test(text)) return { ok: false, reason: 'soft-404' };
    return { ok: true, reason: null };
  };
  return Object.assign(judge, { calls });
}
