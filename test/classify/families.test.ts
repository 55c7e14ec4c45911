/** Removal wordings: sentences, banners and title segments saying the document is gone. */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { findRemoval } from '../../src/classify/removal.js';
import { saysNotFound } from '../../src/classify/soft404.js';
import { words } from '../../src/classify/text.js';
import { answered, page } from './build.js';

const removal = (text: string, strict = true) => findRemoval(words(text), { strict });

describe('removal wordings', () => {
  it.each([
    "Ce contenu n'existe plus.",
    'Cette page a été supprimée.',
    "Cet article n'est plus disponible.",
    'This content has been removed.',
    'The page you requested is no longer available.',
    'This video has been removed by the user.',
    'Dieser Artikel existiert leider nicht mehr.',
    'Esta página ya no está disponible.',
    'Questo contenuto è stato rimosso.',
    'Vidéo indisponible',
    // German puts the verb second, or "the one you chose" before the noun
    'Leider ist dieser Artikel nicht mehr verfügbar.',
    'Leider wurde dieses Video entfernt.',
    'Der von Ihnen gewählte Artikel ist leider nicht mehr verfügbar.',
    'Die angeforderte Seite existiert nicht.',
    // "does not exist", and a first predicate joined to the final one
    'La page que vous demandez n’existe pas.',
    'This video does not exist or has been deleted.',
    'This story has expired and is no longer available.',
    "La page demandée n'existe plus ou a été déplacée.",
    'The page you requested could not be found.',
    'The page you requested may have been moved or deleted.',
    // news items
    'Lo sentimos, la noticia que buscas ya no está disponible.',
    'Questa notizia non è più disponibile.',
    'Cette actualité a été supprimée.',
  ])('finds "%s"', (text) => {
    expect(removal(text)).not.toBeNull();
  });

  it.each([
    "Si la page n'existe plus, consultez l'archive.",
    'If this page no longer exists, try the archive.',
    'La vidéo a été supprimée par la plateforme hier soir.',
    'Une vidéo retirée de la plateforme',
    'This video is not available.', // merely unavailable: needs the site-name title
    "Si la page demandée n'existe pas, utilisez le moteur de recherche.",
    'Ist dieser Artikel nicht mehr aktuell? Schreiben Sie uns.',
    'Ist dieser Artikel nicht mehr verfügbar? Dann informieren wir Sie per E-Mail.',
    'Die Seite wurde 2019 gegründet und ist nicht mehr wegzudenken.',
    "Cette page n'existe pas encore : revenez bientôt.",
    'This page does not exist yet. Coming soon.',
  ])('does not take "%s" alone as a removal banner', (text) => {
    expect(removal(text)).toBeNull();
  });

  it('takes "does not exist" of the page itself only, even under a bare site-name title', () => {
    expect(
      removal('Le document n’existe pas en version papier : téléchargez-le.', false),
    ).toBeNull();
    expect(removal('The file does not exist on paper; download it below.', false)).toBeNull();
    expect(removal('Ce document n’existe pas ou a été supprimé.', false)).not.toBeNull();
    expect(removal('The document has been moved or deleted.', false)).not.toBeNull();
  });

  it.each([
    "Ce document n'existe pas en version papier : il est disponible en ligne uniquement.",
    'This document does not exist in print. It is published online only.',
    "Cette page n'existe pas en anglais.",
    'Dieser Artikel ist nicht mehr auf Deutsch verfügbar.',
    "Cet ouvrage n'est plus disponible en version imprimée ; téléchargez le PDF.",
    'This report is no longer available in print: download it below.',
    'Este documento ya no está disponible en papel.',
    "Ce film n'est plus disponible en DVD.",
    "Ce rapport n'existe plus sous sa forme initiale : voici l'édition 2021.",
    // a place: withheld in one country, there in the others
    "Cette vidéo n'est plus disponible en France.",
    'This video is no longer available in the United States.',
    "Ce replay n'est plus disponible dans certains pays.",
    'Questo video non è più disponibile in Italia.',
    'Este vídeo ya no está disponible en España.',
  ])('leaves "%s" alone: restricted to a form, an edition, a language or a place', (text) => {
    expect(removal(text)).toBeNull();
    expect(removal(text, false)).toBeNull();
  });

  it.each([
    'This video has been removed from YouTube but remains available on our own player below.',
    "Cette vidéo n'est plus disponible sur YouTube ; elle est hébergée désormais sur notre site.",
    "Ce document a été retiré du site de l'agence mais reste téléchargeable ici.",
    'Dieses Video wurde entfernt, ist aber weiterhin in unserer Mediathek abrufbar.',
  ])('leaves "%s" alone: the next words say it is still there', (text) => {
    expect(removal(text, false)).toBeNull();
  });

  it.each([
    "Ce produit n'est plus disponible à la vente.",
    'This video is no longer available on our site.',
    "La page que vous demandez n'existe pas sur ce site.",
  ])('still finds "%s": not restricted to a form or a language', (text) => {
    expect(removal(text, false)).not.toBeNull();
  });

  it('takes "not available" only without a regional or temporary qualifier', () => {
    expect(removal('This video is not available.', false)?.strength).toBe('unavailable');
    expect(removal('This video is not available in your country.', false)).toBeNull();
    expect(removal("Ce produit n'est pas disponible actuellement.", false)).toBeNull();
    expect(removal('Dieses Video ist derzeit nicht verfügbar.', false)).toBeNull();
    expect(removal('Questo video non è disponibile nel tuo paese.', false)).toBeNull();
  });

  it('takes "Video unavailable" as gone unless the next words give a reason that is not', () => {
    // YouTube's banner, over a removed video and over a private or blocked one alike.
    expect(removal('Video unavailable', true)).not.toBeNull();
    expect(
      removal(
        'Video unavailable. This video is no longer available because the account associated with this video has been terminated.',
        false,
      ),
    ).not.toBeNull();
    expect(removal('Video unavailable. This video is private.', true)).toBeNull();
    expect(removal('Video unavailable. This video is private.', false)).toBeNull();
    expect(
      removal(
        'Video unavailable. The uploader has not made this video available in your country.',
        false,
      ),
    ).toBeNull();
    expect(
      removal(
        'Video unavailable. This video contains content from Label, who has blocked it on copyright grounds.',
        false,
      ),
    ).toBeNull();
    expect(removal('Vidéo indisponible. Cette vidéo est privée.', true)).toBeNull();
    expect(
      removal('This video is unavailable. It has been made private by its owner.', false),
    ).toBeNull();
  });

  it("reads the page's message whole when the host's error page opens with the same word", () => {
    // The template shared with the probe's answer is set aside; the message's "This" is not.
    const nav = 'Home Shorts Library History';
    const footer = 'About Press Terms Privacy';
    const probeUrl = 'https://tube.example/rotwatch-probe-1';
    const probe = {
      url: probeUrl,
      outcome: answered(probeUrl, 404),
      meta: page({
        title: '404 Not Found',
        text: `${nav} This page isn't available. Sorry. ${footer}`,
      }),
    };
    const c = classify({
      outcome: answered('https://tube.example/watch?v=abc', 200),
      meta: page({
        title: ' - Tube',
        text: `${nav} This video has been removed for violating the Terms of Service. ${footer}`,
      }),
      probe,
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'soft-404' });
  });

  it('reads a bare site-name title as an item gone only without a headline of its own', () => {
    const signals = {
      passwordField: false,
      siteName: 'Ouest Matin',
      nonTextElements: 0,
      parkingService: null,
    };
    const url = 'https://ouest.example/actualites/retrait-video';
    const long =
      'La plateforme a reçu une plainte et a retiré la vidéo du conseil municipal. '.repeat(20);
    const at = (h1: string | null, text: string) =>
      classify({
        outcome: answered(url, 200),
        meta: page({ title: 'Ouest Matin', h1, text, signals }),
      });
    // Small sites and script-built pages title every page with the site's name: the headline
    // says what the page is, and news about a removal is not a removal banner.
    expect(
      at(
        'Une vidéo de la mairie retirée de YouTube',
        `Cette vidéo a été retirée de YouTube après une plainte, explique notre journaliste. ${long}`,
      ).status,
    ).toBe('ok');
    expect(
      at(
        'Le Voyage (1962)',
        'Le film n’est plus disponible en DVD depuis 2010, mais la Cinémathèque le projette.',
      ).status,
    ).toBe('ok');
    // An exclamation, the site's name or a banner as heading: still the item gone.
    expect(
      at('Oups', 'Cette vidéo n’est pas disponible. Vidéos recommandées : le journal.'),
    ).toMatchObject({
      status: 'dead',
      reason: 'soft-404',
    });
    expect(at('Ouest Matin', 'Cette vidéo n’est pas disponible.').status).toBe('dead');
    expect(at('Vidéo indisponible', 'Cette vidéo n’est pas disponible.').status).toBe('dead');
    expect(at(null, 'Cette vidéo n’est pas disponible.').status).toBe('dead');
  });

  it('flags removal titles as whole segments only', () => {
    expect(saysNotFound('Page supprimée | Le Journal')).toBe(true);
    expect(saysNotFound("Ce contenu n'existe plus")).toBe(true);
    expect(saysNotFound('Product no longer available - Shop')).toBe(true);
    expect(saysNotFound("Quand une page disparaît : le droit à l'oubli")).toBe(false);
    expect(saysNotFound('Why Google Reader no longer exists | Blog')).toBe(false);
  });
});

