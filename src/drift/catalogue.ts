import type { Citation } from '../model/index.js';
import type { CatalogueSide } from './evidence.js';
import { isInformativeTitle } from './title.js';

/**
 * What the catalogue says of a URL's work, over every citation of it. URL lists and Markdown
 * files cite with the URL or the link's text ("here", "PDF") as the title: that names no work
 * and is left out.
 */
export function catalogueSideOf(
  citations: readonly Pick<Citation, 'title' | 'pages' | 'id'>[],
  url: string,
): CatalogueSide {
  const titles: string[] = [];
  const pages: number[] = [];
  for (const c of citations) {
    const t = c.title.trim();
    if (t !== url && t !== c.id && !/^[a-z][a-z0-9+.-]*:\/\//i.test(t) && isInformativeTitle(t)) {
      if (!titles.includes(t)) titles.push(t);
    }
    if (c.pages !== undefined && c.pages > 0 && !pages.includes(c.pages)) pages.push(c.pages);
  }
  return { titles, pages };
}
