import type { Messages } from '../i18n/index.js';
import type { Report, ReportLink, Verdict } from '../model/index.js';
import { driftStatus } from './drift-view.js';
import { escapeHtml as h } from './escape.js';
import { type DigestSection, digestSection, hostOf, rowsOfLink } from './view.js';

/*
 * What the HTML page shows of its links, worked out in one pass (over an array, or over a
 * stream of a million): the digest counts, the values each filter offers, and, above a size
 * limit, a summary of the links that need nothing (ok, skipped) instead of one row each. Failing,
 * moved and drifted links are always listed in full: they are the work.
 */

/** Default of `html.maxOkLinks`: quiet links listed one by one up to this many. */
export const DEFAULT_HTML_MAX_OK_LINKS = 5_000;
/** Sections and hosts named in the summary tables; the rest is one "other" line. */
const SUMMARY_TOP = 100;

export type Change = DigestSection | 'fixed' | 'none';
export type DriftKey = 'drifted' | 'changed' | 'none';

/** Links that need no one: summarised above the limit (a drifted one is never quiet). */
export function isQuiet(link: ReportLink): boolean {
  return (link.status === 'ok' || link.status === 'skipped') && !link.drift;
}

export interface FilterOptions {
  statuses: Set<Verdict>;
  changes: Set<Change>;
  drift: Set<DriftKey>;
  sections: Set<string>;
  hosts: Set<string>;
}

export interface OmittedLinks {
  /** The limit that was passed. */
  limit: number;
  links: number;
  rows: number;
  byStatus: Map<Verdict, number>;
  /** Rows per catalogue section (a link cited in two sections counts in both). */
  bySection: Map<string, number>;
  /** Links per host. */
  byHost: Map<string, number>;
}

export interface PageView {
  /** The table's groups (see `groupOf`) that have rows, for a writer that makes one pass each. */
  groups: Set<number>;
  /** Links per digest section, and the fixed ones (from the report's `fixed`). */
  sections: Record<DigestSection | 'fixed', number>;
  /** Links the address guard refused, and all links: for the page's hint. */
  guarded: number;
  total: number;
  /** Rows the table lists, and the values its filters offer. */
  rows: number;
  options: FilterOptions;
  /** The quiet links not listed, or null when every link is. */
  omitted: OmittedLinks | null;
  /** Whether a link gets its rows in the table. */
  listed(link: ReportLink): boolean;
  changeOf(link: ReportLink): Change;
}

/** Filter keys are never "" (that is the "all" option) and never depend on the language. */
export const NO_SECTION = '(none)';
export const NO_HOST = '(no host)';
export function sectionKey(section: string | null | undefined): string {
  return section || NO_SECTION;
}
export function hostKey(url: string): string {
  return hostOf(url) || NO_HOST;
}
export function driftKey(link: ReportLink): DriftKey {
  return driftStatus(link) ?? 'none';
}

const emptyOptions = (): FilterOptions => ({
  statuses: new Set(),
  changes: new Set(),
  drift: new Set(),
  sections: new Set(),
  hosts: new Set(),
});

/**
 * Builds a PageView from links given one at a time, holding counts and distinct filter values,
 * never the links. `limit`: quiet links listed at most (Infinity lists every link); `groupOf`:
 * the table group of a link (its place in the page's order).
 */
