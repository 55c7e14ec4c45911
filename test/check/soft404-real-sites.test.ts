/**
 * Soft-404 families as real sites build them, end to end on a loopback web: every host answers
 * unknown paths with a real 404 carrying its template (cookie banner, navigation, footer), as
 * WordPress, SPIP, Typo3 and shop engines do, so the page's own words are read against it.
 */
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNamed } from '../support/check-targets.js';
import { type Handler, html, startTestWeb, type TestWeb } from '../support/web.js';

interface Template {
  lang: string;
  cookie: string;
  nav: string;
  footer: string;
}

const page = (t: Template, title: string, main: string, status = 200): Handler =>
  html(
    `<!DOCTYPE html><html lang="${t.lang}"><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><div id="cookies"><p>${t.cookie}</p></div><header><nav>${t.nav}</nav></header>` +
      `<main>${main}</main><footer>${t.footer}</footer></body></html>`,
    { status },
  );

/** Answers by the whole request target (path and query), as video sites route `?v=`. */
const byTarget =
  (routes: Record<string, Handler>, fallback: Handler): Handler =>
  (req: http.IncomingMessage, res: http.ServerResponse) =>
    (routes[req.url ?? ''] ?? fallback)(req, res);

const tube: Template = {
  lang: 'en',
  cookie:
    'We use cookies to improve your experience and show you personalised content. Accept all Reject all',
  nav: 'Home Shorts Subscriptions Library History',
  footer: 'About Press Copyright Contact us Creators Advertise Developers Terms Privacy',
};
const mairie: Template = {
  lang: 'fr',
  cookie:
    'Nous utilisons des cookies pour mesurer l’audience du site. Tout accepter Tout refuser Personnaliser',
  nav: 'La mairie Vie municipale Démarches Enfance et jeunesse Culture et loisirs',
  footer: 'Mairie de Saint-Aubin, 1 place de la République. Plan du site Mentions légales',
};
const laden: Template = {
  lang: 'de',
  cookie:
    'Wir verwenden Cookies, um Ihnen ein optimales Einkaufserlebnis zu bieten. Alle akzeptieren',
  nav: 'Kaffee Maschinen Zubehör Angebote Mein Konto Warenkorb',
  footer: 'Impressum Datenschutz AGB Widerrufsbelehrung © 2024 Kaffeehaus Müller GmbH',
};

