import type { Report } from '../model/index.js';
import { terminalSafe } from './escape.js';
import { byFailingSinceThenUrl, fileLine, isBroken, statusCounts } from './view.js';

export interface SummaryOptions {
  /** Failing links listed before "... and N more" (default 50). */
  maxLinks?: number;
}

/**
 * A short human summary for the terminal: counts per status, then the broken links with their
 * reason. Every piece of untrusted text goes through terminalSafe (no escape sequences).
 */
export function renderSummary(report: Report, opts: SummaryOptions = {}): string {
  const maxLinks = opts.maxLinks ?? 50;
  const t = terminalSafe;
  const lines: string[] = [];
  const counts = statusCounts(report)
    .filter(({ count }) => count > 0)
    .map(({ status, count }) => `${count} ${status}`)
    .join(', ');
  lines.push(
    `rotwatch: ${report.summary.total} link${report.summary.total === 1 ? '' : 's'} checked${counts ? `: ${counts}` : ''}`,
  );
  if (!report.run.complete)
    lines.push('Run interrupted: only the links checked so far are reported.');
  if (report.run.network.status === 'down') {
    lines.push(
      `Network looked down (${report.run.network.hostsUnreachable} of ${report.run.network.hostsChecked} hosts unreachable): no link was declared dead.`,
    );
  }
  // A link not checked conclusively (the checker's network was down) is nothing to act on.
  const broken = report.links
    .filter((l) => isBroken(l) && l.reason !== 'network-down')
    .sort(byFailingSinceThenUrl);
  if (broken.length > 0) {
    lines.push('', 'Broken links:');
    for (const link of broken.slice(0, maxLinks)) {
      const where = link.entries
        .slice(0, 3)
        .map((e) => `${t(e.id)} (${t(fileLine(e))})`)
        .join(', ');
      const more = link.entries.length > 3 ? ` +${link.entries.length - 3}` : '';
      const reason = link.reason ? ` ${t(link.reason)}` : '';
      const fresh = link.newFailure ? ' [new]' : '';
      lines.push(`  ${link.status.padEnd(7)}${reason}${fresh}  ${t(link.url)}`);
      if (where) lines.push(`          in ${where}${more}`);
    }
    if (broken.length > maxLinks) lines.push(`  ... and ${broken.length - maxLinks} more`);
  }
  const moved = report.links.filter((l) => l.status === 'redirected').length;
  if (moved > 0)
    lines.push(
      '',
      `${moved} moved link${moved === 1 ? '' : 's'}: update the URL (see the digest).`,
    );
  if (report.fixed.length > 0) lines.push(`${report.fixed.length} fixed since the last run.`);
  return `${lines.join('\n')}\n`;
}
