import type { Report, ReportLink, ReportSource } from '../model/index.js';
import { driftStatus, WORKLIST_GROUPS, worklistGroup } from './drift-view.js';
import { csvCell } from './escape.js';
import { differencesLine } from './metadata.js';
import { byFailingSinceThenUrl, fileLine, type Row, rowsOfLink } from './view.js';

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
  const lines = [csvHeader()];
  for (const group of WORKLIST_GROUPS) {
    const rows = report.links.filter((l) => worklistGroup(l) === group).flatMap(rowsInPlaceOrder);
    if (group !== REST) rows.sort(byWorklist);
    for (const row of rows) lines.push(csvRow(row));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * The same file as renderCsv, written group by group (one pass over the links per group, see
 * write.ts). Only the groups that need work are held to be sorted; the rest, by far the largest,
 * streams in URL order.
 */
export async function* csvChunks(source: ReportSource): AsyncGenerator<string> {
  yield `\ufeff${csvHeader()}\r\n`;
  for (const group of WORKLIST_GROUPS) {
    const held: Row[] = [];
    for await (const link of source.links()) {
      if (worklistGroup(link) !== group) continue;
      const rows = rowsInPlaceOrder(link);
      if (group === REST) yield rows.map((row) => `${csvRow(row)}\r\n`).join('');
      else held.push(...rows);
    }
    held.sort(byWorklist);
    for (const row of held) yield `${csvRow(row)}\r\n`;
  }
}

const REST = WORKLIST_GROUPS[WORKLIST_GROUPS.length - 1];

/** Within a group that needs work: by failure age and URL, then catalogue place. */
function byWorklist(a: Row, b: Row): number {
  return (
    byFailingSinceThenUrl(a.link, b.link) || fileLine(a.entry).localeCompare(fileLine(b.entry))
  );
}

function rowsInPlaceOrder(link: ReportLink): Row[] {
  return rowsOfLink(link).sort((a, b) => fileLine(a.entry).localeCompare(fileLine(b.entry)));
}

function csvHeader(): string {
  return CSV_COLUMNS.map(csvCell).join(',');
}

function csvRow({ link, entry }: Row): string {
  return [
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
    .join(',');
}
