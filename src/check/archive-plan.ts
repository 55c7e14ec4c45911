import type { ArchiveRequest } from '../archive/index.js';
import type { LinkState, ReportLink } from '../model/index.js';
import type { LinkObservation } from './engine.js';

/**
 * Dead and moved links get an archived copy proposed; so do failing ones (`error`: timeout,
 * refused, unknown domain...), so that the fallback is ready when the history rule turns them
 * dead. With `lookupAll`, every checked link. The lookup only fills `archive`: whatever the
 * archives answer (or fail to), the link's verdict stays what the check said.
 */
export function needsArchive(link: ReportLink, lookupAll: boolean): boolean {
  // The catalogue already keeps a copy that plays: no lookup (one is looked up if it broke).
  const kept = link.catalogueArchive?.status;
  if (kept === 'ok' || kept === 'unchecked') return false;
  if (link.status === 'dead' || link.status === 'redirected' || link.status === 'error') {
    return true;
  }
  return lookupAll && link.status !== 'skipped';
}

const present = (dates: (string | undefined)[]): string[] =>
  dates.filter((d): d is string => Boolean(d)).sort();

/**
 * The window of the capture the editors saw: before the access date and not before the
 * document's publication.
 *
 * With several citations of one URL (one report line, one proposal), the access date is the
 * latest citing `accessed` (each is the entry's or link's own, else its catalogue's compilation
 * date): the last time an editor confirmed the resource alive, so the capture closest before
 * it is the most recent version known good. Without any, the last time rotwatch saw the link
 * alive. The publication bound is the earliest publication date not after the access date: a
 * capture before it cannot be the document, and a later date that contradicts the access date
 * (another entry's error) must not empty the window.
 */
export function archiveRequestFor(
  link: ReportLink,
  observation: LinkObservation | undefined,
  prior: LinkState | undefined,
): ArchiveRequest {
  const citations = observation?.target.citations ?? [];
  const windowEnd =
    present(citations.map((c) => c.accessedAt)).at(-1) ?? prior?.lastSuccessAt ?? null;
  const published = present(citations.map((c) => c.publishedAt));
  const windowStart =
    (windowEnd === null ? published[0] : published.filter((d) => d <= windowEnd)[0]) ?? null;
  return { url: link.url, windowEnd, windowStart, contentType: contentTypeOf(link) };
}

/**
 * The kind of document to look for. A live answer (ok, or the page a permanent redirect leads
 * to) says it; a dead or failing link's answer is an error page, a home page or a bot wall and
 * says nothing, and the state does not keep the type the link had when alive. Then only an
 * unambiguous extension in the URL's path is trusted; otherwise null (any kind of capture, the
 * judge decides).
 */
function contentTypeOf(link: ReportLink): string | null {
  if (link.contentType && (link.status === 'ok' || link.status === 'redirected')) {
    return link.contentType;
  }
  return typeFromPath(link.url);
}

const HTML_EXTENSION = /\.(?:html?|xhtml)$/;

function typeFromPath(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname.toLowerCase();
  } catch {
    return null;
  }
  if (path.endsWith('.pdf')) return 'application/pdf';
  if (HTML_EXTENSION.test(path)) return 'text/html';
  return null;
}
