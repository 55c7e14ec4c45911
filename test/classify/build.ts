import type { FetchErrorCode, FetchOutcome, Hop, PageMeta } from '../../src/model/index.js';

/** Test data builders: plain objects shaped like the fetcher's and extractor's output. */

export function page(partial: Partial<PageMeta> = {}): PageMeta {
  const title = partial.title ?? partial.htmlTitle ?? null;
  return {
    title,
    htmlTitle: partial.htmlTitle ?? title,
    ogTitle: null,
    h1: null,
    canonical: null,
    lang: null,
    contentType: 'text/html',
    charset: 'utf-8',
    contentLength: null,
    lastModified: null,
    pdf: null,
    refresh: null,
    biblio: null,
    text: '',
    ...partial,
  };
}

export function answered(
  url: string,
  status: number,
  opts: { hops?: [number, string][]; headers?: Record<string, string>; body?: string } = {},
): FetchOutcome {
  const hops: Hop[] = [];
  let from = url;
  for (const [s, to] of opts.hops ?? []) {
    hops.push({ url: from, status: s, location: to });
    from = to;
  }
  return {
    requestedUrl: url,
    hops,
    response: {
      url: from,
      status,
      headers: { 'content-type': 'text/html; charset=utf-8', ...(opts.headers ?? {}) },
      body: new TextEncoder().encode(opts.body ?? ''),
      bodyTruncated: false,
    },
    error: null,
    attempts: 1,
  };
}

export function failed(
  url: string,
  code: FetchErrorCode,
  opts: { hops?: [number, string][]; message?: string } = {},
): FetchOutcome {
  const hops: Hop[] = [];
  let from = url;
  for (const [s, to] of opts.hops ?? []) {
    hops.push({ url: from, status: s, location: to });
    from = to;
  }
  const level =
    code === 'private-address' || code === 'unsupported-scheme' || code === 'invalid-url'
      ? 'policy'
      : code === 'too-many-redirects' ||
          code === 'redirect-loop' ||
          code === 'retry-after-exceeded' ||
          code === 'truncated-body' ||
          code === 'invalid-redirect'
        ? 'http'
        : 'connection';
  return {
    requestedUrl: url,
    hops,
    response: null,
    error: { code, message: opts.message ?? '', level },
    attempts: 1,
  };
}
