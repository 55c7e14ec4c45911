/**
 * Bibliographic metadata of an HTML page, read as a reference manager reads it. Our own small
 * extractor over the document html.ts already parsed (why not metascraper: docs/extract.md).
 */
import type { PageBiblio } from '../../model/index.js';
import { collect, type DomNode } from './collect.js';
import { readJsonLd } from './jsonld.js';
import { mergeReadings } from './merge.js';
import { metaSources } from './sources.js';

export { parseDate, precisionOf, yearOf } from './dates.js';
export { doiOf, doiOfLink } from './doi.js';
export { TRUST } from './merge.js';
export { cleanName, isOrganisation, isUrlLike, nameList, splitNames } from './names.js';

/**
 * Reads the document rooted at `root` (a domhandler/cheerio root node); `base` resolves
 * relative URLs. Pure; never throws on any document.
 */
export function readBiblio(root: unknown, base: string): PageBiblio {
  const doc = collect(root as DomNode);
  return mergeReadings({ ...metaSources(doc), jsonld: readJsonLd(doc.jsonLd) }, base);
}
