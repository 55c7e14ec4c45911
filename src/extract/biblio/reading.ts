/** What one source of a page (Highwire tags, Dublin Core, JSON-LD...) says, before merging. */

export type BiblioField =
  | 'title'
  | 'authors'
  | 'published'
  | 'modified'
  | 'siteName'
  | 'publisher'
  | 'container'
  | 'doi'
  | 'lang'
  | 'pdfUrl';

/**
 * Candidate values per field, in the source's own order. `authors` holds cleaned names (all
 * of them count); every other field holds raw strings of which the first usable one counts
 * (dates are read, DOIs recognised and URLs checked when merging).
 */
export type Reading = Partial<Record<BiblioField, string[]>>;

/** The sources, named as in docs/extract.md. */
export type BiblioSource =
  | 'highwire'
  | 'jsonld'
  | 'dublincore'
  | 'opengraph'
  | 'prism'
  | 'meta'
  | 'microdata'
  | 'byline'
  | 'time'
  | 'links'
  | 'html';
