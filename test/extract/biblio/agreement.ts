/** What a careful reader finds on a page, as the hand-written corpora record it. */
export interface ReaderFinds {
  authors: string[];
  /** The day (YYYY-MM-DD), or coarser when the page is. */
  published: string | null;
  siteName: string | null;
  lang: string | null;
}

export interface FieldsRead {
  authors: string[];
  published: string | null;
  siteName: string | null;
  lang: string | null;
}

/** Accents, case and punctuation aside, for comparing names. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Agreement with the careful reader, field by field (dates compared at the reader's precision). */
export function agreesWithReader(got: FieldsRead, r: ReaderFinds) {
  const published =
    got.published === null ? null : got.published.slice(0, r.published?.length ?? 10);
  return {
    authors: JSON.stringify(got.authors.map(fold)) === JSON.stringify(r.authors.map(fold)),
    published: published === r.published,
    siteName: (got.siteName && fold(got.siteName)) === (r.siteName && fold(r.siteName)),
    lang: (got.lang?.toLowerCase() ?? null) === (r.lang?.toLowerCase() ?? null),
  };
}
