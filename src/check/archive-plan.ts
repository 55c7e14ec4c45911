import type { ArchiveRequest } from '../archive/index.js';
import type { LinkState, ReportLink } from '../model/index.js';
import type { LinkObservation } from './engine.js';

/** Dead and moved links get an archived copy proposed; with `lookupAll`, every checked link. */
export function needsArchive(link: ReportLink, lookupAll: boolean): boolean {
  if (link.status === 'dead' || link.status === 'redirected') return true;
  return lookupAll && link.status !== 'skipped';
}

const earliest = (dates: (string | undefined)[]): string | null =>
  dates.filter((d): d is string => Boolean(d)).sort()[0] ?? null;

/**
 * The window of the capture the editors saw: before the access date (the earliest citing
 * entry's `accessed`, else the catalogue's compilation date, else the last time rotwatch saw
 * the link alive) and not before the document's publication.
 */
export function archiveRequestFor(
  link: ReportLink,
  observations: readonly LinkObservation[],
  prior: LinkState | undefined,
): ArchiveRequest {
  const obs = observations.find((o) => o.target.url === link.url);
  const citations = obs?.target.citations ?? [];
  return {
    url: link.url,
    windowEnd: earliest(citations.map((c) => c.accessedAt)) ?? prior?.lastSuccessAt ?? null,
    windowStart: earliest(citations.map((c) => c.publishedAt)),
    contentType:
      link.contentType && link.status !== 'dead' ? link.contentType : guessType(link.url),
  };
}

/** A dead link's own answer says nothing about the document's type; its URL often does. */
function guessType(url: string): string | null {
  return /\.pdf(?:$|[?#])/i.test(url) ? 'application/pdf' : null;
}
