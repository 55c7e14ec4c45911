import { describe, expect, it } from 'vitest';
import { classify, needsProbe, type ProbeResult, probeUrlFor } from '../../src/classify/index.js';
import { extractMeta } from '../../src/extract/index.js';
import type { PageMeta } from '../../src/model/index.js';
import { answered, page } from './build.js';

const TEMPLATE_TEXT =
  'Accueil Actualités Publications Contact Mentions légales Plan du site Suivez-nous sur les réseaux Newsletter Inscrivez-vous';
const ARTICLE_A =
  "Le conseil municipal a adopté mardi le budget primitif pour 2020, qui prévoit une hausse des investissements dans les écoles et la rénovation de la piscine municipale, après un long débat sur l'endettement.";
const ARTICLE_B =
  "La préfecture publie le bilan de la qualité de l'air pour l'année écoulée : les concentrations de dioxyde d'azote baissent pour la troisième année consécutive, mais l'ozone reste au-dessus des seuils en été.";

function probe(
  url: string,
  status: number,
  meta: PageMeta | null,
  hops: [number, string][] = [],
): ProbeResult {
  return { url, outcome: answered(url, status, { hops }), meta };
}

const HOST = 'https://catchall.example.org';
const PROBE_URL = `${HOST}/rotwatch-probe-abc123`;
const homeMeta = page({
  title: 'Ville de Exemple',
  h1: 'Bienvenue',
  text: `${TEMPLATE_TEXT} ${ARTICLE_A}`,
});

describe('probe comparison', () => {
  it('catch-all host serving the home page for any path: soft-404', () => {
    const c = classify({
      outcome: answered(`${HOST}/actualites/vieux-article`, 200),
      meta: homeMeta,
      probe: probe(PROBE_URL, 200, homeMeta),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'soft-404' });
    expect(c.message).toContain('a random path on this host returns the same page');
  });

  it('error template echoing the requested path still matches', () => {
    const tmpl = (path: string) =>
      page({
        title: 'Ville de Exemple',
        h1: 'Ville de Exemple',
        text: `${TEMPLATE_TEXT} Vous avez demandé ${path} ${TEMPLATE_TEXT}`,
      });
    const c = classify({
      outcome: answered(`${HOST}/actualites/vieux-article`, 200),
      meta: tmpl('/actualites/vieux-article'),
      probe: probe(PROBE_URL, 200, tmpl('/rotwatch-probe-abc123')),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'soft-404' });
  });

  it('target and probe both land on the same URL: soft-404', () => {
    const c = classify({
      outcome: answered(`${HOST}/doc/7`, 200, { hops: [[302, `${HOST}/recherche?q=`]] }),
      meta: page({ title: 'Recherche' }),
      probe: probe(PROBE_URL, 200, page({ title: 'Recherche' }), [[302, `${HOST}/recherche?q=`]]),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'soft-404' });
    expect(c.message).toContain(`${HOST}/recherche?q=`);
  });

  it('a real page on a catch-all host is not flagged', () => {
    const c = classify({
      outcome: answered(`${HOST}/actualites/budget-2020`, 200),
      meta: page({
        title: 'Budget 2020 adopté | Ville de Exemple',
        h1: 'Budget 2020 adopté',
        text: `${TEMPLATE_TEXT} ${ARTICLE_A}`,
      }),
      probe: probe(PROBE_URL, 200, homeMeta),
    });
    expect(c.status).toBe('ok');
  });

  it('same template, same title, different content is not flagged', () => {
    const shared = { title: 'Ville de Exemple', h1: 'Actualités' };
    const c = classify({
      outcome: answered(`${HOST}/actualites/air`, 200),
      meta: page({ ...shared, text: `${TEMPLATE_TEXT} ${ARTICLE_B} ${TEMPLATE_TEXT}` }),
      probe: probe(
        PROBE_URL,
        200,
        page({ ...shared, text: `${TEMPLATE_TEXT} ${ARTICLE_A} ${TEMPLATE_TEXT}` }),
      ),
    });
    expect(c.status).toBe('ok');
  });

  it('a probe that got a real 404 changes nothing', () => {
    const c = classify({
      outcome: answered(`${HOST}/actualites/vieux-article`, 200),
      meta: homeMeta,
      probe: probe(PROBE_URL, 404, homeMeta),
    });
    expect(c.status).toBe('ok');
  });

  it('a permanent move stays redirected when the probe differs', () => {
    const c = classify({
      outcome: answered(`${HOST}/a`, 200, { hops: [[301, `${HOST}/b`]] }),
      meta: page({ title: 'B', text: ARTICLE_B }),
      probe: probe(PROBE_URL, 200, homeMeta),
    });
    expect(c).toMatchObject({ status: 'redirected', reason: 'moved-permanently' });
  });

  it('JavaScript shells with the same title are inconclusive, not dead', () => {
    const shell = page({ title: 'Mon App', text: 'Chargement…' });
    const c = classify({
      outcome: answered(`${HOST}/app/dossier/12`, 200),
      meta: shell,
      probe: probe(PROBE_URL, 200, shell),
    });
    expect(c.status).toBe('ok');
    expect(c.message).toContain('could not be verified');
  });

  it('a shell with a static heading is inconclusive too, a short page without script is compared', () => {
    // <div id="root"><h1>Acme Docs</h1></div> and the application's script: the same HTML at
    // every address, the page being built by the script.
    const read = (url: string, script: string) => {
      const body = `<html><head><title>Acme Docs</title>${script}</head><body><div id="root"><h1>Acme Docs</h1><p>Loading</p></div></body></html>`;
      const outcome = answered(url, 200, { body });
      return { outcome, meta: extractMeta(outcome.response!) };
    };
    const app = '<script type="module" src="/assets/app.js"></script>';
    const shell = read(`${HOST}/docs/guide/install`, app);
    const shellProbe = read(PROBE_URL, app);
    expect(classify({ ...shell, probe: { url: PROBE_URL, ...shellProbe } }).message).toContain(
      'could not be verified',
    );
    // JSON-LD is data, not a script that builds the page: a minimal home served for any path.
    const data = '<script type="application/ld+json">{"@type":"WebSite"}</script>';
    const home = read(`${HOST}/docs/guide/install`, data);
    const homeProbe = read(PROBE_URL, data);
    expect(classify({ ...home, probe: { url: PROBE_URL, ...homeProbe } })).toMatchObject({
      status: 'dead',
      reason: 'soft-404',
    });
  });

  it('everything redirected to a sign-in page is blocked, not dead', () => {
    const login = page({ title: 'Connexion', text: 'Identifiant Mot de passe' });
    const c = classify({
      outcome: answered(`${HOST}/intranet/doc`, 200, { hops: [[302, `${HOST}/login?next=x`]] }),
      meta: login,
      probe: probe(PROBE_URL, 200, login, [[302, `${HOST}/login?next=x`]]),
    });
    expect(c).toMatchObject({ status: 'blocked', reason: 'http-401' });
  });
});

