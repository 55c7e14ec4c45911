import { urlProblem } from '../catalogue/url.js';
import type { FoundLinks } from './found.js';

/**
 * A plain URL list: one URL per line, blank lines and `#` comment lines ignored. A line
 * that is not a usable URL is a problem, not a reason to drop the whole file.
 */
export function parseUrlList(text: string, file: string): FoundLinks {
  const found: FoundLinks = { links: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const url = raw.trim();
    if (url === '' || url.startsWith('#')) return;
    const reason = urlProblem(url);
    if (reason) found.problems.push({ code: 'invalid-url', file, line, message: reason });
    else found.links.push({ url, line, title: url });
  });
  return found;
}
