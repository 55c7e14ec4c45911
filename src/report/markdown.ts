import type {
  FixedLink,
  Report,
  ReportEntryRef,
  ReportLink,
  RunSummaryRecord,
  Verdict,
} from '../model/index.js';
import { CONTENT_CHANGED_TITLE, driftReasonsText, driftWhen, titleDiffers } from './drift-view.js';
import { markdownCode, markdownText, markdownUrl } from './escape.js';
import { differencesLine, differencesOf } from './metadata.js';
import {
  archiveMissText,
  brokenCount,
  brokenInReport,
  byFailingSinceThenUrl,
  byUrl,
  type DigestSection,
  digestSection,
  failingFor,
  guardHint,
  notCheckedCount,
  notCheckedText,
  plural,
  remedyFor,
  SECTION_TITLES,
  statusCounts,
} from './view.js';

/** Entries shown per link before "and N more". */
const MAX_ENTRIES = 5;
/** Past runs shown in the trend line. */
const TREND_RUNS = 8;

export interface MarkdownOptions {
  /**
   * Upper bound on the digest's length in characters (default 60,000: a GitHub issue body holds
   * 65,536, leaving room for a footer). When the items do not fit, each section lists what fits,
   * in order, then "... and N more". Counts and trend are always complete.
   */
  maxLength?: number;
}

/** Room kept for each later section's heading and its "None." or "... and N more" line. */
const SECTION_RESERVE = 160;

/**
 * The weekly digest (may become a GitHub issue or an e-mail): counts and trend, then the links
 * that are new this week, still broken, fixed, and moved. Untrusted text is escaped so it
 * cannot form links, images, HTML or mentions.
 */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  const date = report.run.startedAt.slice(0, 10);
  out.push(`# Link check digest, ${markdownText(date)}`, '');
  out.push(...intro(report), '');
  out.push(...countsTable(report), '');
  const trend = trendLine(report);
  if (trend) out.push(trend, '');

  const bySection: Record<DigestSection, ReportLink[]> = { new: [], 'still-broken': [], moved: [] };
  for (const link of report.links) {
    const section = digestSection(link);
    if (section) bySection[section].push(link);
  }
  const asOf = report.run.startedAt;
  const metadataRows = report.links.flatMap((link) =>
    link.entries
      .filter((e) => differencesOf(link, e.id).length > 0)
      .map((entry) => ({ link, entry })),
  );
  const budget = {
    left: (opts.maxLength ?? 60_000) - out.reduce((n, line) => n + line.length + 1, 0),
    sectionsAfter: metadataRows.length > 0 ? 5 : 4,
  };
  section(out, budget, 'new', bySection.new.sort(byUrl), (l) => linkItem(l, asOf, false));
  section(out, budget, 'still-broken', bySection['still-broken'].sort(byFailingSinceThenUrl), (l) =>
    linkItem(l, asOf, true),
  );
  section(out, budget, 'fixed', [...report.fixed].sort(byUrl), fixedItem);
  section(out, budget, 'moved', bySection.moved.sort(byUrl), (l) => linkItem(l, asOf, false));
  // Drifted links first (counted), then those changed in this run only.
  const drifted = report.links
    .filter((l) => l.drift)
    .sort((a, b) => Number(b.drift?.confirmed) - Number(a.drift?.confirmed) || byUrl(a, b));
  section(out, budget, 'drift', drifted, driftItem);
  // Only when something differs: digests of catalogues without such findings stay as they were.
  if (metadataRows.length > 0) section(out, budget, 'metadata', metadataRows, metadataItem);
  return `${out.join('\n').trimEnd()}\n`;
}

function intro(report: Report): string[] {
  const { run, summary } = report;
  const catalogues = run.catalogues.length;
  const notChecked = notCheckedText(notCheckedCount(report));
  const lines = [
    `Run ${markdownCode(run.id)}: ${plural(summary.total, 'link')} checked from ${plural(catalogues, 'catalogue file')}, ` +
      `${brokenInReport(report)} broken, ${notChecked ? `${notChecked}, ` : ''}${summary.redirected} moved, ${report.fixed.length} fixed since the last run` +
      (summary.drifted ? `, ${plural(summary.drifted, 'link')} whose content drifted.` : '.'),
  ];
  if (!run.complete) {
    lines.push('', '> **Interrupted run:** only the links checked before the stop are reported.');
  }
  const hint = guardHint(report);
  if (hint)
    lines.push(
      '',
      `> ${hint.replace('--allow-private-addresses', '`--allow-private-addresses`').replace('check.allowPrivateAddresses: true', '`check.allowPrivateAddresses: true`')}`,
    );
  if (run.network.status === 'down') {
    lines.push(
      '',
      `> **The checker's network looked down** (${run.network.hostsUnreachable} of ${run.network.hostsChecked} hosts unreachable): no link was declared dead from this run.`,
    );
  }
  return lines;
}

