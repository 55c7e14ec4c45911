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
  const lines: string[] = [];
  // The counts are the head's; no link is read from this report.
  const report = withLinks(facts.head, []);
  // A link not checked conclusively (the checker's network was down) is nothing to act on.
  const broken = facts.broken;
  if (opts.failuresOnly) {
    const shown = facts.failing ?? { items: [], count: 0 };
    // Nothing checked at all is worth saying even quietly: the run proved nothing.
    const hint = facts.guarded === facts.total ? guardHintFor(facts.guarded, facts.total) : null;
    const quiet = [
      ...(shown.count > 0 ? brokenList(shown, 'Failing links:') : []),
      ...(hint ? [hint] : []),
    ];
    return quiet.length > 0 ? `${quiet.join('\n')}\n` : '';
  }
  lines.push(headline(report));
  if (!report.run.complete)
    lines.push('Run interrupted: only the links checked so far are reported.');
  const hint = guardHintFor(facts.guarded, facts.total);
  if (hint) lines.push(hint);
  if (report.run.network.status === 'down') {
    lines.push(
      `Network looked down (${report.run.network.hostsUnreachable} of ${report.run.network.hostsChecked} hosts unreachable): no link was declared dead.`,
    );
  }
  if (broken.count > 0) lines.push('', ...brokenList(broken));
  const moved = facts.moved;
  if (moved.count > 0) lines.push('', ...movedList(moved));
  if (report.fixed.length > 0) lines.push(`${report.fixed.length} fixed since the last run.`);
  const drifted = report.summary.drifted ?? 0;
  if (drifted > 0)
    lines.push(
      `${drifted} link${drifted === 1 ? '' : 's'} whose content drifted (answers, but no longer the cited page): see the digest.`,
    );
  return `${lines.join('\n')}\n`;
}

/** "rotwatch: 159 links checked: 0 broken, 159 not checked (network down)". */
function headline(report: Report): string {
  const total = report.summary.total;
  const parts = statusCounts(report)
    .filter(({ count }) => count > 0)
    .map(({ status, count }) => `${count} ${status}`);
  const notChecked = notCheckedText(notCheckedCount(report));
  if (notChecked) parts.push(`${brokenInReport(report)} broken`, notChecked);
  const counts = parts.join(', ');
  return `rotwatch: ${total} link${total === 1 ? '' : 's'} checked${counts ? `: ${counts}` : ''}`;
}

function citedIn(link: ReportLink): string | null {
  const t = terminalSafe;
  const where = link.entries
    .slice(0, 3)
    // URL lists cite with `file:line` as id: said once.
    .map((e) => (e.id === fileLine(e) ? t(e.id) : `${t(e.id)} (${t(fileLine(e))})`))
    .join(', ');
  const more = link.entries.length > 3 ? ` +${link.entries.length - 3}` : '';
  return where ? `          in ${where}${more}` : null;
}

function brokenList(broken: Bounded<ReportLink>, title = 'Broken links:'): string[] {
  const t = terminalSafe;
  const lines = [title];
  for (const link of broken.items) {
    const reason = link.reason ? ` ${t(link.reason)}` : '';
    const fresh = link.newFailure ? ' [new]' : '';
    const to = link.status === 'redirected' ? (link.suggestedUrl ?? link.finalUrl) : null;
    const moved = to && to !== link.url ? ` -> ${t(to)}` : '';
    lines.push(`  ${link.status.padEnd(7)}${reason}${fresh}  ${t(link.url)}${moved}`);
    const where = citedIn(link);
    if (where) lines.push(where);
  }
  const more = broken.count - broken.items.length;
  if (more > 0) lines.push(`  ... and ${more} more`);
  return lines;
}

/** Each moved link with where it went: the edit to make, not just a count. */
function movedList(moved: Bounded<ReportLink>): string[] {
  const t = terminalSafe;
  const lines = [`Moved link${moved.count === 1 ? '' : 's'} (update the URL):`];
  for (const link of moved.items) {
    const to = link.suggestedUrl ?? link.finalUrl;
    lines.push(`  ${t(link.url)}${to && to !== link.url ? ` -> ${t(to)}` : ''}`);
    const where = citedIn(link);
    if (where) lines.push(where);
  }
  const more = moved.count - moved.items.length;
  if (more > 0) lines.push(`  ... and ${more} more`);
  return lines;
}
