import { type CsvColumn, en, linkMessage, type Messages, messagesOf } from '../i18n/index.js';
import type { Report, ReportLink, ReportSource } from '../model/index.js';
import { driftStatus, WORKLIST_GROUPS, type WorklistGroup, worklistGroup } from './drift-view.js';
import { csvCell } from './escape.js';
import { contextFor, type LinkRows, type RowContext, rowText } from './link-rows.js';
import { differencesLine } from './metadata.js';
import { byFailingSinceThenUrl, fileLine, type Row, rowsOfLink } from './view.js';

/** The worklist's columns in order; the header row names them in the report's language. */
const COLUMN_KEYS: readonly CsvColumn[] = [
  'status',
  'reason',
  'message',
  'id',
  'fileLine',
  'section',
  'catalogueTitle',
  'pageTitle',
  'currentUrl',
  'suggestedUrl',
  'archiveUrl',
  'archiveDate',
  'drift',
  'driftReasons',
  'metadataDiffers',
];

/** The English header row. Cells hold machine values (status, reason, drift) in every language. */
export const CSV_COLUMNS: readonly string[] = COLUMN_KEYS.map((k) => en.csv[k]);

/**
 * The editors' worklist: one row per entry and link, the work first: failing links (oldest
 * failure first), then drifted ones (the page no longer serves the cited work), then moved ones,
 * then the rest (links changed in this run only first). UTF-8 with a byte-order mark and CRLF
 * line ends (RFC 4180), so Excel and LibreOffice open accented titles correctly; every cell goes
 * through csvCell (quoting, formula-injection guard).
 */
export function renderCsv(report: Report): string {
  const m = messagesOf(report);
  const lines = [csvHeader(m)];
  for (const group of WORKLIST_GROUPS) {
    const rows = report.links.filter((l) => worklistGroup(l) === group).flatMap(rowsInPlaceOrder);
    if (group !== REST) rows.sort(byWorklist);
    for (const row of rows) lines.push(csvRow(row, m));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * The same file as renderCsv, in two passes over the links (see write.ts): the first holds the
 * rows that need work, by group, to sort them; the second streams the rest, by far the largest
 * part, in URL order.
 */
export async function* csvChunks(source: ReportSource, rows?: LinkRows): AsyncGenerator<string> {
  const m = messagesOf(source.head);
  const rest = csvLinkRows(m);
  yield `\ufeff${csvHeader(m)}\r\n`;
  const held = new Map<WorklistGroup, Row[]>();
  for await (const link of source.links()) {
    const group = worklistGroup(link);
    if (group === REST) continue;
    const rows = held.get(group) ?? [];
    if (rows.length === 0) held.set(group, rows);
    rows.push(...rowsInPlaceOrder(link));
  }
  for (const group of WORKLIST_GROUPS) {
    const rows = held.get(group);
    if (!rows) continue;
    held.delete(group);
    rows.sort(byWorklist);
    for (const row of rows) yield `${csvRow(row, m)}\r\n`;
  }
  for await (const link of source.links()) {
    if (worklistGroup(link) !== REST) continue;
    yield rowText(rows, rest, link);
  }
}

/**
 * A link's rows in catalogue-place order, each with its line end: how the links that need no
 * work are listed, in the report's language.
 */
export const csvLinkRows: (m: Messages) => RowContext<string> = contextFor((m: Messages) => ({
  render: (link: ReportLink) =>
    rowsInPlaceOrder(link)
      .map((row) => `${csvRow(row, m)}\r\n`)
      .join(''),
}));

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

function csvHeader(m: Messages): string {
  return COLUMN_KEYS.map((k) => csvCell(m.csv[k])).join(',');
}

function csvRow({ link, entry }: Row, m: Messages): string {
  return [
    link.status,
    link.reason ?? '',
    linkMessage(m, link),
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
    differencesLine(link, entry?.id, m),
  ]
    .map(csvCell)
    .join(',');
}
