/**
 * Soft-404 families, round 17, end to end on a loopback web: the leftovers of round 16 (an
 * article about a removed video under the site's bare name, a forum's quick-login box, a search
 * for the cited slug in the path, German shops' "nicht mehr lieferbar", books no longer for
 * sale) and the stock, "for now" and access-mode wordings the audit found, each next to the
 * pages that look like it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNamed } from '../support/check-targets.js';
import { html, redirect, startTestWeb, type TestWeb } from '../support/web.js';

const site = (name: string) => `<meta property="og:site_name" content="${name}">`;
const doc = (title: string, body: string, head = '') =>
  html(
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head>` +
      `<body>${body}</body></html>`,
  );
const repeat = (n: number, sentence: string) =>
  Array.from({ length: n }, (_, i) => sentence.replace('#', String(i + 1))).join(' ');

const FR_PARAGRAPHS = repeat(
  8,
  "<p>Au conseil municipal du # mars, les élus de l'opposition ont demandé au maire pourquoi la vidéo de la séance avait disparu.</p>",
);
const EN_PARAGRAPHS = repeat(
  8,
  '<p>At the council meeting of March #, opposition members asked the mayor why the recording of the session had disappeared.</p>',
);

/** phpBB's quick-login box: a form in a plain <div>, as on its index and in many styles. */
const PHPBB_LOGIN =
  '<div class="panel"><form method="post" action="./ucp.php?mode=login"><h3>Connexion • Inscription</h3>' +
  '<fieldset class="quick-login"><label>Nom d’utilisateur : <input type="text" name="username"></label>' +
  '<label>Mot de passe : <input type="password" name="password"></label>' +
  '<a href="./ucp.php?mode=sendpassword">J’ai oublié mon mot de passe</a> | ' +
  '<label>Se souvenir de moi <input type="checkbox" name="autologin"></label>' +
  '<input type="submit" name="login" value="Connexion"></fieldset></form></div>';

