import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { parkedEvidence } from '../../src/classify/parked.js';
import { findRemoval } from '../../src/classify/removal.js';
import { isSearchUrl, saysSearchResults } from '../../src/classify/search.js';
import { saysNotFound } from '../../src/classify/soft404.js';
import { words } from '../../src/classify/text.js';
import { extractMeta } from '../../src/extract/index.js';
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

describe('parked domains', () => {
  it('knows a redirect to a domain marketplace and a parking lander', () => {
    const toSale = answered('https://old-site.example/report', 200, {
      hops: [[302, 'https://sedo.com/search/details/?domain=old-site.example']],
    });
    expect(parkedEvidence(toSale, page({ title: 'Domain for sale' }))).toContain('sedo.com');
    const lander = answered('https://old-site.example/report', 200, {
      hops: [[302, 'https://old-site.example/lander']],
    });
    expect(parkedEvidence(lander, page())).toContain('lander');
    // The marketplace itself, cited: its pages are what was cited.
    const cited = answered('https://sedo.com/about', 200);
    expect(parkedEvidence(cited, page({ text: 'This domain is for sale.' }))).toBeNull();
  });

  it('reads a parking service script from the page', () => {
    const body =
      '<html><head><title>old-site.example</title><script src="https://www.parkingcrew.net/px.js"></script></head><body><div id="c"></div></body></html>';
    const outcome = answered('https://old-site.example/', 200, { body });
    const meta = extractMeta(outcome.response!);
    expect(meta.signals?.parkingService).toBe('parkingcrew.net');
    expect(classify({ outcome, meta })).toMatchObject({ status: 'dead', reason: 'parked-domain' });
  });

  it('reads the landers that name the domain, the website for sale and the ads disclaimer', () => {
    const at = (url: string, title: string, text: string) =>
      parkedEvidence(answered(url, 200), page({ title, text }));
    // Dan.com, HugeDomains: the domain's own name offered for sale.
    expect(
      at(
        'https://old-site.example/about',
        'old-site.example',
        'old-site.example is for sale. Buy now for $2,495.',
      ),
    ).toContain('old site example is for sale');
    expect(
      at('https://www.old-site.example/', 'Old-Site.example may be for sale', ''),
    ).not.toBeNull();
    // GoDaddy's lander.
    expect(
      at(
        'https://old-site.example/contact',
        'old-site.example',
        'This website is for sale! old-site.example is your first and best source.',
      ),
    ).not.toBeNull();
    // Bodis, ParkingCrew, Sedo: the disclaimer under the sponsored links.
    expect(
      at(
        'https://old-site.example/blog',
        'old-site.example',
        'Related searches. Disclaimer: The Sponsored Listings displayed above are served automatically by a third party. Neither the service provider nor the domain owner maintain any relationship with the advertisers.',
      ),
    ).not.toBeNull();
    // A domain under a two-part suffix.
    expect(
      at('https://example.co.uk/x', 'example.co.uk', 'The domain name example.co.uk is for sale.'),
    ).not.toBeNull();
  });

  it('leaves advice about domains for sale ok', () => {
    const at = (text: string) =>
      parkedEvidence(
        answered('https://blog.example.org/buy-domain', 200),
        page({ title: 'How to buy a domain', text }),
      );
    expect(
      at('If the domain is for sale, make an offer through a broker. Check the whois first.'),
    ).toBeNull();
    expect(at('Wenn die Domain zum Verkauf steht, fragen Sie den Inhaber.')).toBeNull();
    expect(at('Our blog example.org is the best source for news.')).toBeNull();
  });

  it('knows the numbered lander host of Bodis and ParkingCrew, not a site of its own ww2 server', () => {
    const lander = answered('https://old-courier.example/track', 200, {
      hops: [[302, 'http://ww25.old-courier.example/?subid1=20230706-1756-1900-a6cd-de029c64d04c']],
    });
    expect(parkedEvidence(lander, page({ title: 'old-courier.example' }))).toContain('lander');
    const server = answered('https://www.real-site.example/docs/guide', 200, {
      hops: [[301, 'https://ww2.real-site.example/docs/guide']],
    });
    expect(parkedEvidence(server, page({ title: 'Guide' }))).toBeNull();
  });

  it('leaves an article about buying domains ok', () => {
    const text = Array.from(
      { length: 60 },
      () => 'When a domain is for sale, buyers compare prices across marketplaces.',
    ).join(' ');
    const outcome = answered('https://blog.example.org/buying-domains', 200);
    expect(parkedEvidence(outcome, page({ title: 'How to buy a domain', text }))).toBeNull();
  });
});

describe('sign-in forms and login boxes', () => {
  const read = (url: string, body: string) => {
    const outcome = answered(url, 200, { body });
    return classify({ outcome, meta: extractMeta(outcome.response!) });
  };
  const form =
    '<form action="/login" method="post"><input name="user"><input type="password" name="pw"><button>OK</button></form>';

  it('leaves a short page with a login box in its header or sidebar ok', () => {
    const poem =
      '<h1>Trois haïkus d’automne</h1><p>Feuilles qui tombent / le vent les compte une à une / personne ne répond.</p>';
    const title = '<title>Trois haïkus d’automne | Ouest Matin</title>';
    const inHeader = `<html><head>${title}</head><body><header>${form}</header><main>${poem}</main></body></html>`;
    expect(read('https://ouest.example/culture/haiku', inHeader).status).toBe('ok');
    // Joomla's login module in the sidebar, WordPress's in a widget area.
    const inAside = `<html><head>${title}</head><body><main>${poem}</main><aside><h3>Connexion</h3>${form}</aside></body></html>`;
    expect(read('https://ouest.example/culture/haiku', inAside).status).toBe('ok');
    const byRole = `<html><head>${title}</head><body><div role="banner">${form}</div><main>${poem}</main></body></html>`;
    expect(read('https://ouest.example/culture/haiku', byRole).status).toBe('ok');
  });

  it('still reads a sign-in form as the page, titled so or not', () => {
    const bare = `<html><head><title>Intranet</title></head><body><header><img src="/logo.png"></header><main>${form}</main></body></html>`;
    expect(read('https://intranet.example/docs/rapport', bare)).toMatchObject({
      status: 'blocked',
      reason: 'login-required',
    });
    // A sign-in title or heading is enough wherever the form sits.
    const titled = `<html><head><title>Connexion | Intranet</title></head><body><header>${form}</header></body></html>`;
    expect(read('https://intranet.example/docs/rapport', titled).reason).toBe('login-required');
  });
});

describe('page signals read from the markup', () => {
  it('counts a body made by its onload script: the page is not empty', () => {
    const body = `<html><body onload="window.location='/news/story-1'"></body></html>`;
    const outcome = answered('https://a.example.org/old/story', 200, { body });
    const meta = extractMeta(outcome.response!);
    expect(meta.signals?.nonTextElements).toBeGreaterThan(0);
    expect(classify({ outcome, meta }).reason).not.toBe('empty-page');
  });

  it('reads a password field, the site name and non-text elements', () => {
    const body =
      '<html><head><meta property="og:site_name" content="Le Journal"><title>Connexion</title></head>' +
      '<body><form action="/login"><input type="password" name="p"></form><img src="a.png"></body></html>';
    const meta = extractMeta(answered('https://a.example.org/x', 200, { body }).response!);
    expect(meta.signals).toMatchObject({ passwordField: true, siteName: 'Le Journal' });
    expect(meta.signals?.nonTextElements).toBeGreaterThanOrEqual(3);
  });
});
