import type { Report } from '../model/index.js';
import { driftStatus, WORKLIST_GROUPS, worklistGroup } from './drift-view.js';
import { csvCell } from './escape.js';
import { differencesLine } from './metadata.js';
import { byFailingSinceThenUrl, fileLine, type Row, rowsOf } from './view.js';

export const CSV_COLUMNS = [
  'status',
  'reason',
  'message',
  'id',
  'file:line',
  'section',
  'catalogue title',
  'page title',
  'current URL',
  'suggested URL',
  'archived copy URL',
  'archive date',
  'drift',
  'drift reasons',
  'metadata differs',
] as const;

/**
 * The editors' worklist: one row per entry and link, the work first: failing links (oldest
 * failure first), then drifted ones (the page no longer serves the cited work), then moved ones,
 * then the rest (links changed in this run only first). UTF-8 with a byte-order mark and CRLF
 * line ends (RFC 4180), so Excel and LibreOffice open accented titles correctly; every cell goes
 * through csvCell (quoting, formula-injection guard).
 */
export function renderCsv(report: Report): string {
  const lines = [CSV_COLUMNS.map(csvCell).join(',')];
  for (const { link, entry } of worklistRows(report)) {
    lines.push(
      [
        link.status,
        link.reason ?? '',
        link.message,
        entry?.id ?? '',
        fileLine(entry),
        entry?.section ?? '',
        entry?.title ?? '',
        link.title ?? '',
        link.url,
        link.suggestedUrl ?? '',
        link.archive?.url ?? '',
        link.archive?.timestamp.slice(0, 10) ?? '',
        driftStatus(link) ?? '',
        link.drift?.reasons.join(' ') ?? '',
        differencesLine(link, entry?.id),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Rows in worklist order; within a group by failure age and URL, then catalogue place. */
export function worklistRows(report: Report): Row[] {
  const rank = (row: Row) => WORKLIST_GROUPS.indexOf(worklistGroup(row.link));
  return rowsOf(report).sort(
    (a, b) =>
      rank(a) - rank(b) ||
      byFailingSinceThenUrl(a.link, b.link) ||
      fileLine(a.entry).localeCompare(fileLine(b.entry)),
  );
}
