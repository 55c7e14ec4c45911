import type { Citation } from '../model/index.js';
import type { CatalogueSide } from './evidence.js';
import type { CatalogueWork } from './metadata.js';
import { isInformativeTitle } from './title.js';

const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * What the catalogue says of a URL's work, over every citation of it. URL lists and Markdown
 * files cite with the URL or the link's text ("here", "PDF") as the title: that names no work
 * and is left out.
 */
export function catalogueSideOf(
  citations: readonly Pick<Citation, 'title' | 'pages' | 'id' | 'creators' | 'date'>[],
  url: string,
): CatalogueSide {
  const titles: string[] = [];
  const pages: number[] = [];
  const works: CatalogueWork[] = [];
  for (const c of citations) {
    const year = c.date?.year;
    if (c.creators && year !== undefined && !works.some((w) => w.creators === c.creators))
      works.push({ creators: c.creators, year });
    const t = c.title.trim();
    if (t !== url && t !== c.id && !URL_WITH_SCHEME.test(t) && isInformativeTitle(t)) {
      if (!titles.includes(t)) titles.push(t);
    }
    if (c.pages !== undefined && c.pages > 0 && !pages.includes(c.pages)) pages.push(c.pages);
  }
  return { titles, pages, works };
}
