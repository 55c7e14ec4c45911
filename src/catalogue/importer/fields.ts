/**
 * One citation "CREATORS. Title. Container, date, extent." -> fields. Pure, never throws; a
 * citation it cannot split keeps its whole text as title.
 */
import type { FuzzyDate } from '../../model/index.js';
import { FRENCH_MONTH_PATTERN, FRENCH_MONTHS, fold } from './text.js';
import type { EntryFields } from './types.js';

const DATE_RE = new RegExp(
  `^(?:(?:mise? (?:à|a) jour|mise en ligne|publié)(?: le)?\\s+)?(?:(\\d{1,2})(?:er)?\\s+)?(?:(${FRENCH_MONTH_PATTERN})\\s+)?(\\d{4})(?:/\\d+)?$`,
  'i',
);
const EXTENT_RE =
  /^(?:\(?(?:\d+\s*(?:p\.?|pages?)|pp?\.?\s*\d+\s*(?:[-–]|à)\s*\d+|pages?\s+\d+\s*(?:[-–]|à)\s*\d+)\)?|(?:durée\s*:\s*)?\d+\s*h\s*\d*\s*(?:min(?:utes)?)?|(?:durée\s*:\s*)?\d+\s*min(?:utes)?(?:\s*\d+)?|(?:durée\s*:\s*)?\d+\s*['’]\s*\d*)$/i;

const ABBREVIATION_BEFORE_DOT = /\b(?:n°|p|pp|vol|éd|ed|dir|coll|st|dr|mr|m)$/i;
const TRAILING_INITIAL = /(?:^|[\s,])[A-Z]$/;
const TRAILING_DOTS_AND_SPACE = /\.+\s*$/;
// Stateful (g, used with exec): splitSentences resets lastIndex before its loop.
const SENTENCE_END = /\.+\s+|\s+\.\s+/g;

/** Where the creators end: the first ". " that is not an initial followed by a comma. */
function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    const before = text.slice(start, m.index);
    // "n°", "p", "pp", "Vol" abbreviations are not sentence ends
    if (ABBREVIATION_BEFORE_DOT.test(before)) continue;
    // an initial ("ZAYTSEVA A. E-santé"): keep the full stop with the name
    const piece = TRAILING_INITIAL.test(before) ? `${before}.` : before;
    out.push(piece.trim());
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).replace(TRAILING_DOTS_AND_SPACE, '').trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}

const WHITESPACE_RUNS = /\s+/g;

export function parseDate(piece: string): FuzzyDate | null {
  const t = piece.trim().replace(WHITESPACE_RUNS, ' ');
  const m = DATE_RE.exec(t);
  if (!m) return null;
  const date: FuzzyDate = { text: t, year: Number(m[3]) };
  if (m[2]) {
    const month = FRENCH_MONTHS[fold(m[2])];
    if (month) date.month = month;
    if (m[1]) date.day = Number(m[1]);
  }
  return date;
}

const PAGE_COUNT = /^\(?(\d+)\s*(?:p\.?|pages?)\)?$/i;

export function parseExtent(piece: string): { text: string; pages?: number } | null {
  const t = piece.trim().replace(WHITESPACE_RUNS, ' ');
  if (!EXTENT_RE.test(t)) return null;
  const pages = PAGE_COUNT.exec(t);
  return pages ? { text: t, pages: Number(pages[1]) } : { text: t };
}

const QUESTION_TITLE = /^(.*?[?!])\s+(.+)$/;
const COMMA_SEPARATOR = /,\s*/;

/** Split a tail "?"/"!" title end only when a date or container+date follows. */
function splitQuestionTitle(sentence: string): [string, string] | null {
  const m = QUESTION_TITLE.exec(sentence);
  if (!m) return null;
  const after = m[2]!;
  const pieces = after.split(COMMA_SEPARATOR);
  if (pieces.some((p) => parseDate(p) || parseExtent(p))) return [m[1]!, after];
  return null;
}