/**
 * Whether a past run's counts can be compared with a full run's: an interrupted run checked only
 * part of the catalogue, and a run with the network down counted every link as an error.
 */
function comparable(run: RunSummaryRecord): boolean {
  return run.complete && run.network === 'ok';
}

function countsTable(report: Report): string[] {
  // Compared with the last run that checked everything: against a run interrupted after ten
  // links, every count would look like a jump.
  const previous = report.history.findLast(comparable)?.summary;
  const rows = ['| Status | Links | Since last run |', '| --- | ---: | ---: |'];
  // Errors the run could not look at are a row of their own: they are not failures.
  for (const { status, count } of statusCounts(report)) {
    rows.push(`| ${status} | ${count} | ${delta(count, previous?.[status])} |`);
  }
  const notChecked = notCheckedCount(report);
  if (notChecked > 0) rows.push(`| not checked (network down) | ${notChecked} |  |`);
  rows.push(
    `| **total** | **${report.summary.total}** | ${delta(report.summary.total, previous?.total)} |`,
  );
  if (report.summary.drifted !== undefined) {
    rows.push(
      `| content drifted | ${report.summary.drifted} | ${delta(report.summary.drifted, previous?.drifted)} |`,
    );
  }
  return rows;
}

function delta(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  const d = now - before;
  return d > 0 ? `+${d}` : d < 0 ? `\u2212${-d}` : '0';
}

/** "Broken links over the last runs: 4 → 5 → 7 → **6** (this run)". */
function trendLine(report: Report): string | null {
  const past = report.history.slice(-TREND_RUNS);
  if (past.length === 0) return null;
  const counts = past.map((r) => {
    const down = r.network === 'down';
    const count = brokenCount(r.summary, down);
    // A run that could not look at its links has no broken count to compare.
    if (count === null) return 'not checked (network down)';
    if (comparable(r)) return String(count);
    const notChecked = r.summary.notChecked ?? 0;
    return `${count} (${down ? `network down, ${notChecked} not checked` : 'interrupted'})`;
  });
  const notCheckedNow = notCheckedCount(report);
  counts.push(
    `**${brokenInReport(report)}**${notCheckedNow > 0 ? ` (network down, ${notCheckedNow} not checked)` : ''}`,
  );
  return `Broken links over the last ${plural(counts.length, 'run')}: ${counts.join(' \u2192 ')} (this run in bold).`;
}

function section<T>(
  out: string[],
  budget: { left: number; sectionsAfter: number },
  key: DigestSection | 'fixed' | 'drift' | 'metadata',
  items: T[],
  item: (x: T) => string[],
) {
  const push = (...lines: string[]) => {
    out.push(...lines);
    budget.left -= lines.reduce((n, line) => n + line.length + 1, 0);
  };
  const title =
    key === 'metadata'
      ? 'Metadata differs (page against catalogue)'
      : key === 'drift'
        ? CONTENT_CHANGED_TITLE
        : SECTION_TITLES[key];
  push(`## ${title} (${items.length})`, '');
  if (items.length === 0) push('None.', '');
  let shown = 0;
  for (const x of items) {
    const lines = item(x);
    const size = lines.reduce((n, line) => n + line.length + 1, 0);
    if (size + SECTION_RESERVE * (budget.sectionsAfter + 1) > budget.left) break;
    push(...lines);
    shown++;
  }
  if (shown < items.length) {
    push(`- ... and ${items.length - shown} more: see the HTML report or the CSV worklist.`);
  }
  if (items.length > 0) push('');
  budget.sectionsAfter--;
}

/**
 * The citing entries: bold title, id and place. Plain URL lists cite with the URL as title and
 * `file:line` as id, so those are not repeated.
 */
