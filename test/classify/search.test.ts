/** Search pages standing in for a removed document: their URLs and their banners. */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import {
  isSearchUrl,
  mayBeCitedSearch,
  saysSearchResults,
  searchOfCitedWords,
} from '../../src/classify/search.js';
import { answered, page } from './build.js';

describe('search pages', () => {
  it('knows search URLs by path or by search words on the home page', () => {
    expect(isSearchUrl('https://a.example.org/recherche?q=x')).toBe(true);
    expect(isSearchUrl('https://a.example.org/fr/search/')).toBe(true);
    expect(isSearchUrl('https://a.example.org/?s=budget')).toBe(true);
    expect(isSearchUrl('https://a.example.org/?p=123')).toBe(false);
    expect(isSearchUrl('https://books.example.org/books?id=1&q=x')).toBe(false);
    expect(isSearchUrl('https://a.example.org/research/paper')).toBe(false);
  });

  it('knows the search pages of CMS that route by query or below a search folder', () => {
    expect(isSearchUrl('https://a.example.org/search/node?keys=vieux')).toBe(true); // Drupal
    expect(isSearchUrl('https://a.example.org/spip.php?page=recherche&recherche=x')).toBe(true);
    expect(isSearchUrl('https://a.example.org/index.php?option=com_search&searchword=x')).toBe(
      true,
    );
    expect(isSearchUrl('https://a.example.org/fr/recherche?keys=x')).toBe(true);
  });

  it('needs search words for a path that also names research or results', () => {
    expect(isSearchUrl('https://univ.example.org/recherche')).toBe(false);
    expect(isSearchUrl('https://univ.example.org/fr/ricerca/')).toBe(false);
    expect(isSearchUrl('https://ville.example.org/elections/resultats')).toBe(false);
    expect(isSearchUrl('https://dev.example.com/search/docs/fundamentals')).toBe(false);
    // A deep link sent to the research section is a move, not a search standing in for it.
    const c = classify({
      outcome: answered('https://univ.example.org/labo/ancien-projet', 200, {
        hops: [[301, 'https://univ.example.org/recherche']],
      }),
      meta: page({
        title: 'La recherche | Université',
        h1: 'La recherche',
        text: 'Nos laboratoires.',
      }),
    });
    expect(c).toMatchObject({ status: 'redirected', reason: 'moved-permanently' });
    // Cited, such a page is left alone even when it shows search results.
    const cited = classify({
      outcome: answered('https://a.example.org/recherche', 200),
      meta: page({ title: 'Résultats de recherche', text: '12 articles' }),
    });
    expect(cited.status).toBe('ok');
  });

  it('reads search-result banners, not articles about search results', () => {
    const t = (title: string) => saysSearchResults(page({ title }));
    expect(t('Search results for "budget" | Site')).not.toBeNull();
    expect(t('Résultats de recherche : budget')).not.toBeNull();
    expect(t('Suchergebnisse für Haushalt')).not.toBeNull();
    expect(t('Resultados de búsqueda para presupuesto')).not.toBeNull();
    expect(t('Risultati della ricerca per bilancio')).not.toBeNull();
    expect(t('Search results are getting worse')).toBeNull();
    expect(t('Research results 2023')).toBeNull();
  });

  it('a cited search page stays ok, even reached by redirect', () => {
    const c = classify({
      outcome: answered('https://a.example.org/search?q=climat', 200, {
        hops: [[301, 'https://a.example.org/recherche?q=climat']],
      }),
      meta: page({ title: 'Résultats de recherche pour « climat »', text: '12 articles' }),
    });
    expect(c.status).not.toBe('dead');
  });
});

describe('search words in the path', () => {
  it('takes a search for the cited slug in the path as the search page, a search section not', () => {
    const cited = 'https://blog.example/2019/05/mon-vieil-article/';
    expect(searchOfCitedWords('https://blog.example/search/mon-vieil-article/', cited)).toBe(true);
    expect(searchOfCitedWords('https://blog.example/fr/search/mon+vieil+article', cited)).toBe(
      true,
    );
    // Part of the slug, or one word: a section, not the search for this post.
    expect(searchOfCitedWords('https://blog.example/suche/vieil-article', cited)).toBe(false);
    expect(
      searchOfCitedWords('https://docs.example/search/api', 'https://docs.example/docs/search/api'),
    ).toBe(false);
    // Google's Search Central, a section named search: its words are not the cited URL's.
    expect(searchOfCitedWords('https://dev.example/search/docs', cited)).toBe(false);
    expect(searchOfCitedWords('https://blog.example/search/docs/guide', cited)).toBe(false);
    // "recherche" is also research: words below it are a research page.
    expect(searchOfCitedWords('https://univ.example/recherche/mon-vieil-article', cited)).toBe(
      false,
    );
    const c = classify({
      outcome: answered(cited, 200, {
        hops: [[301, 'https://blog.example/search/mon-vieil-article/']],
      }),
      meta: page({ title: 'Mon Blog', h1: 'Mon Blog', text: 'Aucun résultat.' }),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'redirect-to-search' });
  });

  it('reads a search-results title where a removed post landed, whatever the words in the path', () => {
    const c = classify({
      outcome: answered('https://blog.example/2019/05/budget/', 200, {
        hops: [[301, 'https://blog.example/search/budget/']],
      }),
      meta: page({ title: 'Résultats de recherche pour « budget » – Mon Blog', text: 'Rien.' }),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'redirect-to-search' });
  });

  it('leaves a cited search with its words in the path alone', () => {
    expect(mayBeCitedSearch('https://blog.example/search/climat/')).toBe(true);
    const c = classify({
      outcome: answered('https://blog.example/search/climat/', 200),
      meta: page({
        title: 'Résultats de recherche pour « climat » | Mon Blog',
        text: '12 articles',
      }),
    });
    expect(c.status).toBe('ok');
  });
});