describe('needsProbe', () => {
  it('deep 200 HTML page: yes', () => {
    expect(needsProbe(answered(`${HOST}/doc/1`, 200), page({ title: 'Doc' }))).toBe(true);
  });
  it('home page: no', () => {
    expect(needsProbe(answered(`${HOST}/`, 200), page({ title: 'Home' }))).toBe(false);
    expect(
      needsProbe(answered(`${HOST}/doc/1`, 200, { hops: [[302, `${HOST}/fr/`]] }), page()),
    ).toBe(false);
  });
  it('non-HTML or non-2xx: no', () => {
    const pdf = answered(`${HOST}/doc.pdf`, 200, {
      headers: { 'content-type': 'application/pdf' },
    });
    expect(needsProbe(pdf, page({ contentType: 'application/pdf' }))).toBe(false);
    expect(needsProbe(answered(`${HOST}/doc/1`, 404), page())).toBe(false);
    expect(needsProbe(answered(`${HOST}/doc/1`, 304), null)).toBe(false);
  });
  it('already a soft-404 by wording: no', () => {
    expect(needsProbe(answered(`${HOST}/doc/1`, 200), page({ title: 'Page not found' }))).toBe(
      false,
    );
  });
  it('uses the header when meta is missing', () => {
    expect(needsProbe(answered(`${HOST}/doc/1`, 200), null)).toBe(true);
  });
});