function entriesText(entries: ReportEntryRef[], url: string): string {
  if (entries.length === 0) return '*(no catalogue entry)*';
  const shown = entries.slice(0, MAX_ENTRIES).map((e) => {
    const place = `${e.file}:${e.line}`;
    const marker = e.fix === false ? `, ${markdownCode('fix: false')}` : '';
    const where =
      (e.id === place ? markdownCode(place) : `${markdownCode(e.id)}, ${markdownCode(place)}`) +
      marker;
    if (e.title === url) return `from ${where}`;
    return `**${markdownText(e.title) || '(untitled)'}** (${where})`;
  });
  const more = entries.length > MAX_ENTRIES ? `, and ${entries.length - MAX_ENTRIES} more` : '';
  return shown.join('; ') + more;
}

function statusText(status: Verdict, reason: string | null): string {
  return reason ? `${status}, ${markdownCode(reason)}` : status;
}

function linkItem(link: ReportLink, asOf: string, withDuration: boolean): string[] {
  const lines = [`- ${entriesText(link.entries, link.url)}`];
  lines.push(`  URL: ${markdownUrl(link.url)}`);
  const pageTitle = pageTitleLine(link);
  if (pageTitle) lines.push(pageTitle);
  const duration = withDuration ? failingFor(link.failingSince, asOf) : null;
  const streak =
    withDuration && link.consecutiveFailures > 1
      ? `, ${link.consecutiveFailures} runs in a row`
      : '';
  const when = duration ? ` (broken ${duration}${streak})` : '';
  const message = link.message ? `: ${markdownText(link.message)}` : '';
  lines.push(`  Why: ${statusText(link.status, link.reason)}${when}${message}`);
  lines.push(`  Remedy: ${remedyText(link)}`);
  return withHardBreaks(lines);
}

/** The page title, when it is not the catalogue title (of every citing entry). */
function pageTitleLine(link: ReportLink): string | null {
  if (link.entries.length === 0 || !link.entries.some((e) => titleDiffers(e.title, link.title)))
    return null;
  return `  Page title: “${markdownText(link.title ?? '')}”`;
}

function driftItem(link: ReportLink): string[] {
  const d = link.drift;
  if (!d) return [];
  const lines = [`- ${entriesText(link.entries, link.url)}`, `  URL: ${markdownUrl(link.url)}`];
  const was =
    d.previousTitle !== null && d.previousTitle !== d.title
      ? ` (was “${markdownText(d.previousTitle)}”)`
      : '';
  if (d.title !== null || was) {
    lines.push(`  Page title: “${markdownText(d.title ?? '')}”${was}`);
  }
  lines.push(`  Why: ${markdownText(driftReasonsText(d))}; ${markdownText(driftWhen(d))}.`);
  return withHardBreaks(lines);
}

function remedyText(link: ReportLink): string {
  const remedy = remedyFor(link);
  switch (remedy.kind) {
    case 'new-url':
      return `new URL ${markdownUrl(remedy.url)}`;
    case 'archive':
      return `archived copy ${markdownUrl(remedy.url)} (captured ${markdownText(remedy.date)}, ${markdownText(remedy.source)})`;
    case 'no-archive':
      return `no archived copy (${markdownText(archiveMissText(remedy.reason))})`;
    case 'none':
      return link.status === 'blocked' ? 'look by hand' : 'none known yet';
  }
}

function fixedItem(fixed: FixedLink): string[] {
  return withHardBreaks([
    `- ${entriesText(fixed.entries, fixed.url)}`,
    `  URL: ${markdownUrl(fixed.url)}`,
    `  Was ${statusText(fixed.previousStatus, fixed.previousReason)}, now ${fixed.status}.`,
  ]);
}

/** Lines of one list item, joined by CommonMark hard breaks (a trailing backslash). */
function withHardBreaks(lines: string[]): string[] {
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\\` : line));
}

/** One entry whose page declares other creators, year or container than the catalogue. */
function metadataItem({ link, entry }: { link: ReportLink; entry: ReportEntryRef }): string[] {
  return withHardBreaks([
    `- ${entriesText([entry], link.url)}`,
    `  URL: ${markdownUrl(link.url)}`,
    `  Differs: ${markdownText(differencesLine(link, entry.id))}`,
  ]);
}
