/**
 * The <meta>-based sources, each read on its own into a Reading: Highwire/Google Scholar,
 * Dublin Core, Open Graph, PRISM, plain <meta name>, microdata, rel="author" bylines, the
 * article header's <time>, and DOI links of the head. Pure.
 */
import type { Collected } from './collect.js';
import { doiOfLink } from './doi.js';
import { isUrlLike, looksLikePerson, nameList } from './names.js';
import type { BiblioField, BiblioSource, Reading } from './reading.js';

type Metas = Collected['metas'];

/** The first keys that have values, all their values in order. */
function values(metas: Metas, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) out.push(...(metas.get(key) ?? []));
  return out;
}

/** A Reading from a table of field -> meta keys (in the source's own order of preference). */
function fromKeys(metas: Metas, table: Partial<Record<BiblioField, readonly string[]>>): Reading {
  const reading: Reading = {};
  if (metas.size === 0) return reading; // most pages: nothing to look up
  for (const [field, keys] of Object.entries(table) as [BiblioField, readonly string[]][]) {
    const found = values(metas, keys);
    if (found.length === 0) continue;
    reading[field] = field === 'authors' ? nameList(found) : found;
  }
  if (reading.authors?.length === 0) delete reading.authors;
  return reading;
}

/** Google Scholar's tags, as Highwire Press wrote them; the best-kept on scholarly sites. */
function highwire(m: Metas): Reading {
  return fromKeys(m, {
    title: ['citation_title'],
    // One tag per author; some sites put all of them in "citation_authors".
    authors: ['citation_author', 'citation_authors'],
    published: ['citation_publication_date', 'citation_date', 'citation_online_date'],
    container: [
      'citation_journal_title',
      'citation_conference_title',
      'citation_book_title',
      'citation_series_title',
      'citation_technical_report_institution',
    ],
    publisher: ['citation_publisher', 'citation_dissertation_institution'],
    doi: ['citation_doi'],
    pdfUrl: ['citation_pdf_url'],
    lang: ['citation_language'],
  });
}

/** Dublin Core, "DC." and "DCTERMS." prefixes in any case (keys arrive lower-cased). */
function dublinCore(m: Metas): Reading {
  return fromKeys(m, {
    title: ['dc.title', 'dcterms.title'],
    authors: ['dc.creator', 'dcterms.creator', 'dc.creator.personalname', 'dc.contributor.author'],
    published: [
      'dcterms.issued',
      'dc.date.issued',
      'dcterms.date',
      'dc.date',
      'dcterms.created',
      'dc.date.created',
    ],
    modified: ['dcterms.modified', 'dc.date.modified'],
    publisher: ['dc.publisher', 'dcterms.publisher'],
    container: ['dcterms.ispartof', 'dc.relation.ispartof', 'dc.source', 'dcterms.source'],
    doi: ['dc.identifier', 'dcterms.identifier', 'dc.identifier.doi'],
    lang: ['dc.language', 'dcterms.language'],
  });
}

/** Open Graph; `article:author` is often a profile URL, which names nobody. */
function openGraph(m: Metas): Reading {
  const reading = fromKeys(m, {
    title: ['og:title'],
    authors: ['article:author', 'og:article:author', 'book:author'],
    published: ['article:published_time', 'og:article:published_time', 'book:release_date'],
    modified: ['article:modified_time', 'og:article:modified_time', 'og:updated_time'],
    siteName: ['og:site_name'],
    lang: ['og:locale'],
  });
  if (reading.lang) reading.lang = reading.lang.map((l) => l.replace('_', '-'));
  return reading;
}

/** PRISM (publishers' metadata), found beside Highwire tags. */
function prism(m: Metas): Reading {
  return fromKeys(m, {
    published: ['prism.publicationdate', 'prism:publicationdate'],
    modified: ['prism.modificationdate', 'prism:modificationdate'],
    container: ['prism.publicationname', 'prism:publicationname'],
    doi: ['prism.doi', 'prism:doi'],
  });
}

/** The plain <meta name> conventions of CMSs and news sites. */
function plainMeta(m: Metas): Reading {
  return fromKeys(m, {
    authors: ['author', 'byl', 'sailthru.author', 'parsely-author', 'article.author'],
    published: [
      'article:published',
      'publish-date',
      'publish_date',
      'publication_date',
      'pubdate',
      'date',
      'parsely-pub-date',
      'sailthru.date',
    ],
    modified: ['last-modified', 'revised', 'article:modified'],
    siteName: ['application-name', 'apple-mobile-web-app-title'],
    publisher: ['publisher'],
    doi: ['doi', 'citation.doi', 'bepress_citation_doi'],
    lang: ['language', 'http-equiv:content-language'],
  });
}

/** Microdata (itemprop="...") outside JSON-LD. */
function microdata(m: Metas): Reading {
  return fromKeys(m, {
    authors: ['itemprop:author'],
    published: ['itemprop:datepublished', 'itemprop:datecreated'],
    modified: ['itemprop:datemodified'],
    title: ['itemprop:headline'],
  });
}

const WHITESPACE_RUN = /\s+/;

/** DOI links of the document: `<link rel="cite-as">` first, then any doi.org `<link>`. */
function doiLinks(links: Collected['links']): Reading {
  const ordered = [
    ...links.filter((l) => l.rel.split(WHITESPACE_RUN).includes('cite-as')),
    ...links.filter((l) => !l.rel.split(WHITESPACE_RUN).includes('cite-as')),
  ];
  for (const link of ordered) {
    const doi = doiOfLink(link.href);
    if (doi !== null) return { doi: [doi] };
  }
  return {};
}

/** Every source but JSON-LD (read by jsonld.ts), by name. */
export function metaSources(doc: Collected): Partial<Record<BiblioSource, Reading>> {
  const m = doc.metas;
  // rel="author" links name people by design; a classed byline only when every name in it
  // reads as a person's ("Par Jean Dupont", not "Publié dans Actualités le 3 mai").
  const linked = nameList(doc.relAuthors.filter((t) => !isUrlLike(t)));
  const classed = doc.classByline === null ? [] : nameList([doc.classByline]);
  const byline =
    linked.length > 0
      ? linked
      : classed.length > 0 && classed.every(looksLikePerson)
        ? classed
        : [];
  return {
    highwire: highwire(m),
    dublincore: dublinCore(m),
    opengraph: openGraph(m),
    prism: prism(m),
    meta: plainMeta(m),
    microdata: microdata(m),
    byline: byline.length > 0 ? { authors: byline } : {},
    time: doc.headerTime !== null ? { published: [doc.headerTime] } : {},
    links: doiLinks(doc.links),
    html: doc.htmlLang !== null ? { lang: [doc.htmlLang] } : {},
  };
}
