import type { FetchOutcome, PageMeta, Target } from '../model/index.js';

/*
 * What an observation keeps once it is classified. A run holds one observation per URL until
 * the report is built, so whatever is kept here is multiplied by the catalogue's size.
 */

/** Headers the report and the next run use; the rest is dropped to keep memory flat. */
const KEPT_HEADERS = [
  'content-type',
  'content-length',
  'etag',
  'last-modified',
  'location',
  'retry-after',
];

/** Shared by every slimmed response: a zero-length view can't be written to. */
export const NO_BODY = new Uint8Array(0);

/**
 * One copy per run of values that repeat across thousands of observations (Content-Type,
 * charset, language): each response brings its own copy of the same few strings otherwise.
 */
export type Share = <T extends string | null>(value: T) => T;
export function sharedStrings(max = 1_000): Share {
  const known = new Map<string, string>();
  return <T extends string | null>(value: T): T => {
    if (value === null || value.length > 100) return value;
    const copy = known.get(value);
    if (copy !== undefined) return copy as T;
    if (known.size < max) known.set(value, value);
    return value;
  };
}

/** What is kept of an outcome once classified: no body, a few headers. */
export function slim(outcome: FetchOutcome, target: Target, shared: Share): FetchOutcome {
  const response = outcome.response;
  if (!response) return outcome;
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers[name];
    if (value !== undefined) headers[name] = name === 'content-type' ? shared(value) : value;
  }
  // Most pages answer at the URL asked for: keep one copy of it.
  const url = response.url === target.url ? target.url : response.url;
  return { ...outcome, response: { ...response, url, headers, body: NO_BODY } };
}

/** What is kept of a page once classified: no text, one copy of the common strings. */
export function slimMeta(meta: PageMeta, shared: Share): PageMeta {
  // The markup signals only serve classification, which is done.
  const { signals: _signals, ...rest } = meta;
  return {
    ...rest,
    contentType: shared(meta.contentType),
    charset: shared(meta.charset),
    lang: shared(meta.lang),
    // Site names and publishers repeat across every page of a site.
    biblio: meta.biblio && {
      ...meta.biblio,
      siteName: shared(meta.biblio.siteName),
      publisher: shared(meta.biblio.publisher),
      container: shared(meta.biblio.container),
    },
    text: '',
  };
}
