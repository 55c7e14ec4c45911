// One row of the HTML report's table: its cells, in the report's language. Rendered for the
// whole page (html.ts) or one link at a time as the page is streamed (html-stream.ts).
import { linkMessage, type Messages } from '../i18n/index.js';
import type { ReportLink, Verdict } from '../model/index.js';
import { driftReasonsText, driftWhen, titleDiffers } from './drift-view.js';
import { escapeHtml as h, htmlLink } from './escape.js';
import { type Change, driftKey, hostKey, sectionKey } from './html-summary.js';
import { differencesLine } from './metadata.js';
import {
  archiveMissText,
  failingDays,
  failingFor,
  hostOf,
  type Row,
  remedyFor,
  remedySource,
} from './view.js';

/** Status sort key: most urgent first. */
export const SEVERITY: Verdict[] = ['dead', 'error', 'blocked', 'redirected', 'ok', 'skipped'];

export const changeLabel = (m: Messages, c: Change): string =>
  c === 'none' ? m.noChange : m.section[c];

/** The table's columns, in order; each cell carries its label for the card layout. */
export const COLUMNS = [
  'status',
  'change',
  'entry',
  'section',
  'fileLine',
  'host',
  'url',
  'reason',
  'remedy',
  'brokenFor',
] as const;
type Column = (typeof COLUMNS)[number];
const NUMERIC: ReadonlySet<Column> = new Set(['status', 'brokenFor']);

export function header(m: Messages): string {
  return COLUMNS.map(
    (c) =>
      `<th scope="col" class="c-${c}"${NUMERIC.has(c) ? ' data-type="number"' : ''}><button type="button">${h(m.html.column[c])}</button></th>`,
  ).join('');
}

export function tableRow(row: Row, change: Change, asOf: string, m: Messages): string {
  const { link, entry } = row;
  const host = hostOf(link.url);
  const section = entry?.section ?? '';
  const days = failingDays(link.failingSince, asOf);
  const cell = (column: Column, content: string, attrs = '') =>
    `<td class="c-${column}${content === '' ? ' empty' : ''}" data-label="${h(m.html.column[column])}"${attrs}>${content}</td>`;
  const now =
    link.finalUrl && link.finalUrl !== link.url
      ? `<br><span class="muted">${h(m.html.now + m.colon)}${htmlLink(link.finalUrl)}</span>`
      : '';
  const cells = [
    cell(
      'status',
      `<span class="status status-${h(link.status)}">${h(m.verdict[link.status])}</span>`,
      ` data-sort="${SEVERITY.indexOf(link.status)}"`,
    ),
    cell('change', h(changeLabel(m, change))),
    cell('entry', entryHtml(row, m)),
    cell('section', h(section)),
    cell(
      'fileLine',
      entry ? h(`${entry.file}:${entry.line}`) : '',
      ` data-sort="${entry ? h(`${entry.file}:${String(entry.line).padStart(8, '0')}`) : ''}"`,
    ),
    cell('host', h(host)),
    cell('url', `${htmlLink(link.url)}${now}`),
    cell(
      'reason',
      `${link.reason ? `<code>${h(link.reason)}</code> ` : ''}${h(linkMessage(m, link))}${driftHtml(link, m)}`,
    ),
    cell('remedy', remedyHtml(link, m)),
    cell(
      'brokenFor',
      h(failingFor(link.failingSince, asOf, m) ?? ''),
      ` data-sort="${days ?? -1}"`,
    ),
  ];
  return `<tr data-status="${h(link.status)}" data-change="${change}" data-drift="${driftKey(link)}" data-section="${h(sectionKey(row.entry?.section))}" data-host="${h(hostKey(link.url))}">${cells.join('')}</tr>`;
}

/** The catalogue title, the page title beside it when they differ, the entry id. */
function entryHtml({ link, entry }: Row, m: Messages): string {
  const page = titleDiffers(entry?.title, link.title)
    ? `<br><span class="page-title">${h(m.html.page + m.colon)}${h(link.title ?? '')}</span>`
    : '';
  if (!entry) return `<span class="muted">${h(m.html.noEntry)}</span>${page}`;
  return `${h(entry.title)}${page}<br><span class="id">${h(entry.id)}</span>${metadataHtml(link, entry.id, m)}`;
}

function driftHtml(link: ReportLink, m: Messages): string {
  const d = link.drift;
  if (!d) return '';
  const was =
    d.previousTitle !== null && d.previousTitle !== d.title
      ? ` ${h(m.drift.titleBefore + m.colon)}${h(m.quote(d.previousTitle))}.`
      : '';
  return `<br><span class="drift drift-${d.confirmed ? 'drifted' : 'changed'}"><strong>${h((d.confirmed ? m.drift.drifted : m.drift.changed) + m.colon.trimEnd())}</strong> ${h(driftReasonsText(d, m) + m.listSeparator + driftWhen(d, m))}.${was}</span>`;
}

function remedyHtml(link: ReportLink, m: Messages): string {
  const remedy = remedyFor(link);
  switch (remedy.kind) {
    case 'new-url':
      return `${h(m.remedy.newUrl + m.colon)}${htmlLink(remedy.url)}`;
    case 'archive':
      return `${h(m.remedy.archived)} (${h(m.date(remedy.date))}, ${h(remedySource(remedy.source, m))})${h(m.colon)}${htmlLink(remedy.url)}`;
    case 'no-archive':
      return `${h(m.remedy.noArchive)} (${h(archiveMissText(remedy.reason, m))})`;
    case 'none':
      return '';
  }
}

/** "Metadata differs" under the entry it concerns, both values shown. */
function metadataHtml(link: ReportLink, entryId: string, m: Messages): string {
  const line = differencesLine(link, entryId, m);
  return line === ''
    ? ''
    : `<br><span class="muted metadata-differs">${h(m.metadata.differs + m.colon)}${h(line)}</span>`;
}
