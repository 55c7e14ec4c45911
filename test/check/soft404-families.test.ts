/**
 * The soft-404 families end to end, on a loopback web: each family of dead documents that
 * answer 200, next to the legitimate pages that look like them and must stay ok.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNamed } from '../support/check-targets.js';
import { bytes, html, redirect, startTestWeb, type TestWeb } from '../support/web.js';

const NAV = 'Accueil Actualités Vidéos Boutique Contact Mentions légales Plan du site';
const FOOTER = '© 2024 Tous droits réservés. Suivez-nous sur les réseaux.';

/** A page of a site: its template around `body`. */
const sitePage = (title: string, body: string, head = '') =>
  html(
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title>${head}</head>` +
      `<body><nav>${NAV}</nav><main>${body}</main><footer>${FOOTER}</footer></body></html>`,
  );

const LONG_ARTICLE = Array.from(
  { length: 40 },
  (_, i) =>
    `Paragraphe ${i} : la question du droit à l'effacement revient souvent devant les juridictions européennes et nationales.`,
).join(' ');

const ENGLISH_ARTICLE = Array.from(
  { length: 30 },
  (_, i) =>
    `Section ${i}. Link rot affects citations in scholarly work, and archives help readers recover what was cited.`,
).join(' ');

describe('soft-404 families on a loopback web', () => {
  let web: TestWeb;
  let verdict: Awaited<ReturnType<typeof checkNamed>>;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    web = await startTestWeb(['video.test', 'shop.test', 'news.test', 'parked.test']);

    // A video site whose unavailable videos keep the bare site name as their title.
    const video = web.host('video.test');
    video.route('/', sitePage('VidéoTube', '<h1>À la une</h1><p>Les vidéos du jour.</p>'));
    video.route('*', sitePage('Page introuvable | VidéoTube', '<h1>Oups</h1>', ''));
    const unavailable = {
      fr: "Cette vidéo n'est plus disponible.",
      en: 'This video is not available.',
      de: 'Dieses Video ist leider nicht mehr verfügbar.',
      es: 'Este vídeo ya no está disponible.',
      it: 'Questo video non è più disponibile.',
    };
    for (const [lang, sentence] of Object.entries(unavailable)) {
      video.route(
        `/watch/${lang}`,
        sitePage('VidéoTube', `<div class="player"><p>${sentence}</p></div>`),
      );
      urls[`video-${lang}`] = `${video.origin}/watch/${lang}`;
    }
    video.route(
      '/watch/geo',
      sitePage('VidéoTube', '<p>This video is not available in your country.</p>'),
    );
    video.route(
      '/watch/live',
      sitePage(
        'Un vrai clip - VidéoTube',
        '<h1>Un vrai clip</h1><video src="/v.mp4"></video><p>Publié hier.</p>',
      ),
    );
    urls['video-geo'] = `${video.origin}/watch/geo`;
    urls['video-live'] = `${video.origin}/watch/live`;

    // A shop naming itself in og:site_name; its gone products keep only that name as title.
    const shop = web.host('shop.test');
    const og = '<meta property="og:site_name" content="Boutique Dupont">';
    shop.route(
      '/produit/42',
      sitePage(
        'Boutique Dupont',
        `<p>Ce produit n'est plus disponible.</p><h2>Produits similaires</h2><p>Théière en fonte, tasse en grès, plateau.</p>`,
        og,
      ),
    );
    shop.route(
      '/produit/43',
      sitePage(
        'Boutique Dupont',
        '<p>Ce produit est momentanément indisponible. Revenez bientôt.</p>',
        og,
      ),
    );
    shop.route(
      '/produit/44',
      sitePage(
        'Théière en fonte | Boutique Dupont',
        '<h1>Théière en fonte</h1><p>En stock. Les anciennes références ne sont plus disponibles.</p>',
        og,
      ),
    );
    urls['shop-gone'] = `${shop.origin}/produit/42`;
    urls['shop-out-of-stock'] = `${shop.origin}/produit/43`;
    urls['shop-live'] = `${shop.origin}/produit/44`;

    // A newspaper: removal wordings, its search page, an empty page, a sign-in form.
    const news = web.host('news.test');
    news.route('*', (req, res) =>
      sitePage('Page introuvable | Le Journal', '<h1>Page introuvable</h1>')(req, res),
    );
    const routes: Record<string, [string, ReturnType<typeof html>]> = {
      'news-removed-title': [
        '/article/1',
        sitePage('Page supprimée | Le Journal', '<p>Retour à l’accueil.</p>'),
      ],
      'news-removed-h1': ['/article/2', sitePage('Le Journal', '<h1>Ce contenu a été retiré</h1>')],
      'news-removed-text': [
        '/article/3',
        sitePage('Le Journal', "<p>Ce contenu n'existe plus.</p><p>Retour à l’accueil</p>"),
      ],
      'news-removed-en': [
        '/en/story/4',
        sitePage('The Journal', '<p>This content has been removed.</p>'),
      ],
      'news-right-to-be-forgotten': [
        '/article/droit-oubli',
        sitePage(
          "Quand une page disparaît : le droit à l'oubli | Le Journal",
          `<h1>Quand une page disparaît : le droit à l'oubli</h1><p>${LONG_ARTICLE}</p>`,
        ),
      ],
      'news-quote': [
        '/en/link-rot',
        sitePage(
          'Why links rot | The Journal',
          `<h1>Why links rot</h1><p>${ENGLISH_ARTICLE} Readers then meet a banner: "this page no longer exists". ${ENGLISH_ARTICLE}</p>`,
        ),
      ],
      'news-brief': [
        '/breve/5',
        sitePage(
          'Une vidéo retirée de la plateforme | Le Journal',
          '<h1>Une vidéo retirée de la plateforme</h1><p>La plateforme explique que la vidéo a été supprimée à la demande de son auteur.</p>',
        ),
      ],
      'news-to-search': ['/article/ancien', redirect(302, '/recherche?q=article+ancien')],
      'news-search-cited': [
        '/recherche',
        sitePage(
          'Résultats de recherche pour « climat » | Le Journal',
          '<h1>Résultats</h1><p>12 articles.</p>',
        ),
      ],
      'news-search-answer': [
        '/article/disparu',
        sitePage(
          'Résultats de recherche pour « article disparu » | Le Journal',
          '<p>Aucun résultat.</p>',
        ),
      ],
      'news-search-article': [
        '/article/moteurs',
        sitePage(
          'Search results are getting worse | The Journal',
          `<h1>Search results are getting worse</h1><p>${ENGLISH_ARTICLE}</p>`,
        ),
      ],
      'news-empty': ['/article/vide', bytes(Buffer.alloc(0), 'text/html; charset=utf-8')],
      'news-blank-html': ['/article/blanc', html('<html><head></head><body>\n  </body></html>')],
      'news-app-shell': [
        '/app/dossier',
        html(
          '<html><head><title></title></head><body><div id="root"></div><script src="/app.js"></script></body></html>',
        ),
      ],
      'news-sign-in': [
        '/abonnes/rapport-2023',
        sitePage(
          'Connexion | Le Journal',
          '<form method="post"><input name="email"><input type="password" name="pw"><button>Se connecter</button></form>',
        ),
      ],
      'news-login-box': [
        '/article/avec-connexion',
        sitePage(
          'Un long article | Le Journal',
          `<h1>Un long article</h1><p>${LONG_ARTICLE}</p><aside><form><input type="password"></form></aside>`,
        ),
      ],
    };
    for (const [key, [path, handler]] of Object.entries(routes)) {
      news.route(path, handler);
      urls[key] = `${news.origin}${path}`;
    }
    urls['news-search-cited'] = `${news.origin}/recherche?q=climat`;

    // A parked domain answers every path with its sale page.
    const parked = web.host('parked.test');
    parked.route(
      '*',
      html(
        '<html><head><title>parked.test</title></head><body><h1>parked.test</h1><p>This domain may be for sale. Buy this domain.</p><p>Related searches: Travel, Insurance</p></body></html>',
      ),
    );
    urls['parked-home'] = `${parked.origin}/`;
    urls['parked-deep'] = `${parked.origin}/rapport/2019.html`;

    verdict = await checkNamed(urls, web.lookup);
  });
  afterAll(() => web.close());

  it('calls an unavailable video titled with the bare site name dead, in five languages', () => {
    for (const lang of ['fr', 'en', 'de', 'es', 'it']) {
      expect([lang, ...verdict(`video-${lang}`)]).toEqual([lang, 'dead', 'soft-404']);
    }
    expect(verdict('video-geo')).toEqual(['ok', null]);
    expect(verdict('video-live')).toEqual(['ok', null]);
  });

  it('calls a product no longer available dead, not one out of stock', () => {
    expect(verdict('shop-gone')).toEqual(['dead', 'soft-404']);
    expect(verdict('shop-out-of-stock')).toEqual(['ok', null]);
    expect(verdict('shop-live')).toEqual(['ok', null]);
  });

  it('reads removal wordings in the title, the h1 and a short text, not in articles about them', () => {
    expect(verdict('news-removed-title')).toEqual(['dead', 'soft-404']);
    expect(verdict('news-removed-h1')).toEqual(['dead', 'soft-404']);
    expect(verdict('news-removed-text')).toEqual(['dead', 'soft-404']);
    expect(verdict('news-removed-en')).toEqual(['dead', 'soft-404']);
    expect(verdict('news-right-to-be-forgotten')).toEqual(['ok', null]);
    expect(verdict('news-quote')).toEqual(['ok', null]);
    expect(verdict('news-brief')).toEqual(['ok', null]);
  });

  it('calls a removed article answered by the search page dead, a cited search page ok', () => {
    expect(verdict('news-to-search')).toEqual(['dead', 'redirect-to-search']);
    expect(verdict('news-search-answer')).toEqual(['dead', 'redirect-to-search']);
    expect(verdict('news-search-cited')).toEqual(['ok', null]);
    expect(verdict('news-search-article')).toEqual(['ok', null]);
  });

  it('calls an empty 200 page an error (dead only if it lasts), an application shell ok', () => {
    expect(verdict('news-empty')).toEqual(['error', 'empty-page']);
    expect(verdict('news-blank-html')).toEqual(['error', 'empty-page']);
    expect(verdict('news-app-shell')).toEqual(['ok', null]);
  });

  it('calls a sign-in form at a deep URL blocked, a page with a login box ok', () => {
    expect(verdict('news-sign-in')).toEqual(['blocked', 'login-required']);
    expect(verdict('news-login-box')).toEqual(['ok', null]);
  });

  it('calls a parked domain dead, at its home page too', () => {
    expect(verdict('parked-home')).toEqual(['dead', 'parked-domain']);
    expect(verdict('parked-deep')).toEqual(['dead', 'parked-domain']);
  });
});
