import type { PageMeta } from '../model/index.js';
import { parsedUrl } from '../text/parsed-url.js';
import { isHomePath } from './redirects.js';
import { fold, tokens } from './text.js';

/*
 * A removed article answered by the site's search page ("no such article; here are results
 * for its words"), directly or through a redirect. The cited URL that is itself a search is
 * a search page on purpose and stays ok.
 */

/** Path segments that name a search page and nothing else (extension ignored). */
const SEARCH_SEGMENT =
  /^(search|searchresults?|search-results?|rechercher|suche|suchergebnisse?|buscar|busqueda)$/i;

/**
 * Path segments that name a search page or something else: "recherche" and "ricerca" are also
 * research (every French university has its /recherche section), "resultats", "resultados" and
 * "risultati" also election or exam results, "cerca" also "near", "busca" and "find" a page's
 * title. They name a search page only with search words in the query (`/recherche?q=x`).
 */
const AMBIGUOUS_SEGMENT = /^(recherche|resultats?|busca|resultados|cerca|ricerca|risultati|find)$/i;

/** Query parameters that carry a search's words. */
const SEARCH_PARAM =
  /^(q|s|query|search|searchterm|search_query|searchword|keyword|keywords|keys|recherche|suche|suchbegriff|buscar|busqueda|cerca|ricerca|terms?)$/i;

/**
 * Query values that name the search page of a CMS serving every page from one script: SPIP's
 * `spip.php?page=recherche`, Joomla's `index.php?option=com_search` (or `com_finder`).
 */
const SEARCH_VALUE = /^(?:com_)?(search|recherche|suche|buscar|ricerca|finder)$/i;

const FILE_EXTENSION = /\.[a-z0-9]+$/i;

function pathSegments(u: Readonly<URL>): string[] {
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {}
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replace(FILE_EXTENSION, ''));
}

function hasSearchWords(u: Readonly<URL>): boolean {
  for (const [key, value] of u.searchParams) {
    if (SEARCH_PARAM.test(key) && value.trim() !== '') return true;
  }
  return false;
}

function namesSearchInQuery(u: Readonly<URL>): boolean {
  for (const value of u.searchParams.values()) if (SEARCH_VALUE.test(value.trim())) return true;
  return false;
}

/**
 * A search page URL: a search path (`/search`, `/suche.html`), an ambiguous one with search
 * words (`/recherche?q=x`), search words with a search segment higher up the path (Drupal's
 * `/search/node?keys=x`) or named in the query (`spip.php?page=recherche&recherche=x`), or search
 * words on the home page (`/?s=words`, WordPress's search). For search words in the path
 * (`/search/old-article/`) see searchOfCitedWords.
 */
export function isSearchUrl(url: string): boolean {
  const u = parsedUrl(url);
  if (!u) return false;
  const segments = pathSegments(u);
  if (SEARCH_SEGMENT.test(segments.at(-1) ?? '')) return true;
  if (!hasSearchWords(u)) return false;
  if (isHomePath(u.pathname) || namesSearchInQuery(u)) return true;
  return segments.some((s) => SEARCH_SEGMENT.test(s) || AMBIGUOUS_SEGMENT.test(s));
}

/** The one segment after a search segment: `/search/old-article/` (WordPress), `/fr/suche/x`. */
function pathSearchWords(u: Readonly<URL>): string | null {
  const segments = pathSegments(u);
  if (segments.length < 2 || !SEARCH_SEGMENT.test(segments.at(-2)!)) return null;
  return segments.at(-1)!;
}

/**
 * A deep link sent to a search for its own words in the path: `/2019/05/old-article/` to
 * `/search/old-article/` (WordPress's pretty search, as `/?s=old-article`; plugins that send a
 * 404 to a search of its slug). The words searched must be the cited URL's last segment, two
 * words at least: a section named search (`/search/docs`, Google's Search Central; `/docs/
 * search/api` moved to `/search/api`) is a move, not a search.
 */
export function searchOfCitedWords(target: string, cited: string): boolean {
  const t = parsedUrl(target);
  const c = parsedUrl(cited);
  if (!t || !c) return false;
  const terms = pathSearchWords(t);
  if (terms === null) return false;
  const asked = tokens(terms);
  if (asked.length < 2) return false;
  return asked.join(' ') === tokens(pathSegments(c).at(-1) ?? '').join(' ');
}

/**
 * A URL that may be a search page: a search URL, or a path ending in a word that names search
 * among other things ("/recherche": also research).
 */
export function mayBeSearchUrl(url: string): boolean {
  if (isSearchUrl(url)) return true;
  const u = parsedUrl(url);
  return u !== null && AMBIGUOUS_SEGMENT.test(pathSegments(u).at(-1) ?? '');
}

/**
 * A cited URL that may be a search page, left alone: as mayBeSearchUrl, or one segment after a
 * search segment (`/search/climat/`, a search cited on purpose). Not for where a link landed:
 * a removed post sent to `/search/x/` titled "Search results for x" is the search standing in.
 */
export function mayBeCitedSearch(url: string): boolean {
  if (mayBeSearchUrl(url)) return true;
  const u = parsedUrl(url);
  return u !== null && pathSearchWords(u) !== null;
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
