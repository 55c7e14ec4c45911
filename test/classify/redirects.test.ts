import { describe, expect, it } from 'vitest';
import { classify, isHomePath, sameResource, suggestedUrl } from '../../src/classify/index.js';
import type { ReasonCode, Verdict } from '../../src/model/index.js';
import { answered, page } from './build.js';

const meta = page({ title: 'Rapport annuel 2019', h1: 'Rapport annuel 2019' });

describe('redirect chains', () => {
  const cases: [string, string, [number, string][], Verdict, ReasonCode | null][] = [
    [
      'temporary 302',
      'https://a.example.org/doc/1',
      [[302, 'https://a.example.org/doc/1?session=9']],
      'ok',
      null,
    ],
    [
      'temporary 303 and 307',
      'https://a.example.org/doc/1',
      [
        [303, 'https://b.example.org/x'],
        [307, 'https://c.example.org/y'],
      ],
      'ok',
      null,
    ],
    [
      'permanent 301 to another page',
      'https://a.example.org/doc/1',
      [[301, 'https://a.example.org/documents/1']],
      'redirected',
      'moved-permanently',
    ],
    [
      'permanent 308 to another host',
      'https://a.example.org/doc/1',
      [[308, 'https://new.example.net/doc/1']],
      'redirected',
      'moved-permanently',
    ],
    [
      'http to https (301) is trivial',
      'http://a.example.org/doc/1',
      [[301, 'https://a.example.org/doc/1']],
      'ok',
      null,
    ],
    [
      'adding www is trivial',
      'https://example.org/doc/1',
      [[301, 'https://www.example.org/doc/1']],
      'ok',
      null,
    ],
    [
      'removing www is trivial',
      'https://www.example.org/doc/1',
      [[308, 'https://example.org/doc/1']],
      'ok',
      null,
    ],
    [
      'trailing slash is trivial',
      'https://a.example.org/doc',
      [[301, 'https://a.example.org/doc/']],
      'ok',
      null,
    ],
    [
      'path case is trivial',
      'https://a.example.org/Doc/Report',
      [[301, 'https://a.example.org/doc/report']],
      'ok',
      null,
    ],
    [
      'https + www + slash together are trivial',
      'http://example.org/doc',
      [
        [301, 'https://example.org/doc'],
        [301, 'https://www.example.org/doc/'],
      ],
      'ok',
      null,
    ],
    [
      'trivial 301 then a real 301',
      'http://a.example.org/doc',
      [
        [301, 'https://a.example.org/doc'],
        [301, 'https://a.example.org/archives/doc'],
      ],
      'redirected',
      'moved-permanently',
    ],
    [
      'trivial 302 then a real 301',
      'http://a.example.org/doc',
      [
        [302, 'https://a.example.org/doc'],
        [301, 'https://a.example.org/archives/doc'],
      ],
      'redirected',
      'moved-permanently',
    ],
    [
      'resolver 302 then publisher 301 (DOI) is ok',
      'https://doi.org/10.1000/182',
      [
        [302, 'http://pub.example.org/article/182'],
        [301, 'https://pub.example.org/article/182/full'],
      ],
      'ok',
      null,
    ],
    [
      '301 then a temporary login bounce: moved',
      'https://a.example.org/doc',
      [
        [301, 'https://b.example.org/doc'],
        [302, 'https://b.example.org/doc?lang=fr'],
      ],
      'redirected',
      'moved-permanently',
    ],
    [
      'query change is not trivial',
      'https://a.example.org/doc?id=1',
      [[301, 'https://a.example.org/doc?id=2']],
      'redirected',
      'moved-permanently',
    ],
    [
      'deep link 301 to /',
      'https://a.example.org/doc/1',
      [[301, 'https://a.example.org/']],
      'dead',
      'redirect-to-home',
    ],
    [
      'deep link 302 to /',
      'https://a.example.org/doc/1',
      [[302, 'https://a.example.org/']],
      'dead',
      'redirect-to-home',
    ],
    [
      'deep link to /index.php',
      'https://a.example.org/doc/1',
      [[301, 'https://a.example.org/index.php']],
      'dead',
      'redirect-to-home',
    ],
    [
      'deep link to /index.html',
      'https://a.example.org/doc/1',
      [[302, 'https://a.example.org/index.html']],
      'dead',
      'redirect-to-home',
    ],
    [
      'deep link to /fr/',
      'https://a.example.org/doc/1',
      [[301, 'https://a.example.org/fr/']],
      'dead',
      'redirect-to-home',
    ],
    [
      'deep link to /en',
      'https://a.example.org/doc/1',
      [[301, 'https://a.example.org/en']],
      'dead',
      'redirect-to-home',
    ],
    [
      'deep link to /fr-fr',
      'https://a.example.org/doc/1',
      [[302, 'https://a.example.org/fr-fr']],
      'dead',
      'redirect-to-home',
    ],
    [
      'deep link to /fr/accueil',
      'https://a.example.org/doc/1',
      [[302, 'https://a.example.org/fr/accueil']],
      'dead',
      'redirect-to-home',
    ],
    [
      'deep link to another site home',
      'https://old.example.org/doc/1',
      [[301, 'https://www.example.net/']],
      'dead',
      'redirect-to-home',
    ],
    [
      'home with query via chain',
      'https://a.example.org/doc/1',
      [
        [301, 'https://a.example.org/doc/1/'],
        [302, 'https://a.example.org/?utm_source=x'],
      ],
      'dead',
      'redirect-to-home',
    ],
    [
      'query link to /',
      'https://a.example.org/index.php?id=42',
      [[302, 'https://a.example.org/']],
      'dead',
      'redirect-to-home',
    ],
    [
      'wordpress ?p= to /',
      'https://a.example.org/?p=123',
      [[301, 'https://a.example.org/']],
      'dead',
      'redirect-to-home',
    ],
    ['home to home is fine', 'http://example.org', [[301, 'https://www.example.org/']], 'ok', null],
    [
      'home with tracking query to home is fine',
      'https://example.org/?utm_source=news',
      [[301, 'https://example.org/']],
      'ok',
      null,
    ],
    [
      'home to language root is fine',
      'https://example.org/',
      [[302, 'https://example.org/fr/']],
      'ok',
      null,
    ],
    [
      'deep link to a section is not home',
      'https://a.example.org/doc/1',
      [[301, 'https://a.example.org/documents/']],
      'redirected',
      'moved-permanently',
    ],
    // A shortener's 301 is a real move: the catalogue should cite the expanded URL.
    [
      'shortener to a home page is not home-dead',
      'https://bit.ly/3abc',
      [[301, 'https://example.org/']],
      'redirected',
      'moved-permanently',
    ],
    [
      'temporary redirect to a sign-in page',
      'https://a.example.org/intranet/doc/3',
      [[302, 'https://a.example.org/login?next=%2Fintranet%2Fdoc%2F3']],
      'blocked',
      'http-401',
    ],
    [
      'permanent redirect to an SSO sign-in',
      'https://a.example.org/doc/3',
      [[301, 'https://sso.example.org/cas/login?service=x']],
      'blocked',
      'http-401',
    ],
    [
      'redirect to connexion.php',
      'https://a.example.org/doc/3',
      [[302, 'https://a.example.org/compte/connexion.php']],
      'blocked',
      'http-401',
    ],
    [
      'a path about French "cas" is not a sign-in',
      'https://a.example.org/doc/3',
      [[301, 'https://a.example.org/cas/pratiques/3']],
      'redirected',
      'moved-permanently',
    ],
    [
      'a cited sign-in page moving trivially stays ok',
      'http://a.example.org/login',
      [[301, 'https://a.example.org/login']],
      'ok',
      null,
    ],
    [
      'shortener to a deep link then home is dead',
      'https://bit.ly/3abc',
      [
        [301, 'https://example.org/report/7'],
        [301, 'https://example.org/'],
      ],
      'dead',
      'redirect-to-home',
    ],
  ];
  it.each(cases)('%s', (_name, url, hops, verdict, reason) => {
    const c = classify({ outcome: answered(url, 200, { hops }), meta });
    expect(c.status).toBe(verdict);
    expect(c.reason).toBe(reason);
  });

  it('names the new URL and the action', () => {
    const outcome = answered('https://a.example.org/doc/1', 200, {
      hops: [[301, 'https://a.example.org/documents/1']],
    });
    const c = classify({ outcome, meta });
    expect(c.message).toBe(
      'Permanently moved to https://a.example.org/documents/1: update the catalogue.',
    );
    expect(suggestedUrl(outcome, c)).toBe('https://a.example.org/documents/1');
  });

  it('suggests the end of the permanent part, not a temporary bounce after it', () => {
    const outcome = answered('https://a.example.org/doc', 200, {
      hops: [
        [301, 'https://b.example.org/doc'],
        [302, 'https://b.example.org/doc?lang=fr'],
      ],
    });
    expect(suggestedUrl(outcome, classify({ outcome, meta }))).toBe('https://b.example.org/doc');
  });

  it('home redirect message', () => {
    const c = classify({
      outcome: answered('https://a.example.org/doc/1', 200, {
        hops: [[301, 'https://a.example.org/']],
      }),
      meta,
    });
    expect(c.message).toBe(
      "Redirected to the site's home page (https://a.example.org/): the document is gone.",
    );
  });

  it('no suggestion for trivial moves or ok pages', () => {
    const outcome = answered('http://a.example.org/doc', 200, {
      hops: [[301, 'https://a.example.org/doc']],
    });
    const c = classify({ outcome, meta });
    expect(c.status).toBe('ok');
    expect(c.message).toContain('equivalent');
    expect(suggestedUrl(outcome, c)).toBeNull();
  });
});

