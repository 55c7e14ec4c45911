import type { Report, ReportSource } from '../model/index.js';
import { csvCell } from './escape.js';
import { differencesLine } from './metadata.js';
import { fileLine, type Row, rowsOf, rowsOfLink } from './view.js';

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
  const lines = [csvHeader()];
  for (const row of rowsOf(report)) lines.push(csvRow(row));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** The same file as renderCsv, written one link at a time (see write.ts). */
export async function* csvChunks(source: ReportSource): AsyncGenerator<string> {
  yield `\ufeff${csvHeader()}\r\n`;
  for await (const link of source.links()) {
    yield rowsOfLink(link)
      .map((row) => `${csvRow(row)}\r\n`)
      .join('');
  }
}

function csvHeader(): string {
  return CSV_COLUMNS.map(csvCell).join(',');
}

function csvRow({ link, entry }: Row): string {
  return [
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
    .join(',');
}
