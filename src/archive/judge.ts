import type { Classification, FetchedResponse, FetchOutcome, PageMeta } from '../model/index.js';
import type { CaptureJudge } from './types.js';

/**
 * The real capture judge: fetch the raw (`id_`) playback and run the live check's classifier on
 * it, so a capture of a "page not found", a redirect to the home page or a soft-404 is refused
 * exactly like the live page would be. Written against the contracts of src/fetch, src/extract
 * and src/classify (structural types, so this file does not import their internals).
 */

export interface JudgeDeps {
  fetcher: {
    fetch(
      url: string,
      opts?: { headers?: Record<string, string>; signal?: AbortSignal },
    ): Promise<FetchOutcome>;
  };
  extractMeta: (res: FetchedResponse) => PageMeta;
  classify: (input: {
    outcome: FetchOutcome;
    meta: PageMeta | null;
    probe?: null;
  }) => Classification;
}

const PLAYBACK_TIMESTAMP_AND_URL =
  /\/(\d{1,14})(?:[a-z]{2}_)?\/((?:https?:\/\/|https?:\/(?!\/)).*)$/i;
const COLLAPSED_SCHEME_SLASH = /^(https?:)\/(?!\/)/i;

/** `https://web.archive.org/web/20200101000000id_/http://x/y` -> `http://x/y`; else as is. */
export function originalOfPlayback(url: string): string {
  const m = PLAYBACK_TIMESTAMP_AND_URL.exec(url);
  if (!m) return url;
  // Some archives collapse `//` after the scheme in their paths.
  return m[2]!.replace(COLLAPSED_SCHEME_SLASH, '$1//');
}

/**
 * Rewrites playback URLs to the archived URLs they stand for, so "redirect of a deep link to the
 * site's home page" is seen on the original paths, not on the archive's.
 */
export function unwrapOutcome(outcome: FetchOutcome, originalUrl: string): FetchOutcome {
  const un = (u: string | null) => (u === null ? null : originalOfPlayback(u));
  return {
    ...outcome,
    requestedUrl: originalUrl,
    hops: outcome.hops.map((h) => ({ ...h, url: un(h.url)!, location: un(h.location) })),
    response: outcome.response ? { ...outcome.response, url: un(outcome.response.url)! } : null,
  };
}

export function createCaptureJudge(deps: JudgeDeps): CaptureJudge {
  return async (rawPlaybackUrl, originalUrl) => {
    const fetched = await deps.fetcher.fetch(rawPlaybackUrl);
    // The archive could not play this capture back: says nothing of the page it holds.
    const unplayable = playbackProblem(fetched);
    if (unplayable) return { ok: false, reason: unplayable };
    const outcome = unwrapOutcome(fetched, originalUrl);
    const meta = outcome.response ? deps.extractMeta(outcome.response) : null;
    const verdict = deps.classify({ outcome, meta, probe: null });
    if (verdict.status === 'ok') return { ok: true, reason: null };
    const reason = verdict.reason ?? verdict.status;
    return { ok: false, reason: isCapturedAnswer(outcome) ? capturedReason(reason) : reason };
  };
}

/**
 * Whether the answer is the archived page's own, not the archive's: playbacks of a capture
 * carry `Memento-Datetime` (RFC 7089), so a 429 or 503 with it is a page that was throttling
 * or down when it was captured. The archive's own throttling has no such header.
 */
export function isCapturedAnswer(outcome: FetchOutcome): boolean {
  const h = outcome.response?.headers ?? {};
  return typeof h['memento-datetime'] === 'string' && h['memento-datetime'] !== '';
}

const THROTTLED_OR_SERVER_ERROR = /^(http-429|http-5\d\d)$/;

/**
 * A captured answer is a property of the capture, never an archive problem: reasons the
 * finder would read as "the archive is busy or down" (http-429, http-5xx) get a `captured-`
 * prefix, so the capture is refused and the archive's queue is not paused.
 */
export function capturedReason(reason: string): string {
  return THROTTLED_OR_SERVER_ERROR.test(reason) ? `captured-${reason}` : reason;
}

/**
 * Reasons of a capture the archive listed but could not play back (see playbackProblem). The
 * finder skips such a capture without refusing it: it is no error page, and another capture
 * with the same content (digest) may play back fine.
 */
export const UNPLAYABLE = /^playback-/;

const CLIENT_ERROR = /^4\d\d$/;

/**
 * Whether the archive itself failed to play the capture back, rather than replaying a page:
 * - `playback-moved`: its first answer is the archive's redirect to another capture of the
 *   same URL (another timestamp), as the Wayback Machine does when the listed capture cannot
 *   be played (a record gone, broken, or not yet playable). A captured redirect keeps the
 *   capture's own timestamp in the rewritten Location; the page shown would be another capture
 *   than the one listed, with another date.
 * - `playback-http-NNN`: a 4xx (429 apart: throttling, handled by the queue) without
 *   `Memento-Datetime`: the archive's own "not archived" or refusal page. A captured 404 carries
 *   `Memento-Datetime` and is an error capture, refused as such.
 * - `playback-excluded`: that 4xx is a 403 naming the site's exclusion ("This URL has been
 *   excluded from the Wayback Machine", "Blocked Site Error").
 * Null when the answer is the capture's.
 */
export function playbackProblem(outcome: FetchOutcome): string | null {
  const first = outcome.hops[0];
  if (first?.location && movedToAnotherCapture(first.url, first.location)) {
    return 'playback-moved';
  }
  const res = outcome.response;
  if (!res || outcome.hops.length > 0 || isCapturedAnswer(outcome)) return null;
  const status = String(res.status);
  if (!CLIENT_ERROR.test(status) || status === '429') return null;
  // The site excluded from the archive after its captures were indexed: its own reason.
  if (
    status === '403' &&
    PLAYBACK_EXCLUSION.test(Buffer.from(res.body.subarray(0, 8192)).toString('utf8'))
  ) {
    return 'playback-excluded';
  }
  return `playback-http-${status}`;
}

const PLAYBACK_EXCLUSION =
  /excluded from the Wayback Machine|Blocked Site Error|AdministrativeAccessControlException|RobotAccessControlException/i;

const PLAYBACK_TIMESTAMP = /\/(\d{14})(?:[a-z]{2}_)?\/(?:https?:\/\/|https?:\/(?!\/))/i;

/** Two playback URLs of the same archived URL (scheme and `www.` aside) at other timestamps. */
function movedToAnotherCapture(from: string, to: string): boolean {
  const a = PLAYBACK_TIMESTAMP.exec(from)?.[1];
  const b = PLAYBACK_TIMESTAMP.exec(to)?.[1];
  if (!a || !b || a === b) return false;
  return sameArchivedUrl(originalOfPlayback(from), originalOfPlayback(to));
}

const SCHEME_AND_WWW = /^https?:\/\/(?:www\.)?/i;
const HOST_END = /[/?#]/;

/** The archives' own equivalence of URLs (SURT keys): no scheme, no `www.`, host case folded. */
function sameArchivedUrl(a: string, b: string): boolean {
  const key = (u: string) => {
    const rest = u.replace(SCHEME_AND_WWW, '');
    const slash = rest.search(HOST_END);
    const host = slash < 0 ? rest : rest.slice(0, slash);
    const path = slash < 0 ? '/' : rest.slice(slash);
    return `${host.toLowerCase()}${path}`;
  };
  return key(a) === key(b);
}
