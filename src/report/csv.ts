import type { Report } from '../model/index.js';
import { csvCell } from './escape.js';
import { differencesLine } from './metadata.js';
import { fileLine, rowsOf } from './view.js';

export const CSV_COLUMNS = [
  'id',
  'title',
  'file:line',
  'section',
  'status',
  'reason',
  'current URL',
  'suggested URL',
  'archived copy URL',
  'archive date',
  'metadata differs',
] as const;

/**
 * The editors' worklist: one row per entry and link. UTF-8 with a byte-order mark and CRLF line
 * ends (RFC 4180), so Excel and LibreOffice open accented titles correctly; every cell goes
 * through csvCell (quoting, formula-injection guard).
 */
export function renderCsv(report: Report): string {
  const lines = [CSV_COLUMNS.map(csvCell).join(',')];
  for (const { link, entry } of rowsOf(report)) {
    lines.push(
      [
        entry?.id ?? '',
        entry?.title ?? '',
        fileLine(entry),
        entry?.section ?? '',
        link.status,
        link.reason ?? '',
        link.url,
        link.suggestedUrl ?? '',
        link.archive?.url ?? '',
        link.archive?.timestamp.slice(0, 10) ?? '',
        differencesLine(link, entry?.id),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
