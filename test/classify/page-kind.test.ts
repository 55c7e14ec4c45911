/** Sign-in forms, login boxes and the page signals read from the markup. */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { extractMeta } from '../../src/extract/index.js';
import { answered } from './build.js';

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

describe('login boxes in plain <div>s', () => {
  const read = (url: string, body: string) => {
    const outcome = answered(url, 200, { body });
    return classify({ outcome, meta: extractMeta(outcome.response!) });
  };
  const box =
    '<div class="quick-login"><form action="/ucp.php?mode=login" method="post"><h3>Connexion</h3><label>Nom d’utilisateur <input name="u"></label><label>Mot de passe <input type="password" name="p"></label><a href="/pw">J’ai oublié mon mot de passe</a><input type="submit" value="Connexion"></form></div>';

  it('counts the words of the form that holds the password field', () => {
    const body = `<html><body><p>Un deux trois.</p>${box}<form><input name="q"> Rechercher</form></body></html>`;
    const meta = extractMeta(answered('https://a.example/x', 200, { body }).response!);
    expect(meta.signals?.loginFormWords).toBe(12);
  });

  it('leaves a short page with a heading of its own beside a login box ok', () => {
    const post =
      '<h1>Re: locomotive BB 9004</h1><p>Merci pour la photo ! Elle est exposée à Mulhouse depuis 1971.</p><p>Message par jean, le 12 mars 2011.</p>';
    const topic = `<html><head><title>Re: locomotive BB 9004 - Forum du rail</title></head><body>${post}${box}</body></html>`;
    expect(read('https://rail.example/viewtopic.php?t=1', topic).status).toBe('ok');
  });

  it('still reads a form and a line, or words asking for a sign-in, as a sign-in page', () => {
    const bare = `<html><head><title>Statuts</title></head><body><h1>Statuts</h1>${box}</body></html>`;
    expect(read('https://rail.example/docs/statuts', bare).reason).toBe('login-required');
    const asks = `<html><head><title>Rapport 2023</title></head><body><h1>Rapport 2023</h1><p>${'Le rapport annuel présente les activités de l’association. '.repeat(4)}</p><p>Vous devez être connecté pour lire la suite.</p>${box}</body></html>`;
    expect(read('https://rail.example/docs/rapport', asks).reason).toBe('login-required');
    // The site's name as heading is no heading of the page's own.
    const siteHeaded = `<html><head><meta property="og:site_name" content="Forum du rail"><title>Forum du rail</title></head><body><h1>Forum du rail</h1><p>Bienvenue sur le forum des passionnés de chemin de fer, de la vapeur au TGV.</p>${box}</body></html>`;
    expect(read('https://rail.example/docs/liste', siteHeaded).reason).toBe('login-required');
  });
});
