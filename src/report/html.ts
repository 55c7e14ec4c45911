import { type Messages, messagesOf } from '../i18n/index.js';
import type { Report, ReportLink, Verdict } from '../model/index.js';
import { VERDICTS } from '../model/index.js';
import { NOT_CHECKED_COLOUR, renderHealthChart, STATUS_COLOURS } from './chart.js';
import { escapeHtml as h, htmlLink, jsonForScript } from './escape.js';
import { PAGE_CSP, PAGE_CSS, PAGE_JS } from './html-assets.js';
import { COLUMNS, changeLabel, header, SEVERITY, tableRow } from './html-row.js';
import {
  type Change,
  type FilterOptions,
  NO_HOST,
  NO_SECTION,
  omittedHtml,
  type PageView,
  pageViewOf,
} from './html-summary.js';
import {
  brokenInReport,
  guardHintFor,
  isBroken,
  notCheckedCount,
  rowsOf,
  statusCounts,
} from './view.js';

const CHANGES: Change[] = ['new', 'still-broken', 'fixed', 'moved', 'none'];

/**
 * Table order: the links that need work first (failing, then moved, then drifted), the rest
 * after (ok, not checked, skipped), each group by severity then URL. A page of a thousand ok
 * links must not bury the ten that need an editor.
 */
function workRank(link: ReportLink): number {
  if (link.reason === 'network-down') return 4;
  if (isBroken(link)) return 0;
  if (link.status === 'redirected') return 1;
  if (link.drift) return 2;
  return 3;
}

/** The table group of a link, in page order: its work rank, then its status. */
export function pageGroup(link: ReportLink): number {
  return workRank(link) * 10 + SEVERITY.indexOf(link.status);
}

/** Where the table's rows and the embedded report go (split there by `htmlPage`). */
const ROWS_SLOT = '<!--rotwatch:rows-->';
const DATA_SLOT = '<!--rotwatch:data-->';

/**
 * A self-contained page: inline style and script (allowed by hash in the page's CSP), no
 * external resource, works from file://. Every untrusted string is HTML-escaped; URLs become
 * links only when they are http(s); the report itself is embedded as escaped JSON in a
 * non-executable script element (`#report-data`) so the page carries its data. It fits every
 * width: a table on wide screens (fixed layout: cells wrap, the page never scrolls sideways),
 * one card per row on narrow ones. Texts are in the report's language (`run.language`).
 */
export function renderHtml(report: Report): string {
  const m = messagesOf(report);
  const view = pageViewOf(report, pageGroup);
  const rows = rowsOf(report).sort(
    (a, b) =>
      pageGroup(a.link) - pageGroup(b.link) ||
      (a.link.url < b.link.url ? -1 : a.link.url > b.link.url ? 1 : 0),
  );
  const [top, middle, bottom] = htmlPage(report, view);
  const asOf = report.run.startedAt;
  const body = rows.map((row) => tableRow(row, view.changeOf(row.link), asOf, m)).join('\n');
  return `${top}${body}${middle}${jsonForScript(report)}${bottom}`;
}

/**
 * The page around its rows and its embedded report, in three parts: before the rows, between
 * the rows and the report's JSON, after it (html-stream.ts writes what goes between). What the
 * page says of its links comes from `view`: the report's own `links` are not read.
 */
export function htmlPage(
  report: Report,
  view: PageView,
  files: { csv: string | null; json: string } = { csv: 'latest.csv', json: 'latest.json' },
): [string, string, string] {
  const m = messagesOf(report);
  const run = report.run;
  const title = m.html.title(m.date(run.startedAt));
  const page = `<!DOCTYPE html>
<html lang="${h(m.locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(PAGE_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<h1>${h(title)}</h1>
<p class="muted">${runLine(report, m)}</p>
${notes(report, view, m)}
${counts(report, view, m)}
<h2>${h(m.html.chartTitle)}</h2>
${renderHealthChart(report, m)}
${legend(m)}
${fixedSection(report, m)}
<h2>${h(m.html.links)}</h2>
${filters(view.options, m)}
<p id="shown" aria-live="polite" data-template="${h(m.html.rowsShownTemplate)}">${h(m.html.rows(view.rows))}</p>
<table id="links">
<colgroup>${COLUMNS.map((c) => `<col class="c-${c}">`).join('')}</colgroup>
<thead><tr>${header(m)}</tr></thead>
<tbody>
${ROWS_SLOT}
</tbody>
</table>
${view.omitted ? omittedHtml(view.omitted, files, m) : ''}
<script type="application/json" id="report-data">${DATA_SLOT}</script>
<script>${PAGE_JS}</script>
</body>
</html>
`;
  const [top = '', rest = ''] = page.split(ROWS_SLOT);
  const [middle = '', bottom = ''] = rest.split(DATA_SLOT);
  return [top, middle, bottom];
}

