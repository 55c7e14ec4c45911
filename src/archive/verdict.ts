import type { ArchiveLookup, ArchiveMissReason } from '../model/index.js';
import type { Selection } from './select.js';
import { distanceDays, type Window } from './time.js';
import type { ArchiveRequest, Candidate, SourceResult } from './types.js';

/** Turning what the sources said into an ArchiveLookup with an honest reason. Pure. */

export interface SourceReport {
  label: string;
  result: SourceResult;
}

export function describeFound(
  c: Candidate,
  w: Window,
  req: ArchiveRequest,
  label: string,
): ArchiveLookup {
  const days = distanceDays(c.timestampMs, w);
  const when = new Date(c.timestampMs).toISOString().slice(0, 10);
  const ref = req.windowEnd ? 'the access date' : 'today';
  const rel =
    days === 0
      ? `on ${ref}`
      : `${Math.abs(days)} day${Math.abs(days) === 1 ? '' : 's'} ${days < 0 ? 'before' : 'after'} ${ref}`;
  return {
    capture: {
      url: c.playbackUrl,
      timestamp: new Date(c.timestampMs).toISOString(),
      source: c.source,
      ...(c.archive ? { archive: c.archive } : {}),
      distanceDays: days,
    },
    reason: null,
    message: `${label} capture of ${when}, ${rel}.`,
  };
}

export function describeMiss(input: {
  reports: SourceReport[];
  sel: Selection;
  rejected: number;
  timeRanOut: boolean;
  /** Judge reasons of the captures whose playback could not be fetched (archive busy or down). */
  inconclusive: readonly string[];
  /** Judge reasons of captures listed but not played back by their archive (`playback-*`). */
  unplayable?: readonly string[];
}): ArchiveLookup {
  const { reports, sel, rejected, timeRanOut, inconclusive } = input;
  const unplayable = input.unplayable ?? [];
  const parts = reports.map(({ label, result }) => {
    if (result.kind === 'failed') return result.message;
    const n = result.candidates.length;
    return n === 0 ? `${label} has no copy` : `${label}: ${n} capture${n === 1 ? '' : 's'}`;
  });
  const failures = reports.flatMap((r) => (r.result.kind === 'failed' ? [r.result] : []));
  let reason: ArchiveMissReason;
  let lead: string;
  // What was refused is said, but only as the reason when nothing was left unchecked: a
  // capture whose playback did not answer, or an archive not asked, may be the good copy, and
  // "only error captures" would tell the editor there is none to wait for.
  const refused =
    rejected > 0
      ? `the ${rejected} capture${rejected === 1 ? '' : 's'} checked ${rejected === 1 ? 'is an error page' : 'are error pages'}`
      : null;
  const u = unplayable.length;
  const unshown =
    u > 0
      ? `the archive could not play back ${u === 1 ? 'a capture it listed' : `${u} captures it listed`} (${unplayableWhy(unplayable)})`
      : null;
  const also = [refused, unshown].filter(Boolean).length
    ? ` (${[refused, unshown].filter(Boolean).join('; ')})`
    : '';
  if (failures.some((f) => f.reason !== 'archive-excluded')) {
    reason = failures.some((f) => f.reason === 'archive-throttled')
      ? 'archive-throttled'
      : 'archive-down';
    lead = `An archive could not be asked${also}`;
  } else if (inconclusive.length > 0) {
    const n = inconclusive.length;
    reason = inconclusive.every((r) => r === 'http-429') ? 'archive-throttled' : 'archive-down';
    lead = `${n} capture${n === 1 ? '' : 's'} could not be checked (${playbackProblem(inconclusive)})${also}`;
  } else if (timeRanOut) {
    reason = 'archive-throttled';
    lead = refused
      ? `The lookup time ran out before every capture could be checked (${refused})`
      : 'The lookup time ran out before a capture could be checked';
  } else if (rejected > 0 && u === 0) {
    reason = 'only-error-captures';
    lead = `The ${rejected} closest capture${rejected === 1 ? ' is an error page' : 's are error pages'} (not found, redirect to home, soft-404)`;
  } else if (u > 0 && rejected === 0 && unplayable.every((r) => r === 'playback-excluded')) {
    reason = 'archive-excluded';
    lead = `The archive excludes this site: it lists ${u === 1 ? 'a capture' : `${u} captures`} but refuses to show ${u === 1 ? 'it' : 'them'}`;
  } else if (u > 0) {
    // Listed but not shown: no usable copy, but not known to be error pages either.
    reason = 'no-capture';
    lead = `The archive could not play back ${u === 1 ? 'the capture it listed' : `the ${u} captures it listed`} (${unplayableWhy(unplayable)})${refused ? `; ${refused}` : ''}`;
  } else if (failures.length > 0 && failures.every((f) => f.reason === 'archive-excluded')) {
    // Excluded by its owner: asking again will not help, unlike a busy or down archive.
    reason = 'archive-excluded';
    lead = 'The archive excludes this site';
  } else if (sel.beforeStart > 0 && sel.beforeStartGood > 0) {
    reason = 'only-captures-before-publication';
    lead = 'Only captures from before the publication date exist (another page)';
  } else if (sel.errorStatus > 0) {
    reason = 'only-error-captures';
    lead = 'Only error answers or redirects were archived';
  } else if (sel.beforeStart > 0) {
    reason = 'only-captures-before-publication';
    lead = 'Only captures from before the publication date exist (another page)';
  } else if (sel.otherKind > 0) {
    reason = 'no-capture';
    lead = 'Only captures of another kind of content exist';
  } else {
    reason = 'no-capture';
    lead = 'No archived copy found';
  }
  return { capture: null, reason, message: `${lead}. ${parts.join('; ')}.` };
}

/** Why playbacks could not be judged, in words: the archive's fault or rotwatch's refusal. */
function playbackProblem(reasons: readonly string[]): string {
  if (reasons.every((r) => r === 'private-address')) {
    return 'the playback is on a private address, refused unless allowPrivateAddresses is on';
  }
  if (reasons.every((r) => r === 'interrupted' || r === 'aborted')) return 'the run was stopped';
  return `the playback did not answer: ${[...new Set(reasons)].join(', ')}`;
}

/** Why listed captures were not shown, in words. */
function unplayableWhy(reasons: readonly string[]): string {
  const moved = reasons.some((r) => r === 'playback-moved');
  const excluded = reasons.some((r) => r === 'playback-excluded');
  const statuses = [...new Set(reasons.filter((r) => r.startsWith('playback-http-')))].map((r) =>
    r.replace('playback-http-', ''),
  );
  const parts: string[] = [];
  if (statuses.length) parts.push(`it answered ${statuses.join(', ')}: record gone or refused`);
  if (excluded) parts.push('the site is excluded');
  if (moved) parts.push('it sent to another capture instead');
  return parts.join('; ');
}
