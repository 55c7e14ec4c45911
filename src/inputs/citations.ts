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
  // A large catalogue has many entries and few sections and access dates: one string each,
  // shared by its citations, rather than one built per citation.
  const shared = new Map<string, string>();
  const intern = (s: string): string => {
    const had = shared.get(s);
    if (had !== undefined) return had;
    shared.set(s, s);
    return s;
  };
  for (const entry of catalogue.entries) {
    const publishedAt = publishedIso(entry.date);
    for (const link of entry.links) {
      const url = normaliseUrl(link.url);
      if (url === null) continue; // the loader refuses catalogues with unusable URLs
      const seen = link.accessed ?? entry.accessed ?? compiled;
      const day = seen === undefined ? undefined : toIsoDay(seen);
      const accessedAt = day === undefined ? undefined : intern(day);
      out.push({
        url,
        citation: {
          id: entry.id,
          file: link.file,
          line: link.line,
          title: entry.title,
          section: intern(`${entry.section.number} ${entry.section.title}`),
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
