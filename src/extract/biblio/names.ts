import { stripAccents } from '../../text/accents.js';

/**
 * Author strings as pages write them -> a list of names. Pure.
 *
 * Conservative on purpose: a string is split into several people only when every piece looks
 * like a person's name, so "Ministère du Travail et de l'Emploi" stays one organisation; a
 * URL (article:author is often a profile link) is never taken as a name.
 */

/** Longest name we keep; longer strings are sentences or junk. */
const MAX_NAME = 160;
/** More names than this in one page is a list of something else. */
export const MAX_AUTHORS = 50;

/** Words introducing a byline, in the languages the catalogues cite. */
const BYLINE =
  /^(?:(?:written|posted|published|text|texte|article|propos recueillis|interview)\s*:?\s*)?(?:by|par|von(?!\s+(?:der|dem|den|zu)\b)|auteur(?:e|s|es)?\s*:|author(?:s)?\s*:|r[eé]dig[eé]\s+par|[eé]crit\s+par)\s*:?\s+/i;
/** Particles that sit inside a person's name in lower case. */
const PARTICLES = new Set([
  'de',
  'du',
  'des',
  'de la',
  'la',
  'le',
  'von',
  'van',
  'der',
  'den',
  'da',
  'di',
  'del',
  'della',
  'dos',
  'das',
  'ten',
  'ter',
  'bin',
  'ben',
  'al',
  'el',
  'y',
  'zu',
]);
/** Words that make a string an organisation, not a person (accents folded, lower case). */
const ORGANISATION =
  /\b(?:ministere|ministry|minister|universite|university|institut|institute|association|agence|agency|societe|society|company|inc|ltd|llc|gmbh|sarl|sas|team|equipe|redaction|staff|editorial|editors|newsroom|news|press|presse|department|departement|conseil|council|commission|office|centre|center|foundation|fondation|observatoire|observatory|direction|service|services|group|groupe|federation|union|syndicat|collectif|network|reseau|journal|magazine|gouvernement|government|republique|national|nationale|europeenne|european|international|laboratoire|laboratory|lab|labo|hopital|hospital|caisse|haute autorite|autorite|authority|bureau|mission|cabinet|unit|unite|programme|program|project|projet|platform|plateforme)\b/;

function foldKey(s: string): string {
  return stripAccents(s).toLowerCase();
}

const URL_SCHEME_OR_SLASHES = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;
const WWW_PREFIX = /^www\./i;
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SOCIAL_HANDLE = /^@\w/;
const WHITESPACE = /\s/;
const SLASH = /[/]/;
const DOT_TLD = /\.[a-z]{2,}/i;

/** A URL, a path, an e-mail address or a handle: not a name. */
export function isUrlLike(s: string): boolean {
  const t = s.trim();
  return (
    URL_SCHEME_OR_SLASHES.test(t) ||
    WWW_PREFIX.test(t) ||
    EMAIL_ADDRESS.test(t) ||
    SOCIAL_HANDLE.test(t) ||
    (!WHITESPACE.test(t) && SLASH.test(t) && DOT_TLD.test(t))
  );
}

const ALL_CAPS_ACRONYM = /^[A-Z0-9&]{2,}$/;
const DIGIT = /\d/;

/** Whether a string reads as an organisation rather than a person. */
export function isOrganisation(s: string): boolean {
  const k = foldKey(s);
  return ORGANISATION.test(k) || ALL_CAPS_ACRONYM.test(s.trim()) || DIGIT.test(k);
}

const WIDE_WHITESPACE_RUNS = /[\s\u00a0\u200b]+/g;
const EDGE_SEPARATORS = /^[-–—|•·,;:\s]+|[-–—|•·,;:\s]+$/g;
const ANY_LETTER = /\p{L}/u;

/** One name cleaned: byline words off, whitespace folded, trailing punctuation off. */
export function cleanName(raw: string): string | null {
  let s = raw.replace(WIDE_WHITESPACE_RUNS, ' ').trim().replace(EDGE_SEPARATORS, '');
  // Twice: "Texte : par Jean Dupont".
  for (let i = 0; i < 2; i++) s = s.replace(BYLINE, '').trim();
  s = s.replace(EDGE_SEPARATORS, '');
  if (s === '' || s.length > MAX_NAME || isUrlLike(s)) return null;
  if (!ANY_LETTER.test(s)) return null;
  return s;
}

