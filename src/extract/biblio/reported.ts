/**
 * The report's bibliographic fields for one response: the HTML page's own metadata, or for a
 * PDF what its Info dictionary and XMP say (read by src/extract/pdf*). Pure.
 */
import type { PageMeta } from '../../model/index.js';
import { parseDate } from './dates.js';
import { doiOf } from './doi.js';
import { nameList } from './names.js';

/** Same shape as the history's StoredBiblio (src/model/state.ts). */
export interface ReportedBiblio {
  /** Empty when no source names anyone (an array, never null: one shape for readers). */
  authors: string[];
  published: string | null;
  modified: string | null;
  siteName: string | null;
  publisher: string | null;
  container: string | null;
  doi: string | null;
}

export const NO_BIBLIO: ReportedBiblio = {
  authors: [],
  published: null,
  modified: null,
  siteName: null,
  publisher: null,
  container: null,
  doi: null,
};

const LOGIN_NAME = /^[a-z][a-z0-9._-]{2,}$/;

/**
 * An account name office software writes into a PDF's /Author in place of the author's
 * ("jdupont", "m.dubois2"): one lower-case word. Never a person's name as written on a cover;
 * an organisation rarely writes itself so. Dropped rather than reported as someone.
 */
export function isLoginName(name: string): boolean {
  return LOGIN_NAME.test(name);
}

export function reportedBiblio(meta: Pick<PageMeta, 'biblio' | 'pdf'> | null): ReportedBiblio {
  if (meta === null) return NO_BIBLIO;
  const b = meta.biblio;
  if (b) {
    return {
      authors: b.authors,
      published: b.published,
      modified: b.modified,
      siteName: b.siteName,
      publisher: b.publisher,
      container: b.container,
      doi: b.doi,
    };
  }
  const pdf = meta.pdf;
  if (!pdf) return NO_BIBLIO;
  return {
    ...NO_BIBLIO,
    // The PDF reader splits /Author at ";"; names are cleaned as the page's are ("Dupont,
    // Jean", "A, B and C", "By ...").
    authors: nameList(pdf.authors ?? []).filter((n) => !isLoginName(n)),
    // A PDF's creation date is the nearest thing it has to a publication date.
    published: parseDate(pdf.created),
    modified: parseDate(pdf.modified),
    doi: doiOf(pdf.doi),
  };
}
