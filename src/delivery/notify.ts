import { messagesOf } from '../i18n/index.js';
import type { Report } from '../model/index.js';
import type { NotifyPolicy } from '../worker/config.js';

export interface NotifyDecision {
  send: boolean;
  /** Why, in a few words, for the log line and the status file. */
  reason: string;
}

export function countNew(report: Report): number {
  return report.links.filter((l) => l.newFailure).length;
}

export function hasFailures(report: Report, exitCode: number): boolean {
  return exitCode === 1 || report.links.some((l) => l.status === 'dead');
}

/**
 * Whether a report is worth sending (pure). `changes`: a link failed for the first time or was
 * fixed since the previous run; `failures`: any failing link at all.
 */
export function decideNotify(
  policy: NotifyPolicy,
  report: Report,
  exitCode: number,
): NotifyDecision {
  if (policy === 'always') return { send: true, reason: 'notify=always' };
  if (policy === 'failures') {
    return hasFailures(report, exitCode)
      ? { send: true, reason: 'failing links' }
      : { send: false, reason: 'no failing link' };
  }
  const fresh = countNew(report);
  const fixed = report.fixed.length;
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
export function subjectFor(report: Report, prefix: string): string {
  const week = isoWeek(new Date(report.run.startedAt));
  const subject = messagesOf(report).email.subject(
    week,
    report.summary.dead,
    countNew(report),
    report.fixed.length,
    report.run.complete,
  );
  return `${prefix ? `${prefix} ` : ''}${subject}`;
}
