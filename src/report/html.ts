import type { Report, ReportLink, Verdict } from '../model/index.js';
import { VERDICTS } from '../model/index.js';
import { NOT_CHECKED_COLOUR, renderHealthChart, STATUS_COLOURS } from './chart.js';
import {
  CONTENT_CHANGED_TITLE,
  DRIFT_STATUS_LABELS,
  type DriftStatus,
  driftReasonsText,
  driftStatus,
  driftWhen,
  titleDiffers,
} from './drift-view.js';
import { escapeHtml as h, htmlLink, jsonForScript } from './escape.js';
import { PAGE_CSP, PAGE_CSS, PAGE_JS } from './html-assets.js';
import { differencesLine } from './metadata.js';
import {
  archiveMissText,
  brokenInReport,
  type DigestSection,
  digestSection,
  failingDays,
  failingFor,
  guardHint,
  hostOf,
  notCheckedCount,
  plural,
  type Row,
  remedyFor,
  rowsOf,
  SECTION_TITLES,
  statusCounts,
} from './view.js';

type Change = DigestSection | 'fixed' | 'none';
const CHANGE_LABELS: Record<Change, string> = { ...SECTION_TITLES, none: 'No change' };
/** Table order and status sort key: most urgent first. */
const SEVERITY: Verdict[] = ['dead', 'error', 'blocked', 'redirected', 'ok', 'skipped'];

/**
 * A self-contained page: inline style and script (allowed by hash in the page's CSP), no
 * external resource, works from file://. Every untrusted string is HTML-escaped; URLs become
 * links only when they are http(s); the report itself is embedded as escaped JSON in a
 * non-executable script element (`#report-data`) so the page carries its data.
 */
export function renderHtml(report: Report): string {
  const fixedUrls = new Set(report.fixed.map((f) => f.url));
  const rows = rowsOf(report).sort(
    (a, b) =>
      SEVERITY.indexOf(a.link.status) - SEVERITY.indexOf(b.link.status) ||
      (a.link.url < b.link.url ? -1 : a.link.url > b.link.url ? 1 : 0),
  );
  const changeOf = (link: ReportLink): Change =>
    digestSection(link) ?? (fixedUrls.has(link.url) ? 'fixed' : 'none');
  const title = `Link health, ${report.run.startedAt.slice(0, 10)}`;
  return `<!DOCTYPE html>
<html lang="en">
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
<p class="muted">Run <code>${h(report.run.id)}</code>, ${h(report.run.startedAt)} to ${h(report.run.finishedAt)}, rotwatch ${h(report.run.toolVersion)}, ${h(plural(report.run.catalogues.length, 'catalogue file'))}.</p>
${notes(report)}
${counts(report)}
<h2>Link health over past runs</h2>
${renderHealthChart(report)}
${legend()}
${fixedSection(report)}
<h2>Links</h2>
${filters(rows, changeOf)}
<p id="shown" aria-live="polite">${rows.length} rows</p>
<table id="links">
<thead><tr>${header()}</tr></thead>
<tbody>
${rows.map((row) => tableRow(row, changeOf(row.link), report.run.startedAt)).join('\n')}
</tbody>
</table>
<script type="application/json" id="report-data">${jsonForScript(report)}</script>
<script>${PAGE_JS}</script>
</body>
</html>
`;
}

function notes(report: Report): string {
  const out: string[] = [];
  if (!report.run.complete) {
    out.push(
      '<p class="note">Interrupted run: only the links checked before the stop are reported.</p>',
    );
  }
  const hint = guardHint(report);
  if (hint) out.push(`<p class="note">${h(hint)}</p>`);
  if (report.run.network.status === 'down') {
    const n = report.run.network;
    out.push(
      `<p class="note">The checker's network looked down (${n.hostsUnreachable} of ${n.hostsChecked} hosts unreachable): no link was declared dead from this run.</p>`,
    );
  }
  return out.join('\n');
}

