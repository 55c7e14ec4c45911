/** French formatting shared by the catalogue and the link messages. */
import { formatters, longDate } from './format.js';

export const f = formatters('fr');
const long = longDate('fr-FR');
const FIRST_OF_MONTH = /^1 /;

/** "1er janvier 2020": French writes the first of the month as an ordinal, Intl does not. */
export const date = (iso: string) => long(iso).replace(FIRST_OF_MONTH, '1er ');
/** No-break space, before the high punctuation marks « : ; ? ! » and inside guillemets. */
export const nbsp = '\u00a0';
export const q = (s: string) => `\u00ab${nbsp}${s}${nbsp}\u00bb`;

const monthYear = new Intl.DateTimeFormat('fr-FR', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * A catalogue date as precise as it is written: "12 mars 2019", "mars 2019" or "2019" (a
 * month alone is no first of the month).
 */
export function partialDate(text: string): string {
  if (text.length === 10) return date(text);
  const m = YEAR_MONTH.exec(text);
  return m ? monthYear.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : text;
}
