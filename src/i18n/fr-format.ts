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