describe('isHomePath', () => {
  it.each([
    '/',
    '/index.html',
    '/index.php',
    '/fr/',
    '/en',
    '/fr-fr',
    '/en_US/',
    '/de/index.html',
    '/accueil',
    '/home/',
  ])('%s is home', (p) => expect(isHomePath(p)).toBe(true));
  it.each(['/doc', '/fr/doc', '/reports/', '/index2.html', '/about', '/fr/fr/'])(
    '%s is deep',
    (p) => expect(isHomePath(p)).toBe(false),
  );
});

describe('sameResource', () => {
  it('ignores scheme, www, slash, case, index file', () => {
    expect(sameResource('http://Example.org/A/', 'https://www.example.org/a/index.html')).toBe(
      true,
    );
  });
  it('keeps query, host and path differences', () => {
    expect(sameResource('https://example.org/a?x=1', 'https://example.org/a?x=2')).toBe(false);
    expect(sameResource('https://example.org/a', 'https://example.net/a')).toBe(false);
    expect(sameResource('https://example.org/a', 'https://example.org/b')).toBe(false);
  });
});

describe('sign-in pages and home pages that are not the end of a document', () => {
  const cases: [string, string, [number, string][], Verdict, ReasonCode | null][] = [
    [
      'deep link sent to the root of a dedicated sign-in host is blocked, not dead',
      'https://intranet.example.org/rapports/2024.pdf',
      [[302, 'https://login.example.org/']],
      'blocked',
      'http-401',
    ],
    [
      'deep link sent to an SSO host root is blocked',
      'https://example.org/members/doc',
      [[302, 'https://sso.example.org/']],
      'blocked',
      'http-401',
    ],
    [
      'WordPress sign-in (wp-login.php) is blocked',
      'https://example.org/private/doc',
      [[302, 'https://example.org/wp-login.php?redirect_to=%2Fprivate%2Fdoc']],
      'blocked',
      'http-401',
    ],
    [
      "Moodle's sign-in (login/index.php) is blocked",
      'https://moodle.example.org/mod/resource/view.php?id=7',
      [[303, 'https://moodle.example.org/login/index.php']],
      'blocked',
      'http-401',
    ],
    [
      'Rails/Devise sign-in (users/sign_in) is blocked',
      'https://example.org/projects/42',
      [[302, 'https://example.org/users/sign_in']],
      'blocked',
      'http-401',
    ],
    [
      'a sign-in step in the middle of the path, with a return parameter, is blocked',
      'https://docs.example.org/d/abc/edit',
      [[302, 'https://accounts.example.com/v3/signin/identifier?continue=https%3A%2F%2Fdocs']],
      'blocked',
      'http-401',
    ],
    [
      'SAML single sign-on endpoint is blocked',
      'https://example.org/library/item/9',
      [[302, 'https://idp.example.org/idp/profile/SAML2/Redirect/SSO?SAMLRequest=abc']],
      'blocked',
      'http-401',
    ],
    [
      'a section that became its own host is moved, not dead',
      'https://example.org/blog',
      [[301, 'https://blog.example.org/']],
      'redirected',
      'moved-permanently',
    ],
    [
      'the home page in French (?lang=fr to /fr/) is ok',
      'https://example.org/?lang=fr',
      [[302, 'https://example.org/fr/']],
      'ok',
      null,
    ],
    [
      'a deep link sent to another host root is still dead',
      'https://example.org/blog/post-1',
      [[301, 'https://blog.example.org/']],
      'dead',
      'redirect-to-home',
    ],
    [
      'a site named like a role (cas.org) is not a sign-in host',
      'https://www.cas.org/old/page',
      [[301, 'https://cas.org/']],
      'dead',
      'redirect-to-home',
    ],
    [
      'a page moved into a section of a one-page site (/#contact) is moved, not dead',
      'https://example.org/contact',
      [[301, 'https://example.org/#contact']],
      'redirected',
      'moved-permanently',
    ],
    [
      'a fragment inherited from the cited URL does not save a home landing',
      'https://example.org/doc#part-2',
      [[301, 'https://example.org/#part-2']],
      'dead',
      'redirect-to-home',
    ],
    [
      'an empty fragment on the home page is still the home page',
      'https://example.org/contact',
      [[301, 'https://example.org/#']],
      'dead',
      'redirect-to-home',
    ],
    [
      'a docs page about auth is not a sign-in page',
      'https://example.org/docs/old-auth',
      [[301, 'https://example.org/docs/auth/overview']],
      'redirected',
      'moved-permanently',
    ],
  ];
  it.each(cases)('%s', (_name, url, hops, verdict, reason) => {
    const c = classify({ outcome: answered(url, 200, { hops }), meta });
    expect(c.status).toBe(verdict);
    expect(c.reason).toBe(reason);
  });
});
