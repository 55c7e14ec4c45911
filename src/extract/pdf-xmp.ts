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

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function clean(raw: string): string {
  return decodeXmlEntities(raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1'))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every value of property `name` (e.g. `dc:creator`), in document order. */
export function xmpValues(xml: string, name: string): string[] {
  const n = escapeRe(name);
  const out: string[] = [];
  const element = new RegExp(`<${n}(?:\\s[^>]*)?>([\\s\\S]*?)</${n}>`, 'g');
  for (const m of xml.matchAll(element)) {
    const body = m[1] ?? '';
    const items = [...body.matchAll(/<rdf:li\b[^>]*>([\s\S]*?)<\/rdf:li>/g)];
    if (items.length > 0) for (const it of items) out.push(clean(it[1] ?? ''));
    else if (!/</.test(body.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''))) out.push(clean(body));
  }
  // Attribute form on an rdf:Description (or any element): name="value".
  const attr = new RegExp(`\\s${n}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
  for (const m of xml.matchAll(attr)) out.push(clean(m[1] ?? m[2] ?? ''));
  return out.filter((v) => v !== '');
}

const DOI = /^10\.\d{4,9}\/\S+$/;

/** A DOI from `doi:10.x/y`, `https://doi.org/10.x/y`, `info:doi/10.x/y` or bare; else null. */
export function normaliseDoi(raw: string): string | null {
  const s = raw
    .trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*|info:doi\/)/i, '')
    .replace(/[.,;]+$/, '');
  let decoded = s;
  try {
    if (/%[0-9a-f]{2}/i.test(s)) decoded = decodeURIComponent(s);
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
