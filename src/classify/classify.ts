import type { Classification, FetchOutcome, PageMeta } from '../model/index.js';
import { detectBotWall } from './botwall.js';
import { classifyPageKind, classifyWording } from './families.js';
import { compareWithProbe, type ProbeResult, probeAnswersMissing } from './probe.js';
import { analyseRedirects } from './redirects.js';
import { analyseRefresh } from './refresh.js';
import { notFoundWordingOf } from './soft404.js';
import { classifyFetchError, classifyStatus } from './status.js';

export interface ClassifyInput {
  outcome: FetchOutcome;
  meta: PageMeta | null;
  probe?: ProbeResult | null;
}

/**
 * Observations to verdict, in order of strength: a failed exchange; a bot wall (whatever its
 * status); the bare status; then, for an answered page, a redirect to a sign-in page, a deep
 * link sent to the home page (by HTTP, then by meta refresh), the page's kind (parked domain,
 * empty page, sign-in form), "not found" wording, the catch-all probe, the search page or a
 * removal wording standing in for the document, and finally a permanent move (by meta
 * refresh, then by HTTP).
 */
export function classify(input: ClassifyInput): Classification {
  const { outcome, meta, probe } = input;
  const res = outcome.response;
  if (outcome.error || !res) {
    if (outcome.error) return classifyFetchError(outcome, outcome.error);
    return {
      status: 'error',
      reason: 'protocol-error',
      message: 'The fetch ended without an answer or an error.',
    };
  }

  const wall = detectBotWall(res, meta);
  if (wall) {
    return {
      status: 'blocked',
      reason: 'bot-wall',
      message: `A bot wall (${wall.vendor}) answered instead of the page (HTTP ${res.status}); check by hand.`,
    };
  }

  const byStatus = classifyStatus(res.status);
  if (byStatus) return byStatus;

  const moves = analyseRedirects(outcome);
  if (moves.toSignIn) {
    // Checked before the home-page rule: a deep link sent to login.example.org/ is hidden, not gone.
    // Same meaning as a 401, reached through a redirect: the document needs a login.
    return {
      status: 'blocked',
      reason: 'http-401',
      message: `Redirected to a sign-in page (${res.url}): the document needs a login; check by hand.`,
    };
  }

  if (moves.toHome) {
    return {
      status: 'dead',
      reason: 'redirect-to-home',
      message: `Redirected to the site's home page (${res.url}): the document is gone.`,
    };
  }

  // A meta refresh is one more hop at the end of the chain, under the same rules.
  const refresh = analyseRefresh(outcome, meta);
  if (refresh?.toSignIn) {
    return {
      status: 'blocked',
      reason: 'http-401',
      message: `A meta refresh sends the page to a sign-in page (${refresh.url}): the document needs a login; check by hand.`,
    };
  }
  if (refresh?.toHome) {
    return {
      status: 'dead',
      reason: 'redirect-to-home',
      message: `A meta refresh sends the page to the site's home page (${refresh.url}): the document is gone.`,
    };
  }

  // Parked domains, empty pages, sign-in forms.
  const kind = classifyPageKind(input);
  if (kind) return kind;

  const wording = notFoundWordingOf(meta);
  // "404 Not Found - HTTP | MDN" on a host that answers unknown paths with a real 404 is an
  // article about the status code, not this host's error page.
  if (wording !== null && !(wording.numeric && probeAnswersMissing(probe, meta))) {
    return {
      status: 'dead',
      reason: 'soft-404',
      message: `The server answered ${res.status} but the page says "${clip(wording.text)}": the document is gone.`,
    };
  }

  let note = '';
  if (probe) {
    const verdict = compareWithProbe(outcome, meta, probe);
    if (verdict.kind === 'same') {
      const how =
        verdict.why === 'final-url'
          ? `a random path on this host lands on the same page (${res.url})`
          : 'a random path on this host returns the same page';
      return {
        status: 'dead',
        reason: 'soft-404',
        message: `The server answered ${res.status}, but ${how}: the document is gone.`,
      };
    }
    if (verdict.kind === 'inconclusive') {
      note =
        ' This host answers every path with the same page, so the content could not be verified.';
    }
  }

  // The search page standing in for the document, removal wordings in its text.
  const said = classifyWording(input);
  if (said) return said;

  if (refresh?.moved) {
    return {
      status: 'redirected',
      reason: 'moved-permanently',
      message: `Moved by a meta refresh to ${refresh.url}: update the catalogue.${note}`,
    };
  }
  if (moves.permanentTarget && !moves.trivial) {
    return {
      status: 'redirected',
      reason: 'moved-permanently',
      message: `Permanently moved to ${moves.permanentTarget}: update the catalogue.${note}`,
    };
  }
  return { status: 'ok', reason: null, message: okMessage(outcome, moves.trivial) + note };
}

function okMessage(outcome: FetchOutcome, trivialMove: boolean): string {
  const res = outcome.response!;
  if (res.status === 304) return 'Not modified since the last check (304): the document is there.';
  if (outcome.hops.length === 0) return `The server answered ${res.status}: the document is there.`;
  if (trivialMove) {
    return `The document is there; the server redirects to an equivalent spelling of the URL (${res.url}), no change needed.`;
  }
  return `The document is there, reached through a temporary redirect to ${res.url}.`;
}

const WHITESPACE_RUNS = /\s+/g;

function clip(text: string): string {
  const t = text.replace(WHITESPACE_RUNS, ' ');
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}

/**
 * The URL to propose in the catalogue instead of the cited one: for a `redirected` link, the
 * meta refresh target when the page's refresh is the move (pass the page's meta), else the
 * permanent HTTP target; null otherwise (trivial respellings are not worth an edit).
 */
export function suggestedUrl(
  outcome: FetchOutcome,
  classification: Classification,
  meta?: PageMeta | null,
): string | null {
  if (classification.status !== 'redirected') return null;
  const refresh = analyseRefresh(outcome, meta);
  if (refresh?.moved) return refresh.url;
  return analyseRedirects(outcome).permanentTarget;
}
