import type { Report, ReportLink, ReportSource } from '../model/index.js';

/**
 * An in-memory report as a source the streaming writers read: the head is the report without
 * its links (same key order), and `links()` can be read as often as a writer needs.
 */
export function reportSourceOf(report: Report): ReportSource {
  const { links, ...head } = report;
  return {
    head,
    async *links() {
      yield* links;
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