describe('probeUrlFor', () => {
  it('random path on the same origin', () => {
    expect(probeUrlFor('https://a.example.org:8443/x/y?z=1#f', () => 'r4nd0m')).toBe(
      'https://a.example.org:8443/rotwatch-probe-r4nd0m',
    );
  });
  it('differs between calls by default', () => {
    const a = probeUrlFor('https://a.example.org/x');
    const b = probeUrlFor('https://a.example.org/x');
    expect(a).toMatch(/^https:\/\/a\.example\.org\/rotwatch-probe-[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
  });
});

describe('a title that says 404 only by number', () => {
  const MDN = 'https://developer.mozilla.example/en-US/docs/Web/HTTP/Status/404';
  const mdnMeta = page({
    title: '404 Not Found - HTTP | MDN',
    h1: '404 Not Found',
    text: 'The HTTP 404 Not Found client error response status code indicates that the server cannot find the requested resource.',
  });
  const mdnProbe = (status: number, title: string) =>
    probe('https://developer.mozilla.example/rotwatch-probe-1', status, page({ title }));

  it('asks for the probe (it may be an article about the status code)', () => {
    expect(needsProbe(answered(MDN, 200), mdnMeta)).toBe(true);
    expect(
      needsProbe(answered(MDN, 200), page({ title: 'HTTP 404 - Wikipedia', h1: 'HTTP 404' })),
    ).toBe(true);
  });

  it('is an article on a host that answers unknown paths with a real 404', () => {
    const c = classify({
      outcome: answered(MDN, 200),
      meta: mdnMeta,
      probe: mdnProbe(404, 'Page not found | MDN'),
    });
    expect(c).toMatchObject({ status: 'ok', reason: null });
    const wiki = classify({
      outcome: answered('https://en.wikipedia.example/wiki/HTTP_404', 200),
      meta: page({ title: 'Erreur HTTP 404 — Wikipédia', h1: 'Erreur HTTP 404' }),
      probe: probe(
        'https://en.wikipedia.example/rotwatch-probe-1',
        404,
        page({ title: 'Wikipédia' }),
      ),
    });
    expect(wiki.status).toBe('ok');
  });

  it('is still a soft-404 without a probe, on a catch-all host, or when it is the 404 template', () => {
    expect(classify({ outcome: answered(MDN, 200), meta: mdnMeta }).reason).toBe('soft-404');
    expect(
      classify({
        outcome: answered(MDN, 200),
        meta: mdnMeta,
        probe: mdnProbe(200, 'MDN Web Docs'),
      }).reason,
    ).toBe('soft-404');
    expect(
      classify({
        outcome: answered(MDN, 200),
        meta: mdnMeta,
        probe: mdnProbe(404, '404 Not Found - HTTP | MDN'),
      }).reason,
    ).toBe('soft-404');
  });

  it("is still a soft-404 when it carries the host's 404 heading under another title", () => {
    // A SPIP or Typo3 error template served with 200 and the bare site name for title.
    const c = classify({
      outcome: answered(`${HOST}/spip.php?article123`, 200),
      meta: page({ title: 'Mairie de Saint-Aubin', h1: 'Erreur 404' }),
      probe: probe(
        `${HOST}/rotwatch-probe-1`,
        404,
        page({ title: 'Page introuvable - Mairie de Saint-Aubin', h1: 'Erreur 404' }),
      ),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'soft-404' });
  });

  it('an article about the status stays ok when every page of the host has the same heading', () => {
    // The site's name as the h1 of every page, its 404 page included: the shared heading says
    // nothing about this page; the host answers missing paths with a real 404.
    const c = classify({
      outcome: answered(`${HOST}/blog/erreur-404`, 200),
      meta: page({ title: 'Erreur 404 - Le blog de Marie', h1: 'Le blog de Marie' }),
      probe: probe(
        `${HOST}/rotwatch-probe-1`,
        404,
        page({ title: 'Page introuvable - Le blog de Marie', h1: 'Le blog de Marie' }),
      ),
    });
    expect(c.status).toBe('ok');
  });

  it('words alone stay a soft-404 whatever the probe says', () => {
    const meta = page({ title: 'Erreur 404 - Page introuvable | Ville' });
    expect(needsProbe(answered(`${HOST}/doc/1`, 200), meta)).toBe(false);
    const c = classify({
      outcome: answered(`${HOST}/doc/1`, 200),
      meta,
      probe: probe(PROBE_URL, 404, page({ title: 'Ville' })),
    });
    expect(c.reason).toBe('soft-404');
  });
});

describe('sites whose navigation fills the start of every page', () => {
  const SITE = 'https://mairie.example.org';
  /** A portal's mega-menu: hundreds of links, the same on every page. */
  const menu = (items: number) =>
    Array.from(
      { length: items },
      (_, i) => `<li><a href="/rubrique-${i}">Démarches rubrique ${i} services municipaux</a></li>`,
    ).join('');
  const html = (items: number, main: string) =>
    `<html><head><title>Mairie de Saint-Exemple</title></head><body><h1>Mairie de Saint-Exemple</h1><nav><ul>${menu(items)}</ul></nav><main>${main}</main></body></html>`;
  const fetched = (url: string, body: string) => {
    const outcome = answered(url, 200, { body });
    return { outcome, meta: extractMeta(outcome.response!) };
  };
  const target = (items: number) =>
    fetched(`${SITE}/actualites/budget-2020`, html(items, `<p>${ARTICLE_A}</p>`));
  const probeOf = (items: number): ProbeResult => {
    const url = `${SITE}/rotwatch-probe-1`;
    return { url, ...fetched(url, html(items, "<p>La page demandée n'existe pas.</p>")) };
  };

  it('a live page after more than 4 KB of menu is not the error template', () => {
    const { outcome, meta } = target(120);
    expect(meta.text.indexOf('Le conseil municipal')).toBeGreaterThan(4096);
    expect(classify({ outcome, meta, probe: probeOf(120) }).status).toBe('ok');
  });

  it('when the menu alone fills the text kept, the probe cannot tell: ok with a note', () => {
    const { outcome, meta } = target(400);
    const c = classify({ outcome, meta, probe: probeOf(400) });
    expect(c.status).toBe('ok');
    expect(c.message).toContain('could not be verified');
  });

  it('the error template itself, short enough to be read whole, is still a soft-404', () => {
    const url = `${SITE}/actualites/vieux-article`;
    const { outcome, meta } = fetched(url, html(120, "<p>La page demandée n'existe pas.</p>"));
    expect(classify({ outcome, meta, probe: probeOf(120) }).reason).toBe('soft-404');
  });
});
