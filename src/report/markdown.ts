import { type Messages, messagesOf } from '../i18n/index.js';
import type {
  Report,
  ReportEntryRef,
  ReportLink,
  ReportSource,
  RunSummaryRecord,
} from '../model/index.js';
import { VERDICTS } from '../model/index.js';
import { markdownCode, markdownText } from './escape.js';
import { driftItem, fixedItem, linkItem, metadataItem } from './markdown-items.js';
import { differencesOf } from './metadata.js';
import {
  brokenCount,
  byFailingSinceThenUrl,
  byUrl,
  type DigestSection,
  digestSection,
  guardHintFor,
  notCheckedText,
} from './view.js';

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
  const gather = digestGatherer(opts);
  for (const link of report.links) gather.add(link);
  const { head, facts } = gather.done(report);
  return renderDigest(head, facts, opts, messagesOf(head));
}

/**
 * The same digest from a stream of links, in one pass: only the items that can fit in
 * `maxLength` are kept per section (and their counts), so a run of a million links never has
 * them all in memory. The digest itself is bounded by `maxLength`.
 */
export async function* markdownChunks(
  source: ReportSource,
  opts: MarkdownOptions = {},
): AsyncGenerator<string> {
  const gather = digestGatherer(opts);
  for await (const link of source.links()) gather.add(link);
  const { head, facts } = gather.done(source.head);
  yield renderDigest(head, facts, opts, messagesOf(head));
}

type ListedSection = DigestSection | 'drift' | 'metadata';
type MetadataRow = { link: ReportLink; entry: ReportEntryRef };

/** What the digest says about the links, gathered in one pass. */
interface DigestFacts {
  /** Per section, the first items in digest order (all that can be shown) and the total. */
  sections: {
    new: { items: ReportLink[]; total: number };
    'still-broken': { items: ReportLink[]; total: number };
    moved: { items: ReportLink[]; total: number };
    drift: { items: ReportLink[]; total: number };
    metadata: { items: MetadataRow[]; total: number };
  };
  notChecked: number;
  guardHint: string | null;
}

/** Fewest characters a listed item takes: no more items than maxLength / this can be shown. */
const MIN_ITEM_CHARS = 40;

function digestGatherer(opts: MarkdownOptions) {
  const keep = Math.ceil((opts.maxLength ?? 60_000) / MIN_ITEM_CHARS);
  const order: Record<ListedSection, (a: never, b: never) => number> = {
    new: byUrl,
    'still-broken': byFailingSinceThenUrl,
    moved: byUrl,
    drift: (a: ReportLink, b: ReportLink) =>
      Number(b.drift?.confirmed) - Number(a.drift?.confirmed) || byUrl(a, b),
    metadata: (a: MetadataRow, b: MetadataRow) => byUrl(a.link, b.link),
  };
  const sections: DigestFacts['sections'] = {
    new: { items: [], total: 0 },
    'still-broken': { items: [], total: 0 },
    moved: { items: [], total: 0 },
    drift: { items: [], total: 0 },
    metadata: { items: [], total: 0 },
  };
  const push = <T>(key: ListedSection, item: T) => {
    const s = sections[key] as { items: T[]; total: number };
    s.total++;
    s.items.push(item);
    // Bounded: sort now and then and drop what can never be shown.
    if (s.items.length >= 2 * keep) {
      s.items.sort(order[key] as (a: T, b: T) => number);
      s.items.length = keep;
    }
  };
  let links = 0;
  let networkDown = 0;
  let guarded = 0;
  return {
    add(link: ReportLink) {
      links++;
      if (link.reason === 'network-down') networkDown++;
      if (link.status === 'skipped' && link.reason === 'private-address') guarded++;
      const section = digestSection(link);
      if (section) push(section, link);
      if (link.drift) push('drift', link);
      for (const entry of link.entries) {
        if (differencesOf(link, entry.id).length > 0) push('metadata', { link, entry });
      }
    },
    done<H extends DigestHead>(head: H): { head: H; facts: DigestFacts } {
      for (const key of Object.keys(sections) as ListedSection[]) {
        const s = sections[key] as { items: unknown[] };
        s.items.sort(order[key] as (a: unknown, b: unknown) => number);
        if (s.items.length > keep) s.items.length = keep;
      }
      const notChecked = head.summary.notChecked ?? networkDown;
      const hint = guardHintFor(guarded, links, messagesOf(head));
      return { head, facts: { sections, notChecked, guardHint: hint } };
    },
  };
}

type DigestHead = ReportSource['head'];

function renderDigest(
  report: DigestHead,
  facts: DigestFacts,
  opts: MarkdownOptions,
  m: Messages,
): string {
  const out: string[] = [];
  out.push(`# ${markdownText(m.digest.title(m.date(report.run.startedAt)))}`, '');
  out.push(...intro(report, facts, m), '');
  out.push(...countsTable(report, facts, m), '');
  const trend = trendLine(report, facts, m);
  if (trend) out.push(trend, '');

  const asOf = report.run.startedAt;
  const { sections } = facts;
  const budget = {
    left: (opts.maxLength ?? 60_000) - out.reduce((n, line) => n + line.length + 1, 0),
    sectionsAfter: sections.metadata.total > 0 ? 5 : 4,
  };
  const list = <T>(
    key: DigestSection | 'fixed' | 'drift' | 'metadata',
    items: { items: T[]; total: number },
    item: (x: T) => string[],
  ) => section(out, budget, key, items, item, m);
  list('new', sections.new, (l) => linkItem(l, asOf, false, m));
  list('still-broken', sections['still-broken'], (l) => linkItem(l, asOf, true, m));
  const fixed = [...report.fixed].sort(byUrl);
  list('fixed', { items: fixed, total: fixed.length }, (x) => fixedItem(x, m));
  list('moved', sections.moved, (l) => linkItem(l, asOf, false, m));
  // Drifted links first (counted), then those changed in this run only.
  list('drift', sections.drift, (l) => driftItem(l, m));
  // Only when something differs: digests of catalogues without such findings stay as they were.
  if (sections.metadata.total > 0) list('metadata', sections.metadata, (x) => metadataItem(x, m));
  return `${out.join('\n').trimEnd()}\n`;
}

