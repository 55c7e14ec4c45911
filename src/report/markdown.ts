import { type Messages, messagesOf } from '../i18n/index.js';
import type { Report, ReportEntryRef, ReportLink, ReportSource } from '../model/index.js';
import { markdownText } from './escape.js';
import { type DigestHead, digestHeadLines } from './markdown-head.js';
import { driftItem, fixedItem, linkItem, metadataItem } from './markdown-items.js';
import { differencesOf } from './metadata.js';
import {
  byFailingSinceThenUrl,
  byUrl,
  type DigestSection,
  digestSection,
  guardHintFor,
} from './view.js';

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

function renderDigest(
  report: DigestHead,
  facts: DigestFacts,
  opts: MarkdownOptions,
  m: Messages,
): string {
  const out: string[] = [];
  out.push(`# ${markdownText(m.digest.title(m.date(report.run.startedAt)))}`, '');
  out.push(...digestHeadLines(report, facts, m));

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
