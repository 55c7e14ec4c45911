/**
 * The report's bibliographic fields for one response: the HTML page's own metadata, or for a
 * PDF what its Info dictionary and XMP say (read by src/extract/pdf*). Pure.
 */
import type { PageMeta } from '../../model/index.js';
import { parseDate } from './dates.js';
import { doiOf } from './doi.js';
import { nameList } from './names.js';

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

/**
 * What the PDF reader adds to `PageMeta.pdf` (authors, creation and modification dates, DOI).
 * Read structurally, so this module does not depend on how the PDF side names its other fields.
 */
interface PdfBiblio {
  authors?: readonly string[] | string | null;
  created?: string | null;
  modified?: string | null;
  doi?: string | null;
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
  const pdf = meta.pdf as (PageMeta['pdf'] & PdfBiblio) | null;
  if (!pdf) return NO_BIBLIO;
  const authors = pdf.authors ?? [];
  return {
    ...NO_BIBLIO,
    // A PDF's /Author is one string that may hold several names ("A; B", "A, B and C").
    authors: nameList(typeof authors === 'string' ? [authors] : authors),
    published: typeof pdf.created === 'string' ? parseDate(pdf.created) : null,
    modified: typeof pdf.modified === 'string' ? parseDate(pdf.modified) : null,
    doi: typeof pdf.doi === 'string' ? doiOf(pdf.doi) : null,
  };
}
