import { type Messages, messagesOf } from '../i18n/index.js';
import type { Report, ReportLink, Verdict } from '../model/index.js';
import { terminalSafe } from './escape.js';
import { withLinks } from './source.js';
import { type Bounded, type SummaryFacts, summaryFactsOf } from './summary-facts.js';
import {
  brokenInReport,
  fileLine,
  guardHintFor,
  notCheckedCount,
  notCheckedText,
  statusCounts,
} from './view.js';

export interface SummaryOptions {
  /** Links listed per list (broken, moved) before "... and N more" (default 50). */
  maxLinks?: number;
  /**
   * Quiet (`check -q`): only the links whose status is in this set (the `--fail-on` level's),
   * nothing else. A quiet run still names the links that fail it: silence means none did.
   */
  failuresOnly?: ReadonlySet<Verdict>;
}

/**
 * A short human summary for the terminal: counts per status, then the broken links with their
 * reason, then the moved links with their new URL. Every piece of untrusted text goes through
 * terminalSafe (no escape sequences).
 */
export function renderSummary(report: Report, opts: SummaryOptions = {}): string {
  return renderSummaryFacts(summaryFactsOf(report, summaryFactOptions(opts)), opts);
}

/** What `summaryFactsFrom` / `summaryFactsOf` must gather for these summary options. */
export function summaryFactOptions(opts: SummaryOptions) {
  return {
    maxLinks: opts.maxLinks ?? 50,
    ...(opts.failuresOnly ? { failuresOnly: opts.failuresOnly } : {}),
  };
}

/**
 * The summary from what one pass over the links gathered (src/report/summary-facts.ts): the
 * counts come from the report's head, the named links from bounded lists, so a run of a
 * million links is summarised holding a hundred.
 */
export function renderSummaryFacts(facts: SummaryFacts, opts: SummaryOptions = {}): string {
  // The counts are the head's; no link is read from this report.
  const report = withLinks(facts.head, []);
  const m = messagesOf(report);
  const lines: string[] = [];
  // A link not checked conclusively (the checker's network was down) is nothing to act on.
  const broken = facts.broken;
  if (opts.failuresOnly) {
    const shown = facts.failing ?? { items: [], count: 0 };
    // Nothing checked at all is worth saying even quietly: the run proved nothing.
    const hint = facts.guarded === facts.total ? guardHintFor(facts.guarded, facts.total, m) : null;
    const quiet = [
      ...(shown.count > 0 ? brokenList(shown, m, m.summary.failingLinks) : []),
      ...(hint ? [hint] : []),
    ];
    return quiet.length > 0 ? `${quiet.join('\n')}\n` : '';
  }
  lines.push(headline(report, m));
  if (!report.run.complete) lines.push(m.summary.interrupted);
  const hint = guardHintFor(facts.guarded, facts.total, m);
  if (hint) lines.push(hint);
  if (report.run.network.status === 'down') {
    const n = report.run.network;
    lines.push(m.summary.networkDown(n.hostsUnreachable, n.hostsChecked));
  }
  if (broken.count > 0) lines.push('', ...brokenList(broken, m));
  const moved = facts.moved;
  if (moved.count > 0) lines.push('', ...movedList(moved, m));
  if (report.fixed.length > 0) lines.push(m.summary.fixed(report.fixed.length));
  const drifted = report.summary.drifted ?? 0;
  if (drifted > 0) lines.push(m.summary.drifted(drifted));
  return `${lines.join('\n')}\n`;
}

/** "rotwatch: 159 links checked: 0 broken, 159 not checked (network down)". */
function headline(report: Report, m: Messages): string {
  const parts = statusCounts(report)
    .filter(({ count }) => count > 0)
    .map(({ status, count }) => m.summary.count(count, status));
  const notChecked = notCheckedText(notCheckedCount(report), m);
  if (notChecked) parts.push(m.summary.broken(brokenInReport(report)), notChecked);
  return m.summary.headline(report.summary.total, parts.join(', '));
}

function citedIn(link: ReportLink, m: Messages): string | null {
  const t = terminalSafe;
  const where = link.entries
    .slice(0, 3)
    // URL lists cite with `file:line` as id: said once.
    .map((e) => (e.id === fileLine(e) ? t(e.id) : `${t(e.id)} (${t(fileLine(e))})`))
    .join(', ');
  const more = link.entries.length > 3 ? ` +${link.entries.length - 3}` : '';
  return where ? `          ${m.summary.citedIn} ${where}${more}` : null;
}

function brokenList(
  broken: Bounded<ReportLink>,
  m: Messages,
  title = m.summary.brokenLinks,
): string[] {
  const t = terminalSafe;
  const lines = [title];
  for (const link of broken.items) {
    const reason = link.reason ? ` ${t(link.reason)}` : '';
    const fresh = link.newFailure ? ` ${m.summary.newMark}` : '';
    const to = link.status === 'redirected' ? (link.suggestedUrl ?? link.finalUrl) : null;
    const moved = to && to !== link.url ? ` -> ${t(to)}` : '';
    lines.push(`  ${m.verdict[link.status].padEnd(7)}${reason}${fresh}  ${t(link.url)}${moved}`);
    const where = citedIn(link, m);
    if (where) lines.push(where);
  }
  const more = broken.count - broken.items.length;
  if (more > 0) lines.push(`  ${m.summary.more(more)}`);
  return lines;
}

/** Each moved link with where it went: the edit to make, not just a count. */
function movedList(moved: Bounded<ReportLink>, m: Messages): string[] {
  const t = terminalSafe;
  const lines = [m.summary.moved(moved.count)];
  for (const link of moved.items) {
    const to = link.suggestedUrl ?? link.finalUrl;
    lines.push(`  ${t(link.url)}${to && to !== link.url ? ` -> ${t(to)}` : ''}`);
    const where = citedIn(link, m);
    if (where) lines.push(where);
  }
  const more = moved.count - moved.items.length;
  if (more > 0) lines.push(`  ${m.summary.more(more)}`);
  return lines;
}