describe('soft-404 families, round 17, on a loopback web', () => {
  let web: TestWeb;
  let verdict: Awaited<ReturnType<typeof checkNamed>>;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    web = await startTestWeb([
      'echo.test',
      'forum.test',
      'blog.test',
      'laden.test',
      'negozio.test',
      'tienda.test',
      'editions.test',
      'boutique.test',
      'revues.test',
    ]);
    const add = (host: string, key: string, path: string, handler: ReturnType<typeof html>) => {
      const h = web.host(host);
      h.route(path, handler);
      urls[key] = `${h.origin}${path}`;
    };

    // A local paper titling every page with its bare name (no <h1>): its articles about a
    // removed video open with the removal sentence; its own video pages that are gone say
    // only that, beside a list of recommended videos.
    const echo = site('Le Petit Écho');
    add(
      'echo.test',
      'article-fr',
      '/2021/03/video-conseil',
      doc(
        'Le Petit Écho',
        `<p>Cette vidéo a été retirée de YouTube après une plainte du maire, explique notre correspondant.</p>${FR_PARAGRAPHS}`,
        echo,
      ),
    );
    add(
      'echo.test',
      'article-en',
      '/2021/03/council-video',
      doc(
        'Le Petit Écho',
        `<p>This video has been removed from YouTube after a complaint by the mayor, our reporter says.</p>${EN_PARAGRAPHS}`,
        echo,
      ),
    );
    add(
      'echo.test',
      'video-gone',
      '/videos/conseil-12',
      doc('Le Petit Écho', "<p>Cette vidéo n'est plus disponible.</p>", echo),
    );
    add(
      'echo.test',
      'video-gone-recommended',
      '/videos/conseil-13',
      doc(
        'Le Petit Écho',
        `<div class="player"><p>Cette vidéo a été supprimée par son auteur.</p></div><h2>Vidéos recommandées</h2><ul>${repeat(30, '<li><a href="/videos/#">Le marché de Noël en images, édition #</a></li>')}</ul>`,
        echo,
      ),
    );

    // A forum topic with phpBB's quick-login box; a members-only page; a short blog post with
    // WordPress's login widget in a plain <div>.
    add(
      'forum.test',
      'phpbb-topic',
      '/viewtopic.php',
      doc(
        'Re: locomotive BB 9004 - Forum des amis du rail',
        '<div class="headerbar"><h1>Forum des amis du rail</h1><p>Le forum des passionnés</p></div>' +
          '<div class="navbar"><a>FAQ</a> <a>Inscription</a> <a>Connexion</a></div>' +
          '<h2>Re: locomotive BB 9004</h2><div class="post"><p>Message par jean » 12 mars 2011</p>' +
          '<div class="content">Merci pour la photo ! La BB 9004 a battu le record de vitesse en 1955 avec la CC 7107. Elle est exposée à Mulhouse.</div></div>' +
          `${PHPBB_LOGIN}<div class="stat-block"><h3>Qui est en ligne</h3><p>Utilisateurs parcourant ce forum : Aucun utilisateur inscrit et 2 invités</p></div>`,
      ),
    );
    urls['phpbb-topic'] += '?t=123';
    add(
      'forum.test',
      'members-only',
      '/docs/rapport-2023',
      doc(
        'Rapport annuel 2023 | Forum des amis du rail',
        `<div class="top"><img src="/logo.png" alt=""></div><div class="main"><p>Ce document est réservé aux membres de l'association : connectez-vous pour y accéder.</p>${PHPBB_LOGIN}</div>`,
      ),
    );
    add(
      'forum.test',
      'bare-form',
      '/docs/statuts',
      doc(
        'Statuts',
        '<h1>Statuts</h1><div><form action="/login" method="post">Identifiant <input name="u"> Mot de passe <input type="password" name="p"> <button>Valider</button></form></div>',
      ),
    );
    add(
      'blog.test',
      'haiku-widget',
      '/2020/01/haiku/',
      doc(
        'Haïku d’hiver | Mon Blog',
        '<div class="site-header"><p>Mon Blog</p></div><div id="primary"><h1>Haïku d’hiver</h1>' +
          '<p>Neige sur le toit / le chat regarde passer / le silence blanc.</p><p>Publié le 3 janvier 2020 par Anne dans Poèmes.</p></div>' +
          '<div id="secondary" class="widget-area"><section><h2>Connexion</h2><form action="/wp-login.php" method="post">' +
          '<label>Identifiant</label><input name="log"><label>Mot de passe</label><input type="password" name="pwd"><input type="submit" value="Se connecter"></form></section>' +
          '<section><h2>Catégories</h2><ul><li>Poèmes</li><li>Voyages</li></ul></section></div>',
      ),
    );

    // WordPress's pretty search: a removed post sent to a search for its own slug.
    const blog = web.host('blog.test');
    blog.route(
      '/search/mon-vieil-article/',
      doc('Mon Blog', '<h1>Mon Blog</h1><p>Aucun résultat.</p>'),
    );
    add(
      'blog.test',
      'to-search-slug',
      '/2019/05/mon-vieil-article/',
      redirect(301, '/search/mon-vieil-article/'),
    );
    add(
      'blog.test',
      'search-cited',
      '/search/climat/',
      doc('Résultats de recherche pour « climat » | Mon Blog', '<p>12 articles.</p>'),
    );
    // A section named search is a move: Google's Search Central lives at /search/docs.
    blog.route(
      '/search/docs',
      doc('Documentation | Mon Blog', '<h1>Documentation</h1><p>Guides.</p>'),
    );
    add('blog.test', 'to-search-section', '/webmasters/guide', redirect(301, '/search/docs'));

    // Shops under their bare name: gone from the range, against out of stock.
    const laden = site('Buchladen Müller');
    const ladenPage = (text: string) => doc('Buchladen Müller', `<p>${text}</p>`, laden);
    add(
      'laden.test',
      'de-lieferbar',
      '/produkt/1',
      ladenPage('Dieser Artikel ist nicht mehr lieferbar.'),
    );
    add(
      'laden.test',
      'de-sortiment',
      '/produkt/2',
      ladenPage('Das Produkt ist leider nicht mehr im Sortiment.'),
    );
    add(
      'laden.test',
      'de-derzeit',
      '/produkt/3',
      ladenPage('Dieser Artikel ist derzeit nicht lieferbar.'),
    );
    add(
      'laden.test',
      'de-ausverkauft',
      '/produkt/4',
      ladenPage('Dieser Artikel ist leider ausverkauft.'),
    );
    add(
      'laden.test',
      'de-titled',
      '/produkt/5',
      doc(
        'Der Zauberberg | Buchladen Müller',
        '<h1>Der Zauberberg</h1><p>Thomas Mann. Roman. Dieser Artikel ist nicht mehr lieferbar.</p>',
        laden,
      ),
    );
    const negozio = site('Negozio Rossi');
    add(
      'negozio.test',
      'it-gone',
      '/prodotto/1',
      doc('Negozio Rossi', '<p>Questo prodotto non è più disponibile.</p>', negozio),
    );
    add(
      'negozio.test',
      'it-esaurito',
      '/prodotto/2',
      doc('Negozio Rossi', '<p>Prodotto esaurito.</p>', negozio),
    );
    const tienda = site('Tienda García');
    add(
      'tienda.test',
      'es-gone',
      '/producto/1',
      doc('Tienda García', '<p>Este producto ya no está disponible.</p>', tienda),
    );
    add(
      'tienda.test',
      'es-agotado',
      '/producto/2',
      doc('Tienda García', '<p>Este producto está agotado.</p>', tienda),
    );
    const boutique = site('Ma Boutique');
    add(
      'boutique.test',
      'fr-gone',
      '/p/1',
      doc('Ma Boutique', "<p>Ce produit n'est plus disponible.</p>", boutique),
    );
    add(
      'boutique.test',
      'fr-stock',
      '/p/2',
      doc('Ma Boutique', "<p>Ce produit n'est plus disponible en stock.</p>", boutique),
    );
    add(
      'boutique.test',
      'fr-for-now',
      '/p/3',
      doc('Ma Boutique', "<p>Ce produit n'est plus disponible pour le moment.</p>", boutique),
    );
    add(
      'boutique.test',
      'en-stock',
      '/p/4',
      doc('Ma Boutique', '<p>This item is no longer available in stock.</p>', boutique),
    );

    // Books no longer for sale: the page that still presents the book is the catalogue's page.
    const editions = site('Éditions Dupuis');
    const blurb = repeat(
      3,
      '<p>Un roman sur un voyage en train à travers l’Europe, salué par la critique (#).</p>',
    );
    add(
      'editions.test',
      'book-described',
      '/livre/le-voyage',
      doc(
        'Le Voyage — Éditions Dupuis',
        `<h1>Le Voyage</h1><p>Jean Martin. Roman, 320 pages, 2004.</p><p>Ce livre n'est plus disponible à la commande.</p>${blurb}`,
        editions,
      ),
    );
    add(
      'editions.test',
      'book-titled-short',
      '/livre/la-gare',
      doc(
        'La Gare — Éditions Dupuis',
        "<h1>La Gare</h1><p>Ce livre n'est plus disponible à la commande.</p>",
        editions,
      ),
    );
    add(
      'editions.test',
      'book-bare',
      '/livre/autre',
      doc('Éditions Dupuis', "<p>Ce livre n'est plus disponible à la commande.</p>", editions),
    );
    add(
      'editions.test',
      'en-purchase-titled',
      '/books/the-station',
      doc(
        'The Station — Éditions Dupuis',
        '<h1>The Station</h1><p>This book is no longer available for purchase.</p>',
        editions,
      ),
    );
    add(
      'editions.test',
      'en-purchase-bare',
      '/books/other',
      doc('Éditions Dupuis', '<p>This book is no longer available for purchase.</p>', editions),
    );
    add(
      'editions.test',
      'product-titled-gone',
      '/boutique/tasse',
      doc(
        'Tasse en grès — Éditions Dupuis',
        "<h1>Tasse en grès</h1><p>Ce produit n'est plus disponible.</p>",
        editions,
      ),
    );

    // A library's records: a copy withdrawn from loan, against a record with nothing left.
    add(
      'editions.test',
      'library-record',
      '/notice/12345',
      doc(
        'Le Petit Prince / Saint-Exupéry | Éditions Dupuis',
        '<h1>Le Petit Prince</h1><p>Antoine de Saint-Exupéry. Gallimard, 1946.</p><p>Ce document n’est plus disponible au prêt.</p>',
      ),
    );
    add(
      'editions.test',
      'removed-from-list',
      '/actualites/liste-de-lecture',
      doc(
        'Reading list changes | Éditions Dupuis',
        '<h1>Reading list changes</h1><p>This book has been removed from the reading list for next year.</p>',
      ),
    );
    add(
      'editions.test',
      'removed-from-site',
      '/documents/rapport-2019',
      doc(
        'Rapport 2019 | Éditions Dupuis',
        '<h1>Rapport 2019</h1><p>Ce document a été retiré du site.</p>',
      ),
    );
    // A journal platform: an article that left open access keeps its page.
    add(
      'revues.test',
      'open-access',
      '/revue-villes-2019-1-page-5.htm',
      doc(
        'Sociologie des villes moyennes | Revues',
        "<h1>Sociologie des villes moyennes</h1><p>Cet article n'est plus disponible en accès libre.</p>",
      ),
    );

    verdict = await checkNamed(urls, web.lookup);
  });
  afterAll(() => web.close());

  const OK = ['ok', null];
  const SOFT = ['dead', 'soft-404'];

  it('reads an article opening with a removal under the bare site name as an article', () => {
    expect(verdict('article-fr')).toEqual(OK);
    expect(verdict('article-en')).toEqual(OK);
    expect(verdict('video-gone')).toEqual(SOFT);
    expect(verdict('video-gone-recommended')).toEqual(SOFT);
  });

  it('leaves a page with a small login box beside its content ok, a sign-in page blocked', () => {
    expect(verdict('phpbb-topic')).toEqual(OK);
    expect(verdict('haiku-widget')).toEqual(OK);
    expect(verdict('members-only')).toEqual(['blocked', 'login-required']);
    expect(verdict('bare-form')).toEqual(['blocked', 'login-required']);
  });

  it('calls a post sent to a search for its own slug dead, a cited search or a search section not', () => {
    expect(verdict('to-search-slug')).toEqual(['dead', 'redirect-to-search']);
    expect(verdict('search-cited')).toEqual(OK);
    expect(verdict('to-search-section')).toEqual(['redirected', 'moved-permanently']);
  });

  it('calls an item gone from a shop dead, one out of stock or unavailable for now ok', () => {
    for (const key of ['de-lieferbar', 'de-sortiment', 'it-gone', 'es-gone', 'fr-gone']) {
      expect([key, ...verdict(key)]).toEqual([key, ...SOFT]);
    }
    for (const key of [
      'de-derzeit',
      'de-ausverkauft',
      'de-titled',
      'it-esaurito',
      'es-agotado',
      'fr-stock',
      'fr-for-now',
      'en-stock',
    ]) {
      expect([key, ...verdict(key)]).toEqual([key, ...OK]);
    }
  });

  it('keeps a book page no longer for sale ok while it presents the book, dead when bare', () => {
    expect(verdict('book-described')).toEqual(OK);
    expect(verdict('book-titled-short')).toEqual(OK);
    expect(verdict('en-purchase-titled')).toEqual(OK);
    expect(verdict('book-bare')).toEqual(SOFT);
    expect(verdict('en-purchase-bare')).toEqual(SOFT);
    // Not a sales wording: "no longer available" of a product under its own title, as before.
    expect(verdict('product-titled-gone')).toEqual(SOFT);
  });

  it('keeps an item withdrawn from loan or from a list ok under its own heading', () => {
    expect(verdict('library-record')).toEqual(OK);
    expect(verdict('removed-from-list')).toEqual(OK);
    expect(verdict('removed-from-site')).toEqual(SOFT);
  });

  it('leaves an article that is no longer in open access ok', () => {
    expect(verdict('open-access')).toEqual(OK);
  });
});
