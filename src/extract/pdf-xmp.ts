import { parseIsoDate } from './pdf-dates.js';
import { decodeXmlEntities } from './pdf-text.js';

/**
 * Bibliographic properties of an XMP packet (the metadata stream of a PDF): creators, dates
 * and a DOI. A tolerant reader of the RDF/XML forms producers write, with the schemas' usual
 * prefixes (`dc:`, `xmp:`, `prism:`, `pdfx:`, `crossmark:`): a property as an element (simple
 * value, or an `rdf:Seq`/`rdf:Bag`/`rdf:Alt` of `rdf:li`) or as an attribute of
 * `rdf:Description`. Pure; malformed packets give empty answers.
 */

export interface XmpBiblio {
  authors: string[];
  /** `dc:date` (the first one), ISO 8601. */
  date: string | null;
  created: string | null;
  modified: string | null;
  doi: string | null;
}

const REGEX_SPECIAL_CHARS = /[.*+?^${}()|[\]\\]/g;

const escapeRe = (s: string) => s.replace(REGEX_SPECIAL_CHARS, '\\$&');

const CDATA_SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const WHITESPACE_RUNS = /\s+/g;

function clean(raw: string): string {
  return decodeXmlEntities(raw.replace(CDATA_SECTION, '$1')).replace(WHITESPACE_RUNS, ' ').trim();
}

const RDF_LIST_ITEM = /<rdf:li\b[^>]*>([\s\S]*?)<\/rdf:li>/g;
const ANGLE_BRACKET = /</;
const CDATA_SECTION_WHOLE = /<!\[CDATA\[[\s\S]*?\]\]>/g;

/** Every value of property `name` (e.g. `dc:creator`), in document order. */
export function xmpValues(xml: string, name: string): string[] {
  const n = escapeRe(name);
  const out: string[] = [];
  const element = new RegExp(`<${n}(?:\\s[^>]*)?>([\\s\\S]*?)</${n}>`, 'g');
  for (const m of xml.matchAll(element)) {
    const body = m[1] ?? '';
    const items = [...body.matchAll(RDF_LIST_ITEM)];
    if (items.length > 0) for (const it of items) out.push(clean(it[1] ?? ''));
    else if (!ANGLE_BRACKET.test(body.replace(CDATA_SECTION_WHOLE, ''))) out.push(clean(body));
  }
  // Attribute form on an rdf:Description (or any element): name="value".
  const attr = new RegExp(`\\s${n}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
  for (const m of xml.matchAll(attr)) out.push(clean(m[1] ?? m[2] ?? ''));
  return out.filter((v) => v !== '');
}

const DOI = /^10\.\d{4,9}\/\S+$/;

const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*|info:doi\/)/i;
const TRAILING_PUNCTUATION = /[.,;]+$/;
const PERCENT_ESCAPE = /%[0-9a-f]{2}/i;

/** A DOI from `doi:10.x/y`, `https://doi.org/10.x/y`, `info:doi/10.x/y` or bare; else null. */
export function normaliseDoi(raw: string): string | null {
  const s = raw.trim().replace(DOI_PREFIX, '').replace(TRAILING_PUNCTUATION, '');
  let decoded = s;
  try {
    if (PERCENT_ESCAPE.test(s)) decoded = decodeURIComponent(s);
  } catch {
    // keep as written
  }
  return DOI.test(decoded) ? decoded : null;
}

const firstDate = (values: string[]): string | null => {
  for (const v of values) {
    const d = parseIsoDate(v);
    if (d !== null) return d;
  }
  return null;
};

export function xmpBiblio(xml: string): XmpBiblio {
  const doiSources = [
    ...xmpValues(xml, 'prism:doi'),
    ...xmpValues(xml, 'pdfx:doi'),
    ...xmpValues(xml, 'crossmark:DOI'),
    ...xmpValues(xml, 'dc:identifier'),
  ];
  let doi: string | null = null;
  for (const v of doiSources) {
    doi = normaliseDoi(v);
    if (doi !== null) break;
  }
  return {
    authors: [...new Set(xmpValues(xml, 'dc:creator'))],
    date: firstDate(xmpValues(xml, 'dc:date')),
    created: firstDate(xmpValues(xml, 'xmp:CreateDate')),
    modified: firstDate(xmpValues(xml, 'xmp:ModifyDate')),
    doi,
  };
}
