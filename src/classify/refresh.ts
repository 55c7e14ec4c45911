import type { FetchOutcome, PageMeta } from '../model/index.js';
import { analyseRedirects, sameResource } from './redirects.js';

/** Longest refresh delay read as a redirect (the extractor drops longer ones already). */
const MAX_DELAY_SECONDS = 10;

export interface RefreshAnalysis {
  /** Where the page's meta refresh sends the reader. */
  url: string;
  /** A deep link refreshed to a home page (same rules as an HTTP redirect to home). */
  toHome: boolean;
  /** Refreshed to a sign-in page (the cited URL itself was not one). */
  toSignIn: boolean;
  /**
   * The refresh stands for a permanent move of the cited URL: the page carrying it was reached
   * directly or through permanent or trivial hops, and the target is not a respelling of the
   * cited URL. After a temporary hop (doi.org's 302) the refresh belongs to the landing page,
   * not to the cited URL, so it is no reason to rewrite it.
   */
  moved: boolean;
}

/**
 * Reads an answered page's `<meta http-equiv="refresh">` as one more redirect hop at the end
 * of the chain, and runs the HTTP redirect rules over the extended chain. Null when the page
 * has no prompt refresh, was not a 2xx answer, or refreshes to itself.
 */
export function analyseRefresh(
  outcome: FetchOutcome,
  meta: PageMeta | null | undefined,
): RefreshAnalysis | null {
  const res = outcome.response;
  const refresh = meta?.refresh;
  if (!res || !refresh || res.status < 200 || res.status > 299) return null;
  if (refresh.delaySeconds > MAX_DELAY_SECONDS || sameResource(res.url, refresh.url)) return null;
  // The refresh acts as a permanent hop: the chain's permanent target is the refresh URL only
  // when every hop before it was permanent or a respelling.
  const extended: FetchOutcome = {
    ...outcome,
    hops: [...outcome.hops, { url: res.url, status: 308, location: refresh.url }],
    response: { ...res, url: refresh.url },
  };
  const moves = analyseRedirects(extended);
  return {
    url: refresh.url,
    toHome: moves.toHome,
    toSignIn: moves.toSignIn,
    moved: moves.permanentTarget === refresh.url && !moves.trivial,
  };
}
