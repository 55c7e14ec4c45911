/** Readable unique ids: creator short name + first title words + year. Pure. */
import { fold, words } from './text.js';

const ACRONYM_IN_PARENS = /\(([A-Z][A-Za-z]{1,9})\)/;
const NAME_SEPARATORS = /[\s,]+/;
const UPPERCASE_SURNAME = /^[A-ZÀ-Ý][A-ZÀ-Ý'’-]+$/;

function creatorKey(creators: string): string {
  const paren = ACRONYM_IN_PARENS.exec(creators);
  // an acronym or a surname in capitals comes first: "ARCEP (...)", "SI AMMOUR Didier"
  const capitals: string[] = [];
  for (const token of creators.trim().split(NAME_SEPARATORS)) {
    if (!UPPERCASE_SURNAME.test(token)) break;
    capitals.push(fold(token));
  }
  if (capitals.length) return capitals.join('-');
  if (paren) return fold(paren[1]!);
  return words(creators).slice(0, 2).join('-');
}

const NON_SLUG_CHARS = /[^a-z0-9]+/g;
const EDGE_HYPHENS = /^-+|-+$/g;
const REPEATED_HYPHENS = /-{2,}/g;

function slugify(parts: string[]): string {
  return parts
    .join('-')
    .replace(NON_SLUG_CHARS, '-')
    .replace(EDGE_HYPHENS, '')
    .replace(REPEATED_HYPHENS, '-');
}

const NON_ALPHANUMERIC_RUN = /[^a-z0-9]+/;
const DIGITS_ONLY = /^\d+$/;

export function makeIds(
  entries: { creators: string; title: string; date?: { year?: number } }[],
): string[] {
  const seen = new Map<string, number>();
  return entries.map((e) => {
    // a site known by its name ("covidtracker.fr", "HEALTH DATA HUB"): the whole name
    const creator =
      e.title === e.creators
        ? fold(e.creators).split(NON_ALPHANUMERIC_RUN).filter(Boolean).slice(0, 5).join('-')
        : creatorKey(e.creators);
    const creatorWords = new Set(creator.split('-'));
    const titleWords =
      e.title === e.creators
        ? []
        : words(e.title)
            .filter((w) => !creatorWords.has(w) && !DIGITS_ONLY.test(w))
            .slice(0, 3);
    const year = e.date?.year ? String(e.date.year) : '';
    let id = slugify([creator, ...titleWords, year]) || 'entry';
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    if (n > 1) id = `${id}-${n}`;
    return id;
  });
}
