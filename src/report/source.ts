import type { Report, ReportLink, ReportSource } from '../model/index.js';

/**
 * An in-memory report as a source the streaming writers read: the head is the report without
 * its links (same key order), and `links()` can be read as often as a writer needs.
 */
export function reportSourceOf(report: Report): ReportSource {
  const { links, ...head } = report;
  return sourceOf(head, links);
}

/** A head and its links held in memory, as a source (`links()` read as often as needed). */
export function sourceOf(head: ReportSource['head'], links: readonly ReportLink[]): ReportSource {
  return { head, links: () => arrayIterator(links) };
}

/**
 * The items of an array as an async iterator. Not an async generator: the writers read every
 * link once per pass, and a generator's frames cost three times as much (~15 ms for the seven
 * passes over 10,000 links).
 */
function arrayIterator<T>(items: readonly T[]): AsyncIterableIterator<T> {
  let i = 0;
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () =>
      Promise.resolve(
        i < items.length
          ? { value: items[i++] as T, done: false }
          : { value: undefined, done: true as const },
      ),
  };
  return iterator;
}

/**
 * Links kept in memory by `memoSource`, at most: about 1.5 KB each once decoded, so ~30 MB at
 * the limit, while the report files of such a run take well under a second to write.
 */
export const MEMO_MAX_LINKS = 20_000;

/**
 * A source that keeps its links in memory after the first complete read, when there are at
 * most `maxLinks`. The writers read the links once per pass (eight passes for every format)
 * and each read from the store decodes every link again: for a run of ordinary size that
 * decoding was most of the time it took to write the reports. Above the limit nothing is kept
 * and every pass reads the store, so memory stays bounded whatever the catalogue's size.
 * Readers must not change the links (the in-memory reports already share them the same way).
 */
export function memoSource(source: ReportSource, maxLinks = MEMO_MAX_LINKS): ReportSource {
  let kept: ReportLink[] | null = null;
  let tooMany = false;
  return {
    head: source.head,
    async *links() {
      if (kept) {
        yield* kept;
        return;
      }
      let reading: ReportLink[] | null = tooMany ? null : [];
      for await (const link of source.links()) {
        if (reading && reading.length >= maxLinks) {
          reading = null;
          tooMany = true;
        }
        reading?.push(link);
        yield link;
      }
      // Only a read to the end is the whole list (a reader may stop early).
      if (reading) kept = reading;
    },
  };
}

/** A source or an in-memory report, for callers that have either. */
export function toSource(report: Report | ReportSource): ReportSource {
  return isReportSource(report) ? report : reportSourceOf(report);
}

export function isReportSource(value: Report | ReportSource): value is ReportSource {
  return 'head' in value && typeof (value as ReportSource).links === 'function';
}

/** Reads every link of a source into memory: for the small reports of tests and the CLI. */
export async function collectReport(source: ReportSource): Promise<Report> {
  const links: ReportLink[] = [];
  for await (const link of source.links()) links.push(link);
  return withLinks(source.head, links);
}

/** The head with its links put back where the contract places them (after `summary`). */
export function withLinks(head: ReportSource['head'], links: ReportLink[]): Report {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(head)) {
    out[key] = value;
    if (key === 'summary') out.links = links;
  }
  if (!('links' in out)) out.links = links;
  return out as unknown as Report;
}
