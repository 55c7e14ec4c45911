import { messagesOf } from '../i18n/index.js';
import type { Report, ReportSource } from '../model/index.js';
import type { NotifyPolicy } from '../worker/config.js';

export interface NotifyDecision {
  send: boolean;
  /** Why, in a few words, for the log line and the status file. */
  reason: string;
}

/**
 * What the notify policy, the subject and the webhook need of a report's links: two counts.
 * Gathered in one pass over a streamed report, so a run of a million links is never held.
 */
export interface ReportFacts {
  head: ReportSource['head'];
  /** Links failing for the first time in this run. */
  newFailures: number;
  /** Some link is dead. */
  anyDead: boolean;
  /** Links in the report. */
  links: number;
}

/** The facts of a report held whole. */
export function factsOfReport(report: Report): ReportFacts {
  const { links, ...head } = report;
  return {
    head,
    newFailures: links.filter((l) => l.newFailure).length,
    anyDead: links.some((l) => l.status === 'dead'),
    links: links.length,
  };
}

/** The facts of a streamed report: one pass over its links, holding none. */
export async function reportFactsFrom(source: ReportSource): Promise<ReportFacts> {
  let newFailures = 0;
  let anyDead = false;
  let links = 0;
  for await (const link of source.links()) {
    links++;
    if (link.newFailure) newFailures++;
    if (link.status === 'dead') anyDead = true;
  }
  return { head: source.head, newFailures, anyDead, links };
}

const factsOf = (r: Report | ReportFacts): ReportFacts =>
  'newFailures' in r ? r : factsOfReport(r);

export function countNew(report: Report | ReportFacts): number {
  return factsOf(report).newFailures;
}

export function hasFailures(report: Report | ReportFacts, exitCode: number): boolean {
  return exitCode === 1 || factsOf(report).anyDead;
}

/**
 * Whether a report is worth sending (pure). `changes`: a link failed for the first time or was
 * fixed since the previous run; `failures`: any failing link at all.
 */
export function decideNotify(
  policy: NotifyPolicy,
  report: Report | ReportFacts,
  exitCode: number,
): NotifyDecision {
  if (policy === 'always') return { send: true, reason: 'notify=always' };
  const facts = factsOf(report);
  if (policy === 'failures') {
    return hasFailures(facts, exitCode)
      ? { send: true, reason: 'failing links' }
      : { send: false, reason: 'no failing link' };
  }
  const fresh = facts.newFailures;
  const fixed = facts.head.fixed.length;
  if (fresh > 0 || fixed > 0) return { send: true, reason: `${fresh} new, ${fixed} fixed` };
  return { send: false, reason: 'nothing new or fixed since the previous run' };
}

/** ISO 8601 week of a date, e.g. "2026-W48" (UTC). */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The e-mail subject, in the report's language: "[rotwatch] Link report 2026-W48: 3 dead, ...". */
export function subjectFor(report: Report | ReportFacts, prefix: string): string {
  const { head, newFailures } = factsOf(report);
  const week = isoWeek(new Date(head.run.startedAt));
  const subject = messagesOf(head).email.subject(
    week,
    head.summary.dead,
    newFailures,
    head.fixed.length,
    head.run.complete,
  );
  return `${prefix ? `${prefix} ` : ''}${subject}`;
}