const QUESTION_OR_EXCLAMATION = /[?!]/;
const TRAILING_DOT = /\.$/;
const OPENING_GUILLEMET = /^«/;
const CITATION_FIELD_SEPARATOR = /,\s+|\s+(?=\()/;
const TRAILING_PAGE_ABBREVIATION = /\bp$/;
const SPACE_BEFORE_FINAL_DOT = /\s+\.$/;
const TRAILING_SPACE_AND_DOTS = /\s*\.+$/;
const SPACE_BEFORE_HIGH_PUNCTUATION = /\s+([?!:;])/g;

export function parseCitation(citation: string): EntryFields {
  const text = citation.replace(WHITESPACE_RUNS, ' ').trim();
  let sentences = splitSentences(text);
  let creators = sentences[0] ?? text;
  sentences = sentences.slice(1);
  // "DUBASQUE Didier, Tous connectés ? ...": names never hold a question, so a comma was used
  // where a full stop belonged
  const comma = creators.indexOf(', ');
  if (QUESTION_OR_EXCLAMATION.test(creators) && comma > 0) {
    sentences = [creators.slice(comma + 2), ...sentences];
    creators = creators.slice(0, comma);
  }
  // "HEALTH DATA HUB. 2020.": a site name and a date
  if (sentences.length === 1 && parseDate(sentences[0]!)) {
    const title = creators.replace(TRAILING_DOT, '');
    const date = parseDate(sentences[0]!)!;
    return { creators: title, title, date, medium: 'website' };
  }
  if (sentences.length === 0) {
    // a bare site name ("covidtracker.fr", "Solidarité Numérique.")
    const title = creators.replace(TRAILING_DOT, '');
    return { creators: title, title, medium: 'website' };
  }
  let title = sentences[0]!;
  let tail = sentences.slice(1);
  const q = splitQuestionTitle(title);
  if (q) {
    title = q[0];
    tail = [q[1], ...tail];
  }
  // quoted or long middle sentences continue the title ("Feuille de route. « Accélérer ... »")
  while (tail.length > 1 && (OPENING_GUILLEMET.test(tail[0]!) || isTitleLike(tail[0]!))) {
    title = `${title}. ${tail[0]}`;
    tail = tail.slice(1);
  }
  if (tail.length === 1 && OPENING_GUILLEMET.test(tail[0]!) && !tail[0]!.includes(',')) {
    title = `${title}. ${tail[0]}`;
    tail = [];
  }
  const q2 = tail.length === 0 ? splitQuestionTitle(title) : null;
  if (q2) {
    title = q2[0];
    tail = [q2[1]];
  }

  const containerParts: string[] = [];
  let date: FuzzyDate | undefined;
  let extent: { text: string; pages?: number } | undefined;
  let genre: string | undefined;
  for (const sentence of tail) {
    const pieces: string[] = [];
    for (const raw of sentence.split(CITATION_FIELD_SEPARATOR)) {
      const prev = pieces.length - 1;
      // a parenthesis that is not a page range belongs to the piece before it
      if (prev >= 0 && raw.startsWith('(') && !parseExtent(raw.replace(TRAILING_DOT, '')))
        pieces[prev] = `${pieces[prev]} ${raw}`;
      else pieces.push(raw);
    }
    for (const raw of pieces) {
      const piece = raw.trim().replace(TRAILING_DOT, '');
      if (!piece) continue;
      if (GENRES.test(piece)) {
        genre = piece;
        continue;
      }
      const d = date ? null : parseDate(piece);
      if (d) {
        date = d;
        continue;
      }
      const x = parseExtent(piece);
      if (x && TRAILING_PAGE_ABBREVIATION.test(x.text) && text.includes(`${x.text}.`))
        x.text += '.';
      if (x) {
        extent = extent ? { ...extent, text: `${extent.text} ${x.text}` } : x;
        continue;
      }
      // "Mars 2017, 79 pages" may also arrive as "mars 2017 79 pages" - leave as container
      containerParts.push(piece);
    }
  }
  creators = creators.replace(SPACE_BEFORE_FINAL_DOT, '').trim();
  title = title
    .replace(TRAILING_SPACE_AND_DOTS, '')
    .replace(SPACE_BEFORE_HIGH_PUNCTUATION, ' $1')
    .trim();
  const fields: EntryFields = { creators, title, medium: 'web-page' };
  if (containerParts.length) fields.container = containerParts.join(', ');
  if (date) fields.date = date;
  if (extent) fields.extent = extent;
  fields.medium = guessMedium(fields, text, genre);
  return fields;
}

const WHITESPACE_RUN = /\s+/;

function isTitleLike(sentence: string): boolean {
  if (sentence.split(',').some((p) => parseDate(p.trim()) || parseExtent(p.trim()))) return false;
  return sentence.split(WHITESPACE_RUN).length >= 6;
}

/** Pieces that say what kind of document it is rather than where it appeared. */
const GENRES = /^(rapport|enquête|communiqué de presse|étude)$/i;

const RADIO =
  /france inter|france culture|franceculture|podcast|welcast|les pieds sur terre|soft power|secrets d.info|radio|santé 1ère/i;

const COMMUNIQUE_WORD = /communiqué/i;
const DURATION_MARK = /min|'|’|h/;
const YOUTUBE_WORD = /you ?tube/i;
const PRESS_RELEASE_WORDS = /communiqué de presse/i;
const ISSUE_OR_PAGES = /\bn°\s*\d|pp\.\s*\d/i;
const PUBLISHER_WORD = /\b(presses|éditions|editions)\b/i;
const REPORT_WORD = /rapport|enquête|étude|livre blanc/i;

/** A first guess from the citation alone; the importer refines it with the note label. */
export function guessMedium(f: EntryFields, text: string, genre?: string): string {
  const all = `${f.container ?? ''} ${text}`;
  if (genre && COMMUNIQUE_WORD.test(genre)) return 'press-release';
  const duration = f.extent && !f.extent.pages && DURATION_MARK.test(f.extent.text);
  if (YOUTUBE_WORD.test(all)) return 'video';
  if (duration && RADIO.test(all)) return 'podcast';
  if (duration) return 'video';
  if (PRESS_RELEASE_WORDS.test(all)) return 'press-release';
  if (ISSUE_OR_PAGES.test(all)) return 'article';
  if (PUBLISHER_WORD.test(all) && f.extent?.pages) return 'book';
  if (f.extent?.pages) return 'report';
  if (REPORT_WORD.test(`${f.container ?? ''} ${genre ?? ''}`)) return 'report';
  if (f.date?.day) return 'article';
  if (f.container && f.date) return 'article';
  return 'web-page';
}