export function pageViewBuilder(
  head: Pick<Report, 'fixed'>,
  limit: number,
  groupOf: (link: ReportLink) => number,
) {
  const fixedUrls = new Set(head.fixed.map((f) => f.url));
  const changeOf = (link: ReportLink): Change =>
    digestSection(link) ?? (fixedUrls.has(link.url) ? 'fixed' : 'none');
  const sections = { new: 0, 'still-broken': 0, moved: 0, fixed: head.fixed.length };
  const work = emptyOptions();
  const quiet = emptyOptions();
  const omitted: OmittedLinks = {
    limit,
    links: 0,
    rows: 0,
    byStatus: new Map(),
    bySection: new Map(),
    byHost: new Map(),
  };
  const workGroups = new Set<number>();
  const quietGroups = new Set<number>();
  let workRows = 0;
  let guarded = 0;
  let total = 0;
  const bump = <K>(map: Map<K, number>, key: K, n = 1) => map.set(key, (map.get(key) ?? 0) + n);
  return {
    add(link: ReportLink): void {
      total++;
      const digest = digestSection(link);
      if (digest) sections[digest]++;
      if (link.status === 'skipped' && link.reason === 'private-address') guarded++;
      const rows = rowsOfLink(link);
      const into = isQuiet(link) ? quiet : work;
      into.statuses.add(link.status);
      into.changes.add(changeOf(link));
      into.drift.add(driftKey(link));
      const host = hostKey(link.url);
      into.hosts.add(host);
      for (const row of rows) into.sections.add(sectionKey(row.entry?.section));
      if (into === work) {
        workGroups.add(groupOf(link));
        workRows += rows.length;
        return;
      }
      quietGroups.add(groupOf(link));
      omitted.links++;
      omitted.rows += rows.length;
      bump(omitted.byStatus, link.status);
      bump(omitted.byHost, host);
      for (const row of rows) bump(omitted.bySection, sectionKey(row.entry?.section));
    },
    done(): PageView {
      const summarise = omitted.links > limit;
      const options = summarise ? work : mergeOptions(work, quiet);
      return {
        groups: summarise ? workGroups : new Set([...workGroups, ...quietGroups]),
        sections,
        guarded,
        total,
        rows: workRows + (summarise ? 0 : omitted.rows),
        options,
        omitted: summarise ? omitted : null,
        listed: (link) => !summarise || !isQuiet(link),
        changeOf,
      };
    },
  };
}

function mergeOptions(a: FilterOptions, b: FilterOptions): FilterOptions {
  return {
    statuses: new Set([...a.statuses, ...b.statuses]),
    changes: new Set([...a.changes, ...b.changes]),
    drift: new Set([...a.drift, ...b.drift]),
    sections: new Set([...a.sections, ...b.sections]),
    hosts: new Set([...a.hosts, ...b.hosts]),
  };
}

/** The view of a report held whole (every link listed unless `limit` says otherwise). */
export function pageViewOf(
  report: Report,
  groupOf: (link: ReportLink) => number,
  limit = Number.POSITIVE_INFINITY,
): PageView {
  const builder = pageViewBuilder(report, limit, groupOf);
  for (const link of report.links) builder.add(link);
  return builder.done();
}

/**
 * The summary of the links not listed: counts per status, per section and per host (the
 * largest first, then one line for the rest), and where the full list is: the files beside the
 * page, named relative to it.
 */
export function omittedHtml(
  omitted: OmittedLinks,
  files: { csv: string | null; json: string },
  m: Messages,
): string {
  const t = m.html.summarised;
  const link = (file: string) => `<a href="${h(encodeURI(file))}">${h(file)}</a>`;
  const where = files.csv
    ? `${h(t.fullList)} ${link(files.csv)} ${h(t.and)} ${link(files.json)}.`
    : `${h(t.fullList)} ${link(files.json)}.`;
  const statuses = [...omitted.byStatus]
    .map(([s, c]) => `${m.verdict[s]} ${m.number(c)}`)
    .join(', ');
  const other = (n: number, what: 'sections' | 'hosts') =>
    what === 'sections' ? t.otherSections(n) : t.otherHosts(n);
  return `<h2 id="summarised">${h(t.heading)}</h2>
<p>${h(t.intro(omitted.links, omitted.rows, omitted.limit))} ${h(t.byStatus(statuses))} ${where}</p>
${countTable(t.bySection, m.html.filter.section, omitted.bySection, (n) => other(n, 'sections'), m)}
${countTable(t.byHost, m.html.filter.host, omitted.byHost, (n) => other(n, 'hosts'), m)}`;
}

function countTable(
  caption: string,
  label: string,
  counts: Map<string, number>,
  others: (n: number) => string,
  m: Messages,
): string {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const rows = sorted
    .slice(0, SUMMARY_TOP)
    .map(([key, count]) => `<tr><td>${h(key)}</td><td>${h(m.number(count))}</td></tr>`);
  const rest = sorted.slice(SUMMARY_TOP);
  if (rest.length > 0) {
    const sum = rest.reduce((s, [, c]) => s + c, 0);
    rows.push(`<tr><td>${h(others(rest.length))}</td><td>${h(m.number(sum))}</td></tr>`);
  }
  return `<table class="summary"><caption>${h(caption)}</caption><thead><tr><th scope="col">${h(label)}</th><th scope="col">${h(m.html.summarised.count)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