describe('soft-404 families on sites with real 404 templates', () => {
  let web: TestWeb;
  let verdict: Awaited<ReturnType<typeof checkNamed>>;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    web = await startTestWeb(['tube.test', 'mairie.test', 'laden.test', 'old-club.test']);

    // A video site: its own 404 page opens with "This page isn't available", and its unavailable
    // videos keep the bare site name for title, with the reason under a "Video unavailable" banner.
    const t = web.host('tube.test');
    const notFound = page(tube, '404 Not Found', "<p>This page isn't available. Sorry.</p>", 404);
    const player = (reason: string, sub: string) =>
      page(tube, ' - Tube', `<div class="reason">${reason}</div><div class="sub">${sub}</div>`);
    const videos: Record<string, Handler> = {
      '/watch?v=tos': player('This video has been removed for violating the Terms of Service', ''),
      '/watch?v=terminated': player(
        'Video unavailable',
        'This video is no longer available because the account associated with this video has been terminated.',
      ),
      '/watch?v=private': player('Video unavailable', 'This video is private'),
      '/watch?v=geo': player(
        'Video unavailable',
        'The uploader has not made this video available in your country',
      ),
      '/watch?v=copyright': player(
        'Video unavailable',
        'This video contains content from Label, who has blocked it on copyright grounds',
      ),
    };
    t.route('/watch', byTarget(videos, notFound));
    t.route('*', notFound);
    for (const v of ['tos', 'terminated', 'private', 'geo', 'copyright']) {
      urls[`tube-${v}`] = `${t.origin}/watch?v=${v}`;
    }

    // A SPIP town hall: its error template ("Erreur 404") also answers, with 200 and the bare
    // site name for title, the articles it unpublished; an article about the error stays ok.
    const m = web.host('mairie.test');
    const error = '<h1>Erreur 404</h1><p>La page que vous demandez n’existe pas.</p>';
    m.route('*', page(mairie, 'Page introuvable - Mairie de Saint-Aubin', error, 404));
    m.route('/spip.php', page(mairie, 'Mairie de Saint-Aubin', error));
    m.route(
      '/Conseil-municipal-du-12-mars',
      page(
        mairie,
        'Mairie de Saint-Aubin',
        '<p>La page demandée n’existe plus ou a été déplacée.</p>',
      ),
    );
    m.route(
      '/Erreur-404-sur-le-portail-famille',
      page(
        mairie,
        'Erreur 404 sur le portail famille - Mairie de Saint-Aubin',
        '<h1>Erreur 404 sur le portail famille</h1><p>Le portail famille a affiché des erreurs 404 lundi matin ; le prestataire a corrigé le problème dans la journée et les inscriptions ont repris.</p>',
      ),
    );
    urls['mairie-template'] = `${m.origin}/spip.php?article123`;
    urls['mairie-moved'] = `${m.origin}/Conseil-municipal-du-12-mars`;
    urls['mairie-article'] = `${m.origin}/Erreur-404-sur-le-portail-famille`;

    // A German shop: the verb comes second ("Leider ist dieser Artikel...").
    const l = web.host('laden.test');
    l.route(
      '*',
      page(laden, 'Seite nicht gefunden | Kaffeehaus Müller', '<h1>Seite nicht gefunden</h1>', 404),
    );
    l.route(
      '/p/espresso-maschine-x1',
      page(
        laden,
        'Kaffeehaus Müller',
        '<div class="alert">Leider ist dieser Artikel nicht mehr verfügbar.</div><h2>Ähnliche Artikel</h2><p>Espressomaschine X2 499 €</p>',
      ),
    );
    l.route(
      '/p/kaffeemuehle',
      page(
        laden,
        'Kaffeehaus Müller',
        '<p>Der von Ihnen gewählte Artikel ist leider nicht mehr verfügbar.</p>',
      ),
    );
    l.route(
      '/p/espresso-bohnen',
      page(
        laden,
        'Espresso Bohnen 1 kg | Kaffeehaus Müller',
        '<h1>Espresso Bohnen 1 kg</h1><p>19,90 € Variante 500 g derzeit nicht verfügbar. Lieferzeit 2-3 Tage.</p>',
      ),
    );
    urls['laden-inverted'] = `${l.origin}/p/espresso-maschine-x1`;
    urls['laden-chosen'] = `${l.origin}/p/kaffeemuehle`;
    urls['laden-live'] = `${l.origin}/p/espresso-bohnen`;
    l.route(
      '/ratgeber/domain-kaufen',
      page(
        laden,
        'How to buy a domain | Kaffeehaus Müller',
        '<h1>How to buy a domain</h1><p>If the domain is for sale, make an offer through a broker. Check the whois first.</p>',
      ),
    );
    urls['laden-advice'] = `${l.origin}/ratgeber/domain-kaufen`;

    // A lapsed club domain on a marketplace's lander, which names the domain.
    const club = web.host('old-club.test');
    club.route(
      '*',
      html(
        '<!DOCTYPE html><html><head><title>old-club.test</title></head><body><h1>old-club.test is for sale</h1><p>Buy now for $2,495 or make an offer. Secure ownership transfer.</p></body></html>',
      ),
    );
    urls['club-lander'] = `${club.origin}/statuts/2019.html`;

    verdict = await checkNamed(urls, web.lookup);
  });
  afterAll(() => web.close());

  it('reads the message whole when the host error page opens with the same word', () => {
    expect(verdict('tube-tos')).toEqual(['dead', 'soft-404']);
    expect(verdict('tube-terminated')).toEqual(['dead', 'soft-404']);
  });

  it('leaves a private or blocked video under a "Video unavailable" banner alone', () => {
    expect(verdict('tube-private')).toEqual(['ok', null]);
    expect(verdict('tube-geo')).toEqual(['ok', null]);
    expect(verdict('tube-copyright')).toEqual(['ok', null]);
  });

  it("knows the host's error template served with 200, and moved-or-gone wordings", () => {
    expect(verdict('mairie-template')).toEqual(['dead', 'soft-404']);
    expect(verdict('mairie-moved')).toEqual(['dead', 'soft-404']);
    expect(verdict('mairie-article')).toEqual(['ok', null]);
  });

  it('reads German removal sentences with the verb second', () => {
    expect(verdict('laden-inverted')).toEqual(['dead', 'soft-404']);
    expect(verdict('laden-chosen')).toEqual(['dead', 'soft-404']);
    expect(verdict('laden-live')).toEqual(['ok', null]);
  });

  it('knows a lander naming the domain for sale, not advice about buying one', () => {
    expect(verdict('club-lander')).toEqual(['dead', 'parked-domain']);
    expect(verdict('laden-advice')).toEqual(['ok', null]);
  });
});
