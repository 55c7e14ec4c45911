import type {
  Classification,
  DriftState,
  LinkMove,
  LinkState,
  PageSnapshot,
  ReasonCode,
  StoredBiblio,
  Verdict,
} from '../model/index.js';
import { biblioRunsAfter } from './biblio-runs.js';

/*
 * Hysteresis: a link that failed to answer (connection-level failure or 5xx) is not declared
 * dead on one bad week. It becomes `dead` ('persistent-error') only after failing in at least
 * `minRuns` consecutive runs spanning at least `minDays` days. An answer that proves the
 * document gone (404, 410, soft-404, redirect to home) is dead at once.
 */

export interface HistoryPolicy {
  minRuns: number;
  minDays: number;
  /**
   * Reasons that are taken at their word, without waiting for more runs. A pull-request check
   * of newly added links uses it for `dns-nxdomain`: a new link whose domain doesn't exist is a
   * typo to fix now, not a flaky resolver to give three weeks.
   */
  conclusive?: ReadonlySet<string>;
}

export const DEFAULT_HISTORY_POLICY: HistoryPolicy = { minRuns: 3, minDays: 14 };

const DAY_MS = 86_400_000;

/** Failures that may be transient: they need to persist before the link is called dead. */
const TRANSIENT: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'timeout',
  'connection-refused',
  'connection-reset',
  'dns-failure',
  'tls-error',
  'protocol-error',
  // A broken transfer and a blank page are what a failing server gives too: dead only if it lasts.
  'truncated-body',
  'empty-page',
]);

/**
 * Observations that say nothing about the link: the run could not look (our network was down,
 * the run was interrupted) or was refused a look (blocked, skipped). They leave the streak as
 * it was, neither extending it nor resetting it.
 */
export function isNeutral(c: Classification): boolean {
  if (c.status === 'blocked' || c.status === 'skipped') return true;
  return c.status === 'error' && (c.reason === 'network-down' || c.reason === 'interrupted');
}

export function isFailure(c: Classification): boolean {
  return (c.status === 'dead' || c.status === 'error') && !isNeutral(c);
}

const FAILING: ReadonlySet<Verdict> = new Set<Verdict>(['dead', 'error']);

const SERVER_ERROR_VERDICT = /^http-5\d\d$/;

/** Needs the hysteresis: a transient failure, a 5xx, or a name that does not resolve. */
export function needsHysteresis(c: Classification): boolean {
  if (c.status === 'dead') return c.reason === 'dns-nxdomain';
  if (c.status !== 'error' || c.reason === null) return false;
  return TRANSIENT.has(c.reason) || SERVER_ERROR_VERDICT.test(c.reason);
}

interface Streak {
  failingSince: string | null;
  consecutiveFailures: number;
}

function priorStreak(prior: LinkState | undefined): Streak {
  if (!prior || prior.consecutiveFailures <= 0)
    return { failingSince: null, consecutiveFailures: 0 };
  return { failingSince: prior.firstFailureAt, consecutiveFailures: prior.consecutiveFailures };
}