describe('removal wordings, round 17', () => {
  it.each([
    'Dieser Artikel ist nicht mehr lieferbar.',
    'Das Produkt ist leider nicht mehr im Sortiment.',
    'Leider ist dieses Buch nicht mehr bestellbar.',
    "Ce livre n'est plus disponible à la commande.",
    'This book is no longer available for purchase.',
  ])('finds "%s" under a bare site-name title, marked as a sale wording', (text) => {
    expect(removal(text, false)).toMatchObject({ strength: 'gone', sale: true });
  });

  it.each([
    "Cette vidéo n'est plus disponible en ligne.",
    'This page is no longer available on this site.',
    "Cette émission n'est plus disponible en replay.",
  ])('still finds "%s": where it is no longer is not a place of readers', (text) => {
    expect(removal(text)).not.toBeNull();
  });

  it.each([
    "Ce produit n'est plus disponible.",
    'This video has been removed.',
    'Questo prodotto non è più disponibile.',
  ])('finds "%s" as a removal, not a sale wording', (text) => {
    expect(removal(text, false)).toMatchObject({ sale: false });
  });

  it.each([
    "Ce produit n'est plus disponible en stock.",
    'This item is no longer available in stock.',
    "Ce produit n'est plus disponible pour le moment.",
    'This product is no longer available at the moment.',
    'Dieser Artikel ist derzeit nicht lieferbar.',
    'Dieser Artikel ist leider ausverkauft.',
    'Este producto está agotado.',
    'Prodotto esaurito.',
    "Cet article n'est plus disponible en accès libre.",
    'This article is no longer available in open access.',
  ])('leaves "%s" alone: out of stock, for now, or another way of access', (text) => {
    expect(removal(text)).toBeNull();
    expect(removal(text, false)).toBeNull();
  });

  it('never reads a sales wording in a title as a removal banner', () => {
    expect(saysNotFound('Der Zauberberg - nicht mehr lieferbar | Buchladen')).toBe(false);
    expect(saysNotFound('Dieses Video ist nicht mehr verfügbar')).toBe(true);
  });

  it('reads an article under the bare site name apart from the item gone', () => {
    const signals = {
      passwordField: false,
      siteName: 'Le Petit Écho',
      nonTextElements: 0,
      parkingService: null,
    };
    const url = 'https://echo.example/2021/03/video';
    const at = (text: string) =>
      classify({
        outcome: answered(url, 200),
        meta: page({ title: 'Le Petit Écho', text, signals }),
      });
    const paragraphs =
      ' Les élus de l’opposition ont demandé au maire pourquoi la vidéo de la séance avait disparu.'.repeat(
        5,
      );
    // Sentences of its own after the removal: an article about it.
    expect(
      at(`Cette vidéo a été retirée de YouTube après une plainte du maire.${paragraphs}`).status,
    ).toBe('ok');
    // A banner, then titles of other videos (no sentences): the item gone.
    const list = ' Le marché de Noël en images'.repeat(12);
    expect(
      at(`Cette vidéo a été supprimée par son auteur. Vidéos recommandées${list}`).status,
    ).toBe('dead');
    // Too few sentences for an article: an error page's advice.
    expect(
      at(
        'Cette vidéo n’est plus disponible. Elle a peut-être été supprimée par son auteur. Utilisez la recherche pour trouver une autre vidéo.',
      ).status,
    ).toBe('dead');
  });
  it('keeps an item removed from some other place, or from loan, ok under its own heading', () => {
    const signals = {
      passwordField: false,
      siteName: 'Bibliothèque',
      nonTextElements: 0,
      parkingService: null,
    };
    const at = (title: string, h1: string | null, text: string) =>
      classify({
        outcome: answered('https://bm.example/notice/12345', 200),
        meta: page({ title, h1, text, signals }),
      });
    // A library record: its copy withdrawn from loan, the record still describes the book.
    expect(
      at(
        'Le Petit Prince | Bibliothèque',
        'Le Petit Prince',
        'Saint-Exupéry, 1946. Ce document n’est plus disponible au prêt.',
      ).status,
    ).toBe('ok');
    expect(
      at(
        'The Little Prince | City Library',
        'The Little Prince',
        'This item is no longer available for loan.',
      ).status,
    ).toBe('ok');
    // A school's news: the book left a list, the page is about that.
    expect(
      at(
        'Reading list changes | Lincoln High',
        'Reading list changes',
        'This book has been removed from the reading list for next year.',
      ).status,
    ).toBe('ok');
    // Removed from the site itself, or with nothing of its own: still gone.
    expect(
      at('Rapport 2019 | Ville', 'Rapport 2019', 'Ce document a été retiré du site.').status,
    ).toBe('dead');
    expect(
      at('Rapport 2019 | Ville', 'Rapport 2019', 'This document has been removed from our website.')
        .status,
    ).toBe('dead');
    expect(at('Bibliothèque', null, 'Ce document n’est plus disponible au prêt.').status).toBe(
      'dead',
    );
    expect(removal('This book has been removed from the reading list.')).toMatchObject({
      elsewhere: true,
    });
    expect(removal('Cette page a été supprimée du site.')).toMatchObject({ elsewhere: false });
  });
});
