import { publishedIso, toIsoDay } from '../catalogue/dates.js';
import type { Catalogue, Citation } from '../model/index.js';
import { normaliseUrl } from './normalise.js';

/**
 * Every (normalised URL, citation) pair of a loaded catalogue, in file order. The
 * citation's line is the URL's own line, where a CI annotation is most useful.
 */
export function citationsOf(catalogue: Catalogue): { url: string; citation: Citation }[] {
  const out: { url: string; citation: Citation }[] = [];
  const compiled = catalogue.info.compiled;
  for (const entry of catalogue.entries) {
    const publishedAt = publishedIso(entry.date);
    for (const link of entry.links) {
      const url = normaliseUrl(link.url);
      if (url === null) continue; // the loader refuses catalogues with unusable URLs
      const seen = link.accessed ?? entry.accessed ?? compiled;
      const accessedAt = seen === undefined ? undefined : toIsoDay(seen);
      out.push({
        url,
        citation: {
          id: entry.id,
          file: link.file,
          line: link.line,
          title: entry.title,
          section: `${entry.section.number} ${entry.section.title}`,
          ...(accessedAt !== undefined && { accessedAt }),
          ...(publishedAt !== undefined && { publishedAt }),
          ...(entry.creators.trim() !== '' && { creators: entry.creators }),
          ...(entry.container !== undefined && { container: entry.container }),
          ...(entry.date !== undefined && { date: entry.date }),
          ...(link.archive !== undefined && { archive: link.archive }),
          ...(link.fix === false && { fix: false as const }),
          ...(entry.extent?.pages !== undefined && { pages: entry.extent.pages }),
        },
      });
    }
  }
  return out;
}
