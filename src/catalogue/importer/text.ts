import { stripAccents } from '../../text/accents.js';

/** Text helpers shared by the importer: folding, tokens, stems. Pure. */

const STOPWORDS = new Set(
  (
    'a au aux avec ce ces cet cette d de des du dans en et est il ils elle elles l la le les leur leurs ' +
    'lui mais ne nos notre on ou par pas pour qu que qui quel quelle quels quelles sa se ses son sont ' +
    'sur un une vos votre vous y the of and for to in on at an with from www http https html htm php ' +
    'pdf asp aspx index fr com org net eu int io coop gouv'
  ).split(' '),
);

const QUOTE_MARKS = /[’‘`]/g;
const OE_LIGATURE = /œ/g;
const AE_LIGATURE = /æ/g;

/** Lower-case, strip accents and typographic apostrophes. */
export function fold(s: string): string {
  return stripAccents(s)
    .replace(QUOTE_MARKS, "'")
    .replace(OE_LIGATURE, 'oe')
    .replace(AE_LIGATURE, 'ae')
    .toLowerCase();
}

const PLURAL_ENDING = /(s|x)$/;

/** Crude French/English stem: enough to match "numériques" with "numerique". */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && PLURAL_ENDING.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w.length > 7 ? w.slice(0, 7) : w;
}

const ELIDED_ARTICLE = /\b[ldjmnstc]'/g;
const NON_ALPHANUMERIC_RUN = /[^a-z0-9]+/;

/** Significant words of a text: folded, elided articles dropped, stopwords removed. */
export function words(s: string): string[] {
  return fold(s)
    .replace(ELIDED_ARTICLE, ' ')
    .split(NON_ALPHANUMERIC_RUN)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

const DIGITS_ONLY = /^\d+$/;

export function stems(s: string): Set<string> {
  return new Set(
    words(s)
      .filter((w) => w.length >= 3 && !DIGITS_ONLY.test(w))
      .map(stem),
  );
}

const ACRONYM = /\b[A-ZÉ]{2,}[a-z]?[A-Z]*\b/g;
const NAME_PART_SEPARATORS = /[(),.]/;
const APOSTROPHES = /[’']/g;
const WORD_SEPARATORS = /[\s-]+/;
const CAPITAL_START = /^[A-ZÀ-Ý]/;

/** Acronyms a name can go by: explicit ones ("ARCEP", "(LINC)") and initials of long names. */
export function acronyms(name: string): Set<string> {
  const out = new Set<string>();
  for (const m of name.matchAll(ACRONYM)) out.add(fold(m[0]));
  const parts = name.split(NAME_PART_SEPARATORS);
  for (const part of parts) {
    const initials = part
      .replace(APOSTROPHES, ' ')
      .split(WORD_SEPARATORS)
      .filter((w) => CAPITAL_START.test(w) && w.length > 1)
      .map((w) => fold(w[0] ?? ''))
      .join('');
    if (initials.length >= 3) out.add(initials);
    // "Conseil national du Numérique" -> "cnn" (cnnumerique.fr): initials of every significant word
    const all = words(part)
      .filter((w) => w.length > 2)
      .map((w) => w[0])
      .join('');
    if (all.length >= 3 && all.length <= 6) out.add(all);
  }
  return out;
}

/** French month names, accent-folded (look up with `fold(name)`). */
export { FRENCH_MONTHS } from '../../text/months.js';

/** A regexp alternative matching a French month name, with or without its accents. */
export const FRENCH_MONTH_PATTERN =
  'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';
