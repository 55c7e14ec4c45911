/**
 * The order of trust: for each field, the sources in the order their value is taken. The
 * first source with a usable value wins; a later source never overrides it, but a date may be
 * made more precise by a later source that agrees with it ("2019" + "2019-03-12" -> the
 * latter). Documented in docs/extract.md; change both together.
 */
import type { PageBiblio } from '../../model/index.js';
import { cleanTitle } from '../fold.js';
import { parseDate } from './dates.js';
import { doiOf } from './doi.js';
import type { BiblioField, BiblioSource, Reading } from './reading.js';

export const TRUST: Readonly<Record<BiblioField, readonly BiblioSource[]>> = {
  title: ['highwire', 'jsonld', 'dublincore', 'opengraph', 'microdata'],
  authors: ['highwire', 'jsonld', 'dublincore', 'meta', 'opengraph', 'microdata', 'byline'],
  published: [
    'highwire',
    'jsonld',
    'dublincore',
    'prism',
    'opengraph',
    'microdata',
    'meta',
    'time',
  ],
  modified: ['jsonld', 'opengraph', 'dublincore', 'prism', 'microdata', 'meta'],
  siteName: ['opengraph', 'jsonld', 'meta'],
  publisher: ['highwire', 'jsonld', 'dublincore', 'meta'],
  container: ['highwire', 'prism', 'jsonld', 'dublincore'],
  doi: ['highwire', 'prism', 'dublincore', 'jsonld', 'meta', 'links'],
  lang: ['html', 'dublincore', 'highwire', 'jsonld', 'meta', 'opengraph'],
  pdfUrl: ['highwire'],
};

const UNDERSCORES = /_/g;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8}){0,3}$/i;

/** A language tag as BCP 47 writes it ("fr", "fr-FR", "zh-Hant-TW"); anything else is null. */
function langOf(raw: string): string | null {
  const t = raw.trim().replace(UNDERSCORES, '-');
  return LANGUAGE_TAG.test(t) ? t : null;
}

function httpUrlOf(raw: string, base: string): string | null {
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** One raw candidate -> the field's normalised value, or null when it is unusable. */
function normalised(field: BiblioField, raw: string, base: string): string | null {
  switch (field) {
    case 'published':
    case 'modified':
      return parseDate(raw);
    case 'doi':
      return doiOf(raw);
    case 'lang':
      return langOf(raw);
    case 'pdfUrl':
      return httpUrlOf(raw, base);
    default:
      return cleanTitle(raw);
  }
}

type Readings = Partial<Record<BiblioSource, Reading>>;

function pick(
  field: Exclude<BiblioField, 'authors'>,
  readings: Readings,
  base: string,
): { value: string; from: BiblioSource } | null {
  let chosen: { value: string; from: BiblioSource } | null = null;
  for (const source of TRUST[field]) {
    for (const raw of readings[source]?.[field] ?? []) {
      const value = normalised(field, raw, base);
      if (value === null) continue;
      if (chosen === null) chosen = { value, from: source };
      else if (isDate(field) && value.length > chosen.value.length) {
        // Refinement only: the more precise date must agree on every part the first gave.
        if (value.startsWith(chosen.value)) chosen = { value, from: chosen.from };
      }
      if (!isDate(field)) return chosen;
      break; // one value per source for dates: its first readable one
    }
  }
  return chosen;
}

function isDate(field: BiblioField): boolean {
  return field === 'published' || field === 'modified';
}

const SINGLE_FIELDS = [
  'title',
  'published',
  'modified',
  'siteName',
  'publisher',
  'container',
  'doi',
  'lang',
  'pdfUrl',
] as const;

/** The page's bibliographic metadata from every source's reading. Pure. */
export function mergeReadings(readings: Readings, base: string): PageBiblio {
  const biblio: PageBiblio = {
    title: null,
    authors: [],
    published: null,
    modified: null,
    siteName: null,
    publisher: null,
    container: null,
    doi: null,
    lang: null,
    pdfUrl: null,
    from: {},
  };
  for (const source of TRUST.authors) {
    const names = readings[source]?.authors ?? [];
    if (names.length === 0) continue;
    biblio.authors = names;
    biblio.from.authors = source;
    break;
  }
  for (const field of SINGLE_FIELDS) {
    const got = pick(field, readings, base);
    if (got === null) continue;
    biblio[field] = got.value;
    biblio.from[field] = got.from;
  }
  return biblio;
}
