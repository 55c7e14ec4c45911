/**
 * The HTML page's texts in English (labels, filters, table headers, the chart, the summary of
 * quiet links): the reference for fr-html.ts, which must fill each key (`HtmlMessages`).
 */
import { formatters } from './format.js';

const f = formatters('en');

export const enHtml = {
  title: (date: string) => `Link health, ${date}`,
  runLine: (id: string, from: string, to: string, version: string, files: number) =>
    `Run ${id}, ${from} to ${to}, rotwatch ${version}, ${f.count(files, 'catalogue file', 'catalogue files')}.`,
  total: 'total',
  broken: 'broken',
  contentDrifted: 'content drifted',
  chartTitle: 'Link health over past runs',
  legendNotChecked: 'not checked (network down: dashed bar)',
  wasNow: (was: string, now: string) => `was ${was}, now ${now}`,
  links: 'Links',
  rows: (n: number) => `${f.number(n)} rows`,
  /** Filled in by the page's script: {shown} and {total} are replaced. */
  rowsShownTemplate: '{shown} of {total} rows shown',
  filter: {
    status: 'Status',
    change: 'Change',
    section: 'Section',
    host: 'Host',
    text: 'Text',
    all: 'all',
    none: '(none)',
    noHost: '(invalid URL)',
    placeholder: 'title, id, URL, reason',
  },
  column: {
    status: 'Status',
    change: 'Change',
    entry: 'Entry',
    section: 'Section',
    fileLine: 'File:line',
    host: 'Host',
    url: 'URL',
    reason: 'Reason',
    remedy: 'Remedy',
    brokenFor: 'Broken for',
  },
  page: 'page',
  pageTitle: 'Page title',
  noEntry: '(no entry)',
  now: 'now',
  chart: {
    label: (runs: number) => `Link health over ${f.count(runs, 'run', 'runs')}`,
    thisRun: 'this run',
    networkDown: 'network down',
    interrupted: 'interrupted',
    noLinks: 'no links',
  },
  /** Above `html.maxOkLinks` quiet links, the page counts them instead of listing them. */
  summarised: {
    heading: 'Links that need nothing (counted, not listed)',
    intro: (links: number, rows: number, limit: number) =>
      `${f.count(links, 'link', 'links')} (${f.count(rows, 'row', 'rows')}) answered ok or were skipped: above ${f.number(limit)} such links the page counts them instead of listing them.`,
    byStatus: (parts: string) => `By status: ${parts}.`,
    fullList: 'Every link, with its rows, is in',
    and: 'and',
    bySection: 'By catalogue section (rows)',
    byHost: 'By host (links)',
    count: 'Count',
    otherSections: (n: number) => f.count(n, 'other section', 'other sections'),
    otherHosts: (n: number) => f.count(n, 'other host', 'other hosts'),
  },
};

export type HtmlMessages = typeof enHtml;
