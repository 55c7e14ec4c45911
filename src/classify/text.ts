/**
 * Text folding shared by the wording rules: accents, case, typographic apostrophes and
 * ligatures are folded so that "Page non trouvée", "PAGE NON TROUVEE" and "page non trouvee"
 * compare equal.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

/** Folded text reduced to words: everything but letters, digits and apostrophes becomes a space. */
export function words(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .replace(/(^|\s)'+|'+(\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folded word tokens, for similarity measures. */
export function tokens(text: string): string[] {
  const w = words(text);
  return w === '' ? [] : w.split(' ');
}
