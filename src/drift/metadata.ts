/**
 * The page's own metadata as drift evidence (issue 11): "a different title together with
 * different creators and year strengthens the drift signal". Pure.
 *
 * A page whose title no longer matches AND whose declared authors cannot be the entry's
 * creators AND whose publication year is not the entry's is another work: the title signal is
 * then taken as confirmed on its first run. Kept strict against false drift:
 * - names compare as metadata-diff.ts compares them (folded accents and case, any order, so
 *   "Dupont, Jean" is "Jean Dupont"; initials and particles ignored; acronyms against
 *   organisations' names, "CNIL" against "Commission nationale de l'informatique...");
 * - bylines that name nobody (`admin`, `La rédaction`) and creators placeholders (`[s.n.]`)
 *   tell nothing, and neither does a page without both authors and a date;
 * - every entry citing the URL (with creators and a year) must disagree on both.
 */
import { creatorsDiffer, isCreatorsPlaceholder, isGenericAuthor } from '../check/metadata-diff.js';

/** What an entry citing the URL says of its work's creators and year. */
export interface CatalogueWork {
  creators: string;
  year: number;
}

/** What the page declares about itself (the report's `meta.authors` and `meta.published`). */
export interface PageWork {
  authors: readonly string[];
  published: string | null;
}

/** The disagreement found, for the report (`links[].drift.metadata`). */
export interface MetadataDisagreement {
  /** The page's named authors and publication date. */
  authors: string[];
  published: string;
  /** The first citing entry's creators and year. */
  creators: string;
  year: number;
}

/** The page's metadata against every citing entry: the disagreement, or null. */
export function metadataDisagreement(
  works: readonly CatalogueWork[],
  page: PageWork | undefined,
): MetadataDisagreement | null {
  if (!page || page.published === null || works.length === 0) return null;
  const named = page.authors.filter((a) => !isGenericAuthor(a));
  if (named.length === 0) return null;
  const year = Number(page.published.slice(0, 4));
  if (!Number.isInteger(year)) return null;
  for (const w of works) {
    if (isCreatorsPlaceholder(w.creators) || w.year === year) return null;
    if (!creatorsDiffer(w.creators, named)) return null;
  }
  const first = works[0]!;
  return { authors: named, published: page.published, creators: first.creators, year: first.year };
}
