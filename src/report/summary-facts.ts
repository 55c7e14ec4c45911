import type { Report, ReportLink, ReportSource, Verdict } from '../model/index.js';
import { byFailingSinceThenUrl, byUrl, isBroken } from './view.js';

/*
 * What the terminal summary names, gathered in one pass over the links (a million of them, from
 * the store) while holding only the few it shows: the first `max` of each list in its order, and
 * how many there are in all ("... and N more").
 */

/** The first `max` items in `order`, and how many were offered. */
export interface Bounded<T> {
  items: T[];
  count: number;
}

export interface SummaryFacts {
  head: Omit<Report, 'links'>;
  /** Broken links (not those a network-down run could not check), oldest failure first. */
  broken: Bounded<ReportLink>;
  /** Moved links, by URL. */
  moved: Bounded<ReportLink>;
  /** Quiet mode: links whose status is in `failuresOnly`, oldest failure first. */
  failing: Bounded<ReportLink> | null;
  /** Links the address guard refused, and all links (for its hint). */
  guarded: number;
  total: number;
}

export interface FactOptions {
  maxLinks: number;
  failuresOnly?: ReadonlySet<Verdict>;
}

/** Keeps the first `max` items in `order` among those added; memory O(max). */
export function boundedList<T>(max: number, order: (a: T, b: T) => number) {
  let items: T[] = [];
  let count = 0;
  const trim = () => {
    items.sort(order);
    if (items.length > max) items = items.slice(0, max);
  };
  return {
    add(item: T) {
      count++;
      items.push(item);
      if (items.length >= 2 * max + 64) trim();
    },
    done(): Bounded<T> {
      trim();
      return { items, count };
    },
  };
}

function factsBuilder(head: Omit<Report, 'links'>, opts: FactOptions) {
  const broken = boundedList(opts.maxLinks, byFailingSinceThenUrl);
  const moved = boundedList<ReportLink>(opts.maxLinks, byUrl);
  const failing = opts.failuresOnly ? boundedList(opts.maxLinks, byFailingSinceThenUrl) : null;
  let guarded = 0;
  let total = 0;
  let notChecked = 0;
  return {
    add(link: ReportLink) {
      total++;
      const checked = link.reason !== 'network-down';
      if (!checked) notChecked++;
      if (isBroken(link) && checked) broken.add(link);
      if (link.status === 'redirected') moved.add(link);
      if (failing && opts.failuresOnly?.has(link.status) && checked) failing.add(link);
      if (link.status === 'skipped' && link.reason === 'private-address') guarded++;
    },
    done(): SummaryFacts {
      // A report older than `summary.notChecked` is counted from its links.
      const summary = { ...head.summary, notChecked: head.summary.notChecked ?? notChecked };
      return {
        head: { ...head, summary },
        broken: broken.done(),
        moved: moved.done(),
        failing: failing?.done() ?? null,
        guarded,
        total,
      };
    },
  };
}

/** The facts of a streamed report: one pass over its links. */
export async function summaryFactsFrom(
  source: ReportSource,
  opts: FactOptions,
): Promise<SummaryFacts> {
  const builder = factsBuilder(source.head, opts);
  for await (const link of source.links()) builder.add(link);
  return builder.done();
}

/** The facts of a report held whole. */
export function summaryFactsOf(report: Report, opts: FactOptions): SummaryFacts {
  const { links, ...head } = report;
  const builder = factsBuilder(head, opts);
  for (const link of links) builder.add(link);
  return builder.done();
}
