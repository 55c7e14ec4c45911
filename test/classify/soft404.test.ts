import { describe, expect, it } from 'vitest';
import { classify, saysNotFound } from '../../src/classify/index.js';
import { PHRASE_SOURCES, PHRASE_WORDS } from '../../src/classify/soft404.js';
import { answered, page } from './build.js';

const URL_ = 'https://www.example.org/actualites/2019/rapport-annuel';

describe('soft-404 wording: flagged', () => {
  it.each([
    // French
    'Page non trouvée',
    'PAGE NON TROUVEE | Ministère de la Culture',
    'Page introuvable - Le Site',
    'Erreur 404 - Page introuvable',
    'Erreur 404 : page introuvable',
    'Erreur 404',
    '404 | Mairie de Lyon',
    "Cette page n'existe pas",
    'Cette page n’existe plus',
    "La page que vous recherchez n'existe pas ou a été déplacée",
    'La page que vous avez demandée est introuvable.',
    'Page inexistante',
    'Contenu indisponible',
    'Oups ! Page introuvable',
    "Oups… Cette page n'existe pas !",
    'Oups, nous ne trouvons pas cette page',
    "Désolé, cette page n'existe plus.",
    "Ce contenu n'est plus disponible",
    "L'article n'existe pas",
    'Document introuvable',
    'Oups ! La page que vous cherchez semble introuvable.',
    "Cette page n'existe pas ou plus",
    "Cette page n'est pas disponible",
    'Cette page a été supprimée',
    "Ce document n'est plus en ligne",
    '404 - Fichier ou répertoire introuvable.',
    'Introuvable | Éditions Exemple',
    // English
    'Page not found',
    'Page Not Found | Example University',
    '404 Not Found',
    'Not Found',
    'Error 404 - Not Found',
    '404 Error',
    'Oops! That page can’t be found.',
    "The page you're looking for doesn't exist",
    'Sorry, this page does not exist',
    'This page is no longer available',
    "We can't find the page you're looking for",
    "Sorry, we couldn't find that page",
    'The requested URL was not found on this server',
    'Nothing found',
    'File not found',
    '404: This page could not be found.',
    'Page Not Found (404)',
    'The page you are looking for might have been removed',
    'Oops, this page has gone missing',
    // German, Spanish, Italian
    'Seite nicht gefunden',
    'Fehler 404 – Seite nicht gefunden',
    'Die Seite existiert nicht',
    'Página no encontrada',
    'Error 404 - Página no encontrada',
    'La página que buscas no existe',
    'Pagina non trovata',
    // CMS error titles naming what was asked for (Joomla: "404 - Category not found")
    '404 - Category not found',
    'Product not found | Acme Outdoor',
    'Catégorie introuvable',
    'Artikel nicht gefunden',
    'Artículo no encontrado',
    'Articolo non trovato',
  ])('%s', (title) => {
    expect(saysNotFound(title)).toBe(true);
  });
});

describe('soft-404 wording: real titles not flagged', () => {
  it.each([
    'Why 404 pages matter',
    'Why 404 Pages Matter | Web Design Blog',
    'Le patient introuvable : enquête sur un essai clinique',
    'Le patient introuvable',
    "L'introuvable",
    'Erreur 404 : comment la corriger sur WordPress',
    'Page not found errors: a study of link rot in law reviews',
    'Not Found: The Story of the Lost Archives',
    'Rapport annuel 2019 | Cour des comptes',
    "L'article 404 du code civil",
    'Des chiffres introuvables dans le rapport',
    "Ce que la loi n'existe pas encore à prévoir",
    "The Page That Doesn't Exist: a novel",
    'Missing persons: page 2 of the inquiry',
    'Oops!... I Did It Again (album)',
    'Contenu et indisponibilité des données publiques',
    'Les pages introuvables de l’histoire de France',
    'A 404 error budget for the web archive',
    'Seite 404 der Akte',
    "Cette page n'est pas disponible en français",
    'Oups, une erreur est survenue',
    'Page introuvable ? Voici pourquoi',
    'Page not found? Here is how to fix it',
    'The page that might have been removed: notes on censorship',
    'Contenu introuvable ou contenu censuré ? Enquête',
    'Informe 404 sobre vivienda',
    'Category not found: fixing taxonomy errors in Drupal',
    'Le produit introuvable | Le Journal',
    '',
  ])('%s', (title) => {
    expect(saysNotFound(title)).toBe(false);
  });

  it('ignores very long headings (prose)', () => {
    expect(saysNotFound(`Page not found. ${'word '.repeat(80)}`)).toBe(false);
  });
});

describe('soft-404 in classify', () => {
  it('a 200 with a not-found title is dead soft-404', () => {
    const c = classify({
      outcome: answered(URL_, 200),
      meta: page({ title: 'Page introuvable | Exemple' }),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'soft-404' });
    expect(c.message).toBe(
      'The server answered 200 but the page says "Page introuvable | Exemple": the document is gone.',
    );
  });

  it('the h1 alone is enough', () => {
    const c = classify({
      outcome: answered(URL_, 200),
      meta: page({ title: 'Mairie de Lyon', h1: "Oups ! Cette page n'existe plus" }),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'soft-404' });
  });

  it('beats a permanent redirect', () => {
    const c = classify({
      outcome: answered(URL_, 200, { hops: [[301, 'https://www.example.org/erreur']] }),
      meta: page({ title: 'Not Found' }),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'soft-404' });
  });

  it('a PDF titled oddly is left alone', () => {
    const c = classify({
      outcome: answered('https://www.example.org/x.pdf', 200, {
        headers: { 'content-type': 'application/pdf' },
      }),
      meta: page({
        title: 'Not found',
        htmlTitle: null,
        contentType: 'application/pdf',
        pdf: {
          title: 'Not found',
          pages: 3,
          authors: [],
          created: null,
          modified: null,
          doi: null,
        },
      }),
    });
    expect(c.status).toBe('ok');
  });

  it('a real page is ok', () => {
    const c = classify({
      outcome: answered(URL_, 200),
      meta: page({ title: 'Why 404 pages matter', h1: 'Why 404 pages matter' }),
    });
    expect(c).toEqual({
      status: 'ok',
      reason: null,
      message: 'The server answered 200: the document is there.',
    });
  });
});

describe('soft-404 wording: the quick word check', () => {
  it('every phrase holds one of the words checked first, so no phrase is cut off by it', () => {
    for (const phrase of PHRASE_SOURCES) expect(PHRASE_WORDS.test(phrase), phrase).toBe(true);
  });

  it('lets ordinary titles that start like a phrase through quickly, unflagged', () => {
    for (const title of ['Page /doc/123', "La page d'accueil du ministère", 'Page 2 sur 3']) {
      expect(saysNotFound(title)).toBe(false);
    }
    expect(saysNotFound('Page non trouvée | Ministère')).toBe(true);
  });
});