const WHITESPACE_RUN = /\s+/;
const INITIALS = /^\p{Lu}\.(?:-?\p{Lu}\.)*$/u;
const CAPITALISED_WORD = /^\p{Lu}[\p{L}'’-]*$/u;

/** Whether `s` reads as a person's name written "First Last" (2-5 words, capitalised). */
export function looksLikePerson(s: string): boolean {
  if (isOrganisation(s)) return false;
  const words = s.split(WHITESPACE_RUN);
  if (words.length < 2 || words.length > 5) return false;
  return words.every(
    (w) =>
      PARTICLES.has(foldKey(w)) ||
      INITIALS.test(w) || // initials: J. or J.-P.
      CAPITALISED_WORD.test(w),
  );
}

/** A single capitalised word (possibly hyphenated or with a particle): a surname or first name. */
function looksLikeNamePart(s: string): boolean {
  const words = s.split(WHITESPACE_RUN);
  if (words.length > 3 || isOrganisation(s)) return false;
  return words.every(
    (w) => PARTICLES.has(foldKey(w)) || INITIALS.test(w) || CAPITALISED_WORD.test(w),
  );
}

/** "Dupont, Jean" -> "Jean Dupont"; null when it is not that shape. */
function lastFirst(s: string): string | null {
  const parts = s.split(',').map((p) => p.trim());
  if (parts.length !== 2) return null;
  const [last, first] = parts as [string, string];
  if (last === '' || first === '') return null;
  if (!looksLikeNamePart(last) || !looksLikeNamePart(first)) return null;
  // Both "Dupont, Jean" and "Jean Dupont, Marie Curie" have one comma: two full names are
  // two people, two short parts are one person written last name first.
  if (last.split(WHITESPACE_RUN).length >= 2 && first.split(WHITESPACE_RUN).length >= 2)
    return null;
  return `${first} ${last}`;
}

const NAME_CONJUNCTION = /\s+(?:and|et|und|y|&)\s+/gi;

/**
 * One author string -> the names in it. "Dupont, Jean" becomes "Jean Dupont"; "A, B and C",
 * "A et B", "A; B" become several names when every piece looks like a person; anything
 * else stays as written (an organisation, a single name).
 */
export function splitNames(raw: string): string[] {
  const s = cleanName(raw);
  if (s === null) return [];
  if (s.includes(';')) return s.split(';').flatMap(splitNames);
  const single = lastFirst(s);
  if (single !== null) return [single];
  // "A, B and C" / "A, B et C" / "A & B": the last joiner as one more comma.
  const joined = s.replace(NAME_CONJUNCTION, ', ');
  const pieces = joined
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (pieces.length >= 2) {
    if (pieces.every(looksLikePerson)) return pieces.map((p) => cleanName(p) ?? p);
    // "Dupont, Jean, Curie, Marie": pairs of one-word parts, last name first.
    if (
      pieces.length % 2 === 0 &&
      pieces.every((p) => !WHITESPACE.test(p) && looksLikeNamePart(p))
    ) {
      const out: string[] = [];
      for (let i = 0; i < pieces.length; i += 2) out.push(`${pieces[i + 1]} ${pieces[i]}`);
      return out;
    }
  }
  return [s];
}

const NON_LETTER_OR_DIGIT_RUNS = /[^\p{L}\p{N}]+/gu;

/** Names in order without repeats (compared folded, punctuation ignored), at most MAX_AUTHORS. */
export function dedupeNames(names: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const key = foldKey(name).replace(NON_LETTER_OR_DIGIT_RUNS, ' ').trim();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
    if (out.length >= MAX_AUTHORS) break;
  }
  return out;
}

/** Names from several author strings, in order, without repeats. */
export function nameList(raws: readonly string[]): string[] {
  return dedupeNames(raws.flatMap(splitNames));
}
