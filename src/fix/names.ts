/**
 * Page authors written as a catalogue writes its creators (`fix --enrich`). The catalogue keeps
 * creators as one text; the form of a person's name is the catalogue's own habit, read from its
 * entries: "DUPONT Jean" (surname in capitals first, the French bibliographic habit of the
 * bundled catalogue) or "Jean Dupont" as pages give it. Organisations are written as given.
 * Pure.
 */
import { isOrganisation, looksLikePerson } from '../extract/biblio/names.js';

export type PersonForm = 'SURNAME Given' | 'Given Surname';

/** "DUBREUIL Muriel", "ISNARD BAGNIS Corinne", "LE GALL J.-P.". */
const SURNAME_FIRST = /^\p{Lu}[\p{Lu}'’-]+(?: \p{Lu}[\p{Lu}'’-]+)* \p{Lu}[\p{Ll}.'’-]/u;

const NAME_LIST_SEPARATOR = /\s*[,;]\s*/;

/** The person form most of the catalogue's creators use (each creators text split at commas). */
export function personFormOf(creators: readonly string[]): PersonForm {
  let surnameFirst = 0;
  let givenFirst = 0;
  for (const text of creators) {
    for (const name of text.split(NAME_LIST_SEPARATOR)) {
      if (SURNAME_FIRST.test(name)) surnameFirst++;
      else if (looksLikePerson(name) && name !== name.toUpperCase()) givenFirst++;
    }
  }
  return surnameFirst > givenFirst ? 'SURNAME Given' : 'Given Surname';
}

const WHITESPACE_RUN = /\s+/;
const INITIALS = /^\p{Lu}\.(?:-?\p{Lu}\.)*$/u;

/**
 * One name in the catalogue's form. Only a name that reads as a person ("Jean Dupont",
 * "J.-P. Martin") is turned round, taking its first word (and initials) as the given name; an
 * organisation or anything unclear stays as written.
 */
export function creatorName(name: string, form: PersonForm): string {
  if (form === 'Given Surname' || isOrganisation(name) || !looksLikePerson(name)) return name;
  const words = name.split(WHITESPACE_RUN);
  let given = 1;
  while (given < words.length - 1 && INITIALS.test(words[given]!)) given++;
  const surname = words.slice(given).join(' ');
  return `${surname.toLocaleUpperCase('fr')} ${words.slice(0, given).join(' ')}`;
}

/** The creators text for a list of page authors: each in the catalogue's form, comma-joined. */
export function creatorsText(authors: readonly string[], form: PersonForm): string {
  return authors.map((a) => creatorName(a, form)).join(', ');
}

export { isCreatorsPlaceholder } from '../check/metadata-diff.js';
