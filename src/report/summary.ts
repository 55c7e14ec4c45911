import type { Report, ReportLink, Verdict } from '../model/index.js';
import { terminalSafe } from './escape.js';
import {
  brokenInReport,
  byFailingSinceThenUrl,
  byUrl,
  fileLine,
  guardedCount,
  guardHint,
  isBroken,
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
  const maxLinks = opts.maxLinks ?? 50;
  const lines: string[] = [];
  // A link not checked conclusively (the checker's network was down) is nothing to act on.
  const broken = report.links
    .filter((l) => isBroken(l) && l.reason !== 'network-down')
    .sort(byFailingSinceThenUrl);
  if (opts.failuresOnly) {
    const failing = opts.failuresOnly;
    const shown = report.links
      .filter((l) => failing.has(l.status) && l.reason !== 'network-down')
      .sort(byFailingSinceThenUrl);
    // Nothing checked at all is worth saying even quietly: the run proved nothing.
    const hint = guardedCount(report) === report.links.length ? guardHint(report) : null;
    const quiet = [
      ...(shown.length > 0 ? brokenList(shown, maxLinks, 'Failing links:') : []),
      ...(hint ? [hint] : []),
    ];
    return quiet.length > 0 ? `${quiet.join('\n')}\n` : '';
  }
  lines.push(headline(report));
  if (!report.run.complete)
    lines.push('Run interrupted: only the links checked so far are reported.');
  const hint = guardHint(report);
  if (hint) lines.push(hint);
  if (report.run.network.status === 'down') {
    lines.push(
      `Network looked down (${report.run.network.hostsUnreachable} of ${report.run.network.hostsChecked} hosts unreachable): no link was declared dead.`,
    );
  }
  if (broken.length > 0) lines.push('', ...brokenList(broken, maxLinks));
  const moved = report.links.filter((l) => l.status === 'redirected').sort(byUrl);
  if (moved.length > 0) lines.push('', ...movedList(moved, maxLinks));
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

function brokenList(broken: ReportLink[], maxLinks: number, title = 'Broken links:'): string[] {
  const t = terminalSafe;
  const lines = [title];
  for (const link of broken.slice(0, maxLinks)) {
    const reason = link.reason ? ` ${t(link.reason)}` : '';
    const fresh = link.newFailure ? ' [new]' : '';
    const to = link.status === 'redirected' ? (link.suggestedUrl ?? link.finalUrl) : null;
    const moved = to && to !== link.url ? ` -> ${t(to)}` : '';
    lines.push(`  ${link.status.padEnd(7)}${reason}${fresh}  ${t(link.url)}${moved}`);
    const where = citedIn(link);
    if (where) lines.push(where);
  }
  if (broken.length > maxLinks) lines.push(`  ... and ${broken.length - maxLinks} more`);
  return lines;
}

/** Each moved link with where it went: the edit to make, not just a count. */
function movedList(moved: ReportLink[], maxLinks: number): string[] {
  const t = terminalSafe;
  const lines = [`Moved link${moved.length === 1 ? '' : 's'} (update the URL):`];
  for (const link of moved.slice(0, maxLinks)) {
    const to = link.suggestedUrl ?? link.finalUrl;
    lines.push(`  ${t(link.url)}${to && to !== link.url ? ` -> ${t(to)}` : ''}`);
    const where = citedIn(link);
    if (where) lines.push(where);
  }
  if (moved.length > maxLinks) lines.push(`  ... and ${moved.length - maxLinks} more`);
  return lines;
}