function counts(report: Report): string {
  // Links the run could not look at are counted apart, never as broken.
  const items = statusCounts(report).map(
    ({ status, count }) =>
      `<li data-status="${status}">${swatch(status)} ${status}: <strong>${count}</strong></li>`,
  );
  items.push(`<li>total: <strong>${report.summary.total}</strong></li>`);
  items.push(`<li class="broken">broken: <strong>${brokenInReport(report)}</strong></li>`);
  const notChecked = notCheckedCount(report);
  if (notChecked > 0) {
    items.push(
      `<li class="not-checked">not checked (network down): <strong>${notChecked}</strong></li>`,
    );
  }
  if (report.summary.drifted !== undefined) {
    items.push(`<li>content drifted: <strong>${report.summary.drifted}</strong></li>`);
  }
  const changes = sectionCounts(report);
  const digest = (['new', 'still-broken', 'fixed', 'moved'] as const).map(
    (key) => `<li>${h(SECTION_TITLES[key])}: <strong>${changes[key]}</strong></li>`,
  );
  return `<ul class="counts">${items.join('')}</ul>\n<ul class="counts">${digest.join('')}</ul>`;
}

/** Links per digest section, as the Markdown digest counts them. */
function sectionCounts(report: Report): Record<DigestSection | 'fixed', number> {
  const counts = { new: 0, 'still-broken': 0, moved: 0, fixed: report.fixed.length };
  for (const link of report.links) {
    const key = digestSection(link);
    if (key) counts[key]++;
  }
  return counts;
}

/** Colour swatches are SVG presentation attributes: the CSP allows no style attributes. */
function swatch(status: Verdict): string {
  return `<svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${STATUS_COLOURS[status]}"/></svg>`;
}

function legend(): string {
  const notChecked = `<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${NOT_CHECKED_COLOUR}"/></svg> not checked (network down: dashed bar)</li>`;
  return `<ul class="counts legend">${VERDICTS.map((s) => `<li>${swatch(s)} ${s}</li>`).join('')}${notChecked}</ul>`;
}

function fixedSection(report: Report): string {
  if (report.fixed.length === 0) return '';
  const items = report.fixed.map((f) => {
    const entries = f.entries
      .map((e) => `${h(e.title)} <span class="id">${h(e.id)}</span>`)
      .join('; ');
    return `<li>${htmlLink(f.url)}: was ${h(f.previousStatus)}${f.previousReason ? ` (${h(f.previousReason)})` : ''}, now ${h(f.status)}${entries ? `. ${entries}` : ''}</li>`;
  });
  return `<h2>${h(SECTION_TITLES.fixed)} (${report.fixed.length})</h2>\n<ul>${items.join('\n')}</ul>`;
}

function filters(rows: Row[], changeOf: (l: ReportLink) => Change): string {
  const distinct = (values: string[]) => [...new Set(values)].sort();
  const statuses = SEVERITY.filter((s) => rows.some((r) => r.link.status === s));
  const changes = (Object.keys(CHANGE_LABELS) as Change[]).filter((c) =>
    rows.some((r) => changeOf(r.link) === c),
  );
  const sections = distinct(rows.map((r) => sectionKey(r)));
  const hosts = distinct(rows.map((r) => hostKey(r.link)));
  const select = (id: string, label: string, key: string, options: [string, string][]) =>
    `<label for="${id}">${h(label)}<select id="${id}" data-filter="${key}"><option value="">all</option>${options
      .map(([value, text]) => `<option value="${h(value)}">${h(text)}</option>`)
      .join('')}</select></label>`;
  return `<div class="filters">
${select(
  'f-status',
  'Status',
  'status',
  statuses.map((s) => [s, s]),
)}
${select(
  'f-change',
  'Change',
  'change',
  changes.map((c) => [c, CHANGE_LABELS[c]]),
)}
${select(
  'f-drift',
  CONTENT_CHANGED_TITLE,
  'drift',
  driftKeys(rows).map((d) => [d, DRIFT_STATUS_LABELS[d]]),
)}
${select(
  'f-section',
  'Section',
  'section',
  sections.map((s) => [s, s || '(none)']),
)}
${select(
  'f-host',
  'Host',
  'host',
  hosts.map((s) => [s, s || '(invalid URL)']),
)}
<label for="f-text">Text<input id="f-text" type="search" placeholder="title, id, URL, reason"></label>
</div>`;
}

const COLUMNS: { label: string; type?: 'number' }[] = [
  { label: 'Status', type: 'number' },
  { label: 'Change' },
  { label: 'Entry' },
  { label: 'Section' },
  { label: 'File:line' },
  { label: 'Host' },
  { label: 'URL' },
  { label: 'Reason' },
  { label: 'Remedy' },
  { label: 'Broken for', type: 'number' },
];