/** Broken links of the run, the ones not checked left out. */
function brokenOf(report: DigestHead, facts: DigestFacts): number {
  const s = report.summary;
  return (s.dead ?? 0) + (s.error ?? 0) + (s.blocked ?? 0) - facts.notChecked;
}

function intro(report: DigestHead, facts: DigestFacts, m: Messages): string[] {
  const { run, summary } = report;
  const lines = [
    m.digest.intro({
      run: markdownCode(run.id),
      total: summary.total,
      files: run.catalogues.length,
      broken: brokenOf(report, facts),
      notChecked: notCheckedText(facts.notChecked, m),
      moved: summary.redirected,
      fixed: report.fixed.length,
      drifted: summary.drifted ?? 0,
    }),
  ];
  if (!run.complete) lines.push('', `> ${m.digest.interrupted}`);
  const hint = facts.guardHint;
  if (hint)
    lines.push(
      '',
      `> ${hint.replace('--allow-private-addresses', '`--allow-private-addresses`').replace('check.allowPrivateAddresses: true', '`check.allowPrivateAddresses: true`')}`,
    );
  if (run.network.status === 'down') {
    lines.push(
      '',
      `> ${m.digest.networkDown(run.network.hostsUnreachable, run.network.hostsChecked)}`,
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

function countsTable(report: DigestHead, facts: DigestFacts, m: Messages): string[] {
  // Compared with the last run that checked everything: against a run interrupted after ten
  // links, every count would look like a jump.
  const previous = report.history.findLast(comparable)?.summary;
  const t = m.digest.table;
  const rows = [`| ${t.status} | ${t.links} | ${t.since} |`, '| --- | ---: | ---: |'];
  const n = m.number;
  // Errors the run could not look at are a row of their own: they are not failures.
  const notChecked = facts.notChecked;
  for (const status of VERDICTS) {
    const count = (report.summary[status] ?? 0) - (status === 'error' ? notChecked : 0);
    rows.push(`| ${m.verdict[status]} | ${n(count)} | ${delta(count, previous?.[status])} |`);
  }
  if (notChecked > 0) rows.push(`| ${m.notCheckedLabel} | ${n(notChecked)} |  |`);
  rows.push(
    `| **${t.total}** | **${n(report.summary.total)}** | ${delta(report.summary.total, previous?.total)} |`,
  );
  if (report.summary.drifted !== undefined) {
    rows.push(
      `| ${m.html.contentDrifted} | ${n(report.summary.drifted)} | ${delta(report.summary.drifted, previous?.drifted)} |`,
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
function trendLine(report: DigestHead, facts: DigestFacts, m: Messages): string | null {
  const past = report.history.slice(-TREND_RUNS);
  if (past.length === 0) return null;
  const counts = past.map((r) => {
    const down = r.network === 'down';
    const count = brokenCount(r.summary, down);
    // A run that could not look at its links has no broken count to compare.
    if (count === null) return m.notCheckedLabel;
    if (comparable(r)) return m.number(count);
    const notChecked = r.summary.notChecked ?? 0;
    return `${m.number(count)} (${down ? m.digest.trendDown(notChecked) : m.digest.trendInterrupted})`;
  });
  const notCheckedNow = facts.notChecked;
  counts.push(
    `**${m.number(brokenOf(report, facts))}**${notCheckedNow > 0 ? ` (${m.digest.trendDown(notCheckedNow)})` : ''}`,
  );
  return m.digest.trend(counts.length, counts.join(' \u2192 '));
}

function section<T>(
  out: string[],
  budget: { left: number; sectionsAfter: number },
  key: DigestSection | 'fixed' | 'drift' | 'metadata',
  { items, total }: { items: T[]; total: number },
  item: (x: T) => string[],
  m: Messages,
) {
  const push = (...lines: string[]) => {
    out.push(...lines);
    budget.left -= lines.reduce((n, line) => n + line.length + 1, 0);
  };
  const title =
    key === 'metadata' ? m.metadata.title : key === 'drift' ? m.drift.title : m.section[key];
  push(`## ${title} (${m.number(total)})`, '');
  if (total === 0) push(m.digest.none, '');
  let shown = 0;
  for (const x of items) {
    const lines = item(x);
    const size = lines.reduce((n, line) => n + line.length + 1, 0);
    if (size + SECTION_RESERVE * (budget.sectionsAfter + 1) > budget.left) break;
    push(...lines);
    shown++;
  }
  if (shown < total) {
    push(`- ${m.digest.more(total - shown)}`);
  }
  if (total > 0) push('');
  budget.sectionsAfter--;
}
