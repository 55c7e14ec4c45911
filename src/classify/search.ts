import type { PageMeta } from '../model/index.js';
import { parsedUrl } from '../text/parsed-url.js';
import { isHomePath } from './redirects.js';
import { fold } from './text.js';

/*
 * A removed article answered by the site's search page ("no such article; here are results
 * for its words"), directly or through a redirect. The cited URL that is itself a search is
 * a search page on purpose and stays ok.
 */

/** Last path segments of search pages (extension ignored). */
const SEARCH_SEGMENT =
  /^(search|searchresults?|search-results?|recherche|rechercher|resultats?|suche|suchergebnisse?|buscar|busqueda|busca|resultados|cerca|ricerca|risultati|find)$/i;

/** Query parameters that carry a search's words. */
const SEARCH_PARAM =
  /^(q|s|query|search|searchterm|search_query|searchword|keyword|keywords|recherche|suche|suchbegriff|buscar|busqueda|cerca|ricerca|terms?)$/i;

const FILE_EXTENSION = /\.[a-z0-9]+$/i;

function lastSegment(u: Readonly<URL>): string {
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {}
  const segments = path.split('/').filter((s) => s !== '');
  return (segments.at(-1) ?? '').replace(FILE_EXTENSION, '');
}

function hasSearchWords(u: Readonly<URL>): boolean {
  for (const [key, value] of u.searchParams) {
    if (SEARCH_PARAM.test(key) && value.trim() !== '') return true;
  }
  return false;
}

/**
 * A search page URL: a search path (`/search`, `/recherche/`, `/suche.html`), or search words
 * in the query of the home page (`/?s=words`, WordPress's search).
 */
export function isSearchUrl(url: string): boolean {
  const u = parsedUrl(url);
  if (!u) return false;
  if (SEARCH_SEGMENT.test(lastSegment(u))) return true;
  return isHomePath(u.pathname) && hasSearchWords(u);
}

/** Search-result banners in titles and headings, in the five languages. */
const RESULTS_TITLE = new RegExp(
  [
    'search results?(?: for| page)?',
    'results? of (?:your|the) search',
    'you searched for',
    'resultats? de (?:la |votre )?recherche(?: pour)?',
    'resultats? pour (?:la recherche|votre recherche)',
    'vous avez (?:re)?cherche',
    'suchergebnisse?(?: fur| zu)?',
    'ergebnisse (?:der|ihrer) suche',
    'ihre suche nach',
    'resultados? de (?:la |su )?busqueda(?: para| de)?',
    'buscaste',
    'risultati (?:della|di|per la) ricerca(?: per| di)?',
    'hai cercato',
  ]
    .map((p) => `(?:${p})`)
    .join('|'),
);
/** The banner at the start of a text: compiled once (compiling per page cost more than matching). */
const RESULTS_AT_START = new RegExp(`^(?:${RESULTS_TITLE.source})`);

const RESULTS_TITLE_BREAK = /^\s*([:«"“'(\-–—|]|$)/u;
const LEADING_QUERY_PREPOSITION = /^\s+(for|pour|fur|para|per|zu|de)\b/;
const TRAILING_QUERY_PREPOSITION = / (for|pour|fur|zu|para|per|de)$/;

/**
 * A title or h1 that announces search results: the banner opens it, alone or followed by the
 * words searched ("Search results for "x" | Site", "Résultats de recherche : x"). A title
 * merely starting with the words ("Search results are getting worse") is an article.
 */
export function saysSearchResults(meta: PageMeta | null): string | null {
  if (!meta) return null;
  for (const text of [meta.htmlTitle ?? meta.title, meta.h1]) {
    if (!text) continue;
    const t = fold(text).trim();
    const m = RESULTS_AT_START.exec(t);
    if (!m) continue;
    const rest = t.slice(m[0].length);
    if (rest === '' || RESULTS_TITLE_BREAK.test(rest) || LEADING_QUERY_PREPOSITION.test(rest)) {
      // "Search results for ..." already ends in "for": anything may follow it.
      return text.trim();
    }
    if (TRAILING_QUERY_PREPOSITION.test(m[0])) return text.trim();
  }
  return null;
}