function header(): string {
  return COLUMNS.map(
    (c) =>
      `<th scope="col"${c.type ? ` data-type="${c.type}"` : ''}><button type="button">${c.label}</button></th>`,
  ).join('');
}

/** Drift filter values present in the table, most urgent first. */
function driftKeys(rows: Row[]): (DriftStatus | 'none')[] {
  return (['drifted', 'changed', 'none'] as const).filter((k) =>
    rows.some((r) => driftKey(r.link) === k),
  );
}
function driftKey(link: ReportLink): DriftStatus | 'none' {
  return driftStatus(link) ?? 'none';
}

/** Filter keys are never "" (that is the "all" option). */
function sectionKey(row: Row): string {
  return row.entry?.section || '(none)';
}
function hostKey(link: ReportLink): string {
  return hostOf(link.url) || '(no host)';
}

function tableRow(row: Row, change: Change, asOf: string): string {
  const { link, entry } = row;
  const host = hostOf(link.url);
  const section = entry?.section ?? '';
  const days = failingDays(link.failingSince, asOf);
  const cells = [
    `<td class="status status-${h(link.status)}" data-sort="${SEVERITY.indexOf(link.status)}">${h(link.status)}</td>`,
    `<td>${h(CHANGE_LABELS[change])}</td>`,
    `<td>${entryHtml(row)}</td>`,
    `<td>${h(section)}</td>`,
    `<td data-sort="${entry ? h(`${entry.file}:${String(entry.line).padStart(8, '0')}`) : ''}">${entry ? h(`${entry.file}:${entry.line}`) : ''}</td>`,
    `<td>${h(host)}</td>`,
    `<td class="url">${htmlLink(link.url)}${link.finalUrl && link.finalUrl !== link.url ? `<br><span class="muted">now: ${htmlLink(link.finalUrl)}</span>` : ''}</td>`,
    `<td>${link.reason ? `<code>${h(link.reason)}</code> ` : ''}${h(link.message)}${driftHtml(link)}</td>`,
    `<td class="remedy">${remedyHtml(link)}</td>`,
    `<td data-sort="${days ?? -1}">${h(failingFor(link.failingSince, asOf) ?? '')}</td>`,
  ];
  return `<tr data-status="${h(link.status)}" data-change="${change}" data-drift="${driftKey(link)}" data-section="${h(sectionKey(row))}" data-host="${h(hostKey(link))}">${cells.join('')}</tr>`;
}

/** The catalogue title, the page title beside it when they differ, the entry id. */
function entryHtml({ link, entry }: Row): string {
  const page = titleDiffers(entry?.title, link.title)
    ? `<br><span class="page-title">page: ${h(link.title ?? '')}</span>`
    : '';
  if (!entry) return `<span class="muted">(no entry)</span>${page}`;
  return `${h(entry.title)}${page}<br><span class="id">${h(entry.id)}</span>${metadataHtml(link, entry.id)}`;
}

function driftHtml(link: ReportLink): string {
  const d = link.drift;
  if (!d) return '';
  const was =
    d.previousTitle !== null && d.previousTitle !== d.title
      ? ` Title before: “${h(d.previousTitle)}”.`
      : '';
  return `<br><span class="drift drift-${d.confirmed ? 'drifted' : 'changed'}"><strong>${h(d.confirmed ? 'Content drifted' : 'Content changed')}:</strong> ${h(driftReasonsText(d))}; ${h(driftWhen(d))}.${was}</span>`;
}

function remedyHtml(link: ReportLink): string {
  const remedy = remedyFor(link);
  switch (remedy.kind) {
    case 'new-url':
      return `new URL: ${htmlLink(remedy.url)}`;
    case 'archive':
      return `archived copy (${h(remedy.date)}, ${h(remedy.source)}): ${htmlLink(remedy.url)}`;
    case 'no-archive':
      return `no archived copy (${h(archiveMissText(remedy.reason))})`;
    case 'none':
      return '';
  }
}

/** "Metadata differs" under the entry it concerns, both values shown. */
function metadataHtml(link: ReportLink, entryId: string): string {
  const line = differencesLine(link, entryId);
  return line === ''
    ? ''
    : `<br><span class="muted metadata-differs">metadata differs: ${h(line)}</span>`;
}