/** "Run <code>id</code>, from to to, rotwatch version, N catalogue files." with the id as code. */
function runLine(report: Report, m: Messages): string {
  const run = report.run;
  const marker = '\u0000id\u0000';
  const text = m.html.runLine(
    marker,
    m.dateTime(run.startedAt),
    m.dateTime(run.finishedAt),
    run.toolVersion,
    run.catalogues.length,
  );
  return h(text).replace(h(marker), `<code>${h(run.id)}</code>`);
}

function notes(report: Report, view: PageView, m: Messages): string {
  const out: string[] = [];
  if (!report.run.complete) out.push(`<p class="note">${h(m.interrupted)}</p>`);
  const hint = guardHintFor(view.guarded, view.total, m);
  if (hint) out.push(`<p class="note">${h(hint)}</p>`);
  if (report.run.network.status === 'down') {
    const n = report.run.network;
    out.push(`<p class="note">${h(m.networkDown(n.hostsUnreachable, n.hostsChecked))}</p>`);
  }
  return out.join('\n');
}

function counts(report: Report, view: PageView, m: Messages): string {
  // Links the run could not look at are counted apart, never as broken.
  const item = (label: string, n: number, attrs = '') =>
    `<li${attrs}>${h(label + m.colon)}<strong>${h(m.number(n))}</strong></li>`;
  const items = statusCounts(report).map(
    ({ status, count }) =>
      `<li data-status="${status}">${swatch(status)} ${h(m.verdict[status] + m.colon)}<strong>${h(m.number(count))}</strong></li>`,
  );
  items.push(item(m.html.total, report.summary.total));
  items.push(item(m.html.broken, brokenInReport(report), ' class="broken"'));
  const notChecked = notCheckedCount(report);
  if (notChecked > 0) items.push(item(m.notCheckedLabel, notChecked, ' class="not-checked"'));
  if (report.summary.drifted !== undefined) {
    items.push(item(m.html.contentDrifted, report.summary.drifted));
  }
  const changes = view.sections;
  const digest = (['new', 'still-broken', 'fixed', 'moved'] as const).map((key) =>
    item(m.section[key], changes[key]),
  );
  return `<ul class="counts">${items.join('')}</ul>\n<ul class="counts">${digest.join('')}</ul>`;
}

/** Colour swatches are SVG presentation attributes: the CSP allows no style attributes. */
function swatch(status: Verdict): string {
  return `<svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${STATUS_COLOURS[status]}"/></svg>`;
}

function legend(m: Messages): string {
  const notChecked = `<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${NOT_CHECKED_COLOUR}"/></svg> ${h(m.html.legendNotChecked)}</li>`;
  return `<ul class="counts legend">${VERDICTS.map((s) => `<li>${swatch(s)} ${h(m.verdict[s])}</li>`).join('')}${notChecked}</ul>`;
}

function fixedSection(report: Report, m: Messages): string {
  if (report.fixed.length === 0) return '';
  const items = report.fixed.map((f) => {
    const entries = f.entries
      .map((e) => `${h(e.title)} <span class="id">${h(e.id)}</span>`)
      .join('; ');
    const was = `${m.verdict[f.previousStatus]}${f.previousReason ? ` (${f.previousReason})` : ''}`;
    return `<li>${htmlLink(f.url)}: ${h(m.html.wasNow(was, m.verdict[f.status]))}${entries ? `. ${entries}` : ''}</li>`;
  });
  return `<h2>${h(m.section.fixed)} (${h(m.number(report.fixed.length))})</h2>\n<ul class="fixed">${items.join('\n')}</ul>`;
}

function filters(options: FilterOptions, m: Messages): string {
  const statuses = SEVERITY.filter((s) => options.statuses.has(s));
  const changes = CHANGES.filter((c) => options.changes.has(c));
  const driftKeys = (['drifted', 'changed', 'none'] as const).filter((k) => options.drift.has(k));
  const sections = [...options.sections].sort();
  const hosts = [...options.hosts].sort();
  const select = (id: string, label: string, key: string, options: [string, string][]) =>
    `<label for="${id}">${h(label)}<select id="${id}" data-filter="${key}"><option value="">${h(m.html.filter.all)}</option>${options
      .map(([value, text]) => `<option value="${h(value)}">${h(text)}</option>`)
      .join('')}</select></label>`;
  const fl = m.html.filter;
  return `<div class="filters">
${select(
  'f-status',
  fl.status,
  'status',
  statuses.map((s) => [s, m.verdict[s]]),
)}
${select(
  'f-change',
  fl.change,
  'change',
  changes.map((c) => [c, changeLabel(m, c)]),
)}
${select(
  'f-drift',
  m.drift.title,
  'drift',
  driftKeys.map((d) => [d, m.drift.status[d]]),
)}
${select(
  'f-section',
  fl.section,
  'section',
  sections.map((s) => [s, s === NO_SECTION ? fl.none : s]),
)}
${select(
  'f-host',
  fl.host,
  'host',
  hosts.map((s) => [s, s === NO_HOST ? fl.noHost : s]),
)}
<label for="f-text">${h(fl.text)}<input id="f-text" type="search" placeholder="${h(fl.placeholder)}"></label>
</div>`;
}
