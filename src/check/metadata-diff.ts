/**
 * "Metadata differs": what a page declares (authors, publication year, journal) held against
 * the citing catalogue entries. Pure. Conservative on purpose: names are compared folded
 * (accents, case, order, initials, acronyms), dates by year only, and anything that could be
 * the same thing written differently counts as agreeing. A difference never changes a verdict.
 */
import { acronyms, fold, words } from '../catalogue/importer/text.js';
import type { ReportedBiblio } from '../extract/biblio/reported.js';
import type { Citation, MetadataDifference } from '../model/index.js';

/** Bylines that name nobody in particular: held against no one. */
const GENERIC_AUTHOR =
  /^(?:admin(?:istrator|istrateur)?|webmaster|editor|editors|editorial|staff|guest|redaction|la redaction|the editors|anonymous|anonyme|unknown|inconnu|auteur|author|user|utilisateur)$/;
/** Particles and joiners that say nothing about who someone is. */
const NOISE = new Set(['de', 'du', 'des', 'la', 'le', 'von', 'van', 'der', 'den', 'et', 'and']);

const NON_ALPHANUMERIC_RUN = /[^a-z0-9]+/;

/** Folded name tokens of 3+ letters (initials and particles dropped). */
function nameTokens(s: string): Set<string> {
  return new Set(
    fold(s)
      .split(NON_ALPHANUMERIC_RUN)
      .filter((t) => t.length >= 3 && !NOISE.has(t)),
  );
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** Whether a page author and the catalogue's creators string can name the same party. */
function authorAgrees(author: string, creators: string): boolean {
  const mine = nameTokens(author);
  const theirs = nameTokens(creators);
  if (intersects(mine, theirs)) return true;
  // "CNIL" against "Commission nationale de l'informatique et des libertés", both ways.
  if (intersects(acronyms(author), theirs) || intersects(acronyms(creators), mine)) return true;
  return intersects(acronyms(author), acronyms(creators));
}

const NON_LETTERS = /[^a-z ]+/g;

export function isGenericAuthor(author: string): boolean {
  return GENERIC_AUTHOR.test(fold(author).replace(NON_LETTERS, ' ').trim());
}

const ENCLOSING_BRACKETS = /^[[(]\s*|\s*[\])]$/g;
const CREATORS_PLACEHOLDER =
  /^(?:s\.?\s?n\.?|sine nomine|sans nom|inconnu|auteur inconnu|auteurs inconnus|unknown|unknown author|author unknown|n\/?a|n\.?\s?c\.?|non communique|\?+|[-–—]+)$/;

/**
 * A creators value that says nobody knew the author when the entry was written: `[s.n.]` (sine
 * nomine), "inconnu", "unknown", "N/A", "?", a dash. It names nobody, so it differs from no one
 * (`fix --enrich` may fill it). A real name, an organisation or "Anonyme" (an attribution in
 * itself) is not a placeholder.
 */
export function isCreatorsPlaceholder(creators: string): boolean {
  const t = fold(creators).replace(ENCLOSING_BRACKETS, '').trim();
  return CREATORS_PLACEHOLDER.test(t);
}

/** Creators differ when no named page author can be any of the entry's creators. */
export function creatorsDiffer(creators: string, authors: readonly string[]): boolean {
  const named = authors.filter((a) => !isGenericAuthor(a));
  if (named.length === 0 || creators.trim() === '' || isCreatorsPlaceholder(creators)) return false;
  return !named.some((a) => authorAgrees(a, creators));
}

const DIGITS_ONLY = /^\d+$/;

/** Containers differ when they share no significant word and no acronym. */
function containersDiffer(catalogue: string, page: string): boolean {
  const a = new Set(words(catalogue).filter((w) => w.length >= 3 && !DIGITS_ONLY.test(w)));
  const b = new Set(words(page).filter((w) => w.length >= 3 && !DIGITS_ONLY.test(w)));
  if (a.size === 0 || b.size === 0) return false;
  if (intersects(a, b)) return false;
  return !(intersects(acronyms(catalogue), b) || intersects(acronyms(page), a));
}

/**
 * Differences between a page's metadata and each citing entry, one per entry and field.
 * Dates: the page's publication year against the entry's year (a document's date and the day
 * its page went online often differ by weeks; only a different year is a real difference).
 */
export function metadataDifferences(
  page: ReportedBiblio,
  citations: readonly Citation[],
): MetadataDifference[] {
  const out: MetadataDifference[] = [];
  const seen = new Set<string>();
  for (const c of citations) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (c.creators !== undefined && creatorsDiffer(c.creators, page.authors)) {
      out.push({
        entry: c.id,
        field: 'creators',
        catalogue: c.creators,
        page: page.authors.join('; '),
      });
    }
    const year = c.date?.year;
    if (year !== undefined && page.published !== null) {
      const pageYear = Number(page.published.slice(0, 4));
      if (pageYear !== year) {
        out.push({ entry: c.id, field: 'date', catalogue: c.date!.text, page: page.published });
      }
    }
    if (c.container !== undefined && page.container !== null) {
      if (containersDiffer(c.container, page.container)) {
        out.push({ entry: c.id, field: 'container', catalogue: c.container, page: page.container });
      }
    }
  }
  return out;
}