/** The failing streak after this observation. */
export function streakAfter(prior: LinkState | undefined, c: Classification, at: string): Streak {
  const before = priorStreak(prior);
  if (isNeutral(c)) return before;
  if (!isFailure(c)) return { failingSince: null, consecutiveFailures: 0 };
  return {
    failingSince: before.failingSince ?? at,
    consecutiveFailures: before.consecutiveFailures + 1,
  };
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * Whole UTC calendar days from one date-time to another. The span is counted in days, not in
 * milliseconds: a weekly job checks a given URL at a slightly different minute each week (its
 * place in the queue moves), and "14 days" must hold for runs two weeks apart, not only when the
 * third run happened to reach the URL later in the morning than the first.
 */
function calendarDaysBetween(fromIso: string, toIso: string): number {
  const from = Date.parse(`${day(fromIso)}T00:00:00Z`);
  const to = Date.parse(`${day(toIso)}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) return 0;
  return Math.round((to - from) / DAY_MS);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "New this week": broken now (dead, error or blocked), and not already seen broken by the
 * previous look. A link seen for the first time is new whatever it is: a blocked link is as new
 * to its reader as a dead one. A blocked link that was seen before is new only when the previous
 * look found it healthy (a blocked look keeps the last conclusive status, so the previous look
 * is told by its date: it was healthy when it was the last success).
 */
export function isNewFailure(current: Classification, prior: LinkState | undefined): boolean {
  if (isFailure(current)) return !prior || !FAILING.has(prior.lastStatus);
  if (current.status !== 'blocked') return false;
  return !prior || (prior.lastSuccessAt !== null && prior.lastSuccessAt === prior.lastCheckedAt);
}

const TRAILING_WHITESPACE = /\s+$/;

export function applyHistory(
  current: Classification,
  prior: LinkState | undefined,
  now: Date,
  policy: HistoryPolicy = DEFAULT_HISTORY_POLICY,
): {
  classification: Classification;
  failingSince: string | null;
  consecutiveFailures: number;
  newFailure: boolean;
} {
  const at = now.toISOString();
  const { failingSince, consecutiveFailures } = streakAfter(prior, current, at);
  const failing = isFailure(current);
  const newFailure = isNewFailure(current, prior);
  const conclusive = current.reason !== null && policy.conclusive?.has(current.reason);
  if (!failing || !needsHysteresis(current) || conclusive || failingSince === null) {
    return { classification: current, failingSince, consecutiveFailures, newFailure };
  }

  const days = calendarDaysBetween(failingSince, at);
  const proven = consecutiveFailures >= policy.minRuns && days >= policy.minDays;
  const since = day(failingSince);
  const base = current.message.replace(TRAILING_WHITESPACE, '');
  let classification: Classification;
  if (proven) {
    const isNxdomain = current.reason === 'dns-nxdomain';
    classification = {
      status: 'dead',
      reason: isNxdomain ? 'dns-nxdomain' : 'persistent-error',
      message: `${base} It has failed in ${plural(consecutiveFailures, 'consecutive run')} since ${since}: considered dead.`,
    };
  } else {
    const seen =
      consecutiveFailures === 1
        ? 'First failure'
        : `Failed in ${plural(consecutiveFailures, 'consecutive run')} since ${since}`;
    classification = {
      status: 'error',
      reason: current.reason,
      message: `${base} ${seen}; called dead after ${plural(policy.minRuns, 'run')} over ${plural(policy.minDays, 'day')}.`,
    };
  }
  return { classification, failingSince, consecutiveFailures, newFailure };
}

export function nextLinkState(
  prior: LinkState | undefined,
  update: {
    url: string;
    classification: Classification;
    checkedAt: string;
    etag?: string;
    lastModified?: string;
    title?: string | null;
    /** Where a permanent redirect leads (suggestedUrl, or a trivial respelling's target). */
    movedTo?: string | null;
    /** The bibliographic fields read from this response (absent for a 304: nothing was read). */
    biblio?: StoredBiblio;
    /**
     * Drift's page and evidence to keep (src/drift), when drift was evaluated; undefined values
     * drop them. Without these keys the prior's are kept.
     */
    page?: PageSnapshot | undefined;
    drift?: DriftState | undefined;
  },
): LinkState {
  const c = update.classification;
  const { failingSince, consecutiveFailures } = streakAfter(prior, c, update.checkedAt);
  const healthy = c.status === 'ok' || c.status === 'redirected';
  // `lastStatus` is the last conclusive verdict. A run that could not look (blocked, skipped,
  // interrupted) says nothing about the document, so it must not overwrite what the previous
  // look found: a link dead, then blocked for a week, then back is "fixed"; dead, blocked, dead
  // again is not "new this week"; and an ok link keeps its conditional request.
  const kept = isNeutral(c) && prior ? prior : null;
  const next: LinkState = {
    url: update.url,
    lastStatus: kept ? kept.lastStatus : c.status,
    lastReason: kept ? kept.lastReason : c.reason,
    lastCheckedAt: update.checkedAt,
    firstFailureAt: failingSince,
    consecutiveFailures,
    lastSuccessAt: healthy ? update.checkedAt : (prior?.lastSuccessAt ?? null),
  };
  // Validators and title describe the last good copy: an error page must not replace them.
  const keep = <K extends 'etag' | 'lastModified' | 'lastTitle' | 'lastBiblio'>(
    key: K,
    fresh: LinkState[K] | undefined,
  ) => {
    const value = healthy && fresh !== undefined ? fresh : prior?.[key];
    if (value !== undefined) next[key] = value;
  };
  keep('etag', update.etag);
  keep('lastModified', update.lastModified);
  keep('lastTitle', update.title);
  const moved = movedAfter(prior, c, update.movedTo ?? null, update.checkedAt);
  if (moved) next.moved = moved;
  const biblioRuns = biblioRunsAfter(prior, update.biblio, healthy);
  keep('lastBiblio', update.biblio);
  if (biblioRuns !== undefined) next.biblioRuns = biblioRuns;
  const page = 'page' in update ? update.page : prior?.page;
  if (page !== undefined) next.page = page;
  const drift = 'drift' in update ? update.drift : prior?.drift;
  if (drift !== undefined) next.drift = drift;
  return next;
}

/**
 * The move after this observation: counted up while each run sees the same permanent target,
 * started again when the target changes, kept through runs that could not look, and gone as
 * soon as a run sees no permanent redirect (a move that comes and goes is no move to follow).
 */
export function movedAfter(
  prior: LinkState | undefined,
  c: Classification,
  movedTo: string | null,
  at: string,
): LinkMove | undefined {
  if (isNeutral(c)) return prior?.moved;
  // `ok` too: a trivial respelling (http to https, www, slash) is an ok link that moved.
  if ((c.status !== 'redirected' && c.status !== 'ok') || movedTo === null) return undefined;
  const before = prior?.moved;
  if (before && before.to === movedTo) return { ...before, runs: before.runs + 1 };
  return {
    to: movedTo,
    since: at,
    runs: 1,
    // A second move keeps the title from before the first: the page the editors cited.
    titleBefore: before ? before.titleBefore : (prior?.lastTitle ?? null),
  };
}
