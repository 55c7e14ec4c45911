import { readFileSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  cookieHeader,
  defaultPath,
  emptyJar,
  looksLikePublicSuffix,
  MAX_COOKIE_HEADER_BYTES,
  MAX_COOKIES,
  pathMatches,
  setCookies,
} from '../../src/fetch/cookies.js';
import { createFetcher } from '../../src/fetch/index.js';
import { parseCookieDate, parseSetCookie } from '../../src/fetch/set-cookie.js';
import { type Handler, html, redirect, startTestWeb } from '../support/web.js';
import { setup, testOptions } from './helpers.js';

/** A redirect that also sets cookies (one Set-Cookie line each). */
function redirectSetting(code: number, location: string, cookies: string[]): Handler {
  return (_req, res) => {
    res.writeHead(code, { location, 'set-cookie': cookies, 'content-length': 0 });
    res.end();
  };
}

/** A consent wall: 302 to itself with Set-Cookie until the cookie comes back, then 200. */
function consentWall(cookie: string, setCookie: string): Handler {
  return (req, res) => {
    if (req.headers.cookie?.split('; ').includes(cookie)) {
      html('<title>Article</title>')(req, res);
      return;
    }
    res.writeHead(302, { location: req.url ?? '/', 'set-cookie': setCookie, 'content-length': 0 });
    res.end();
  };
}

const cookiesOf = (req: { headers: http.IncomingHttpHeaders } | undefined) => req?.headers.cookie;

describe('fetch: per-chain cookie jar', () => {
  it('passes a consent wall that redirects to itself with Set-Cookie', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/article', consentWall('consent=yes', 'consent=yes; Path=/; SameSite=Lax'));
    const out = await fetcher.fetch(`${alpha.origin}/article`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(200);
    expect(out.hops).toEqual([
      { url: `${alpha.origin}/article`, status: 302, location: `${alpha.origin}/article` },
    ]);
    expect(alpha.requests.map(cookiesOf)).toEqual([undefined, 'consent=yes']);
  });

  it('still reports a loop when the cookie changes nothing', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    // Sets a cookie but wants another one: the second visit (with the cookie) loops again.
    alpha.route('/wall', consentWall('never=1', 'consent=yes'));
    const out = await fetcher.fetch(`${alpha.origin}/wall`);
    expect(out.error?.code).toBe('redirect-loop');
    expect(out.hops).toHaveLength(2);
    expect(alpha.requests.map(cookiesOf)).toEqual([undefined, 'consent=yes']);
  });

  it('keeps cookies through retries of the same chain', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 1 });
    const alpha = web.host('alpha.test');
    alpha.route('/busy', (req, res) => {
      if (req.headers.cookie === 'ticket=42') return html('ok')(req, res);
      res.writeHead(503, { 'set-cookie': 'ticket=42', 'content-length': 0 });
      res.end();
    });
    const out = await fetcher.fetch(`${alpha.origin}/busy`);
    expect(out.response?.status).toBe(200);
    expect(out.attempts).toBe(2);
    expect(alpha.requests.map(cookiesOf)).toEqual([undefined, 'ticket=42']);
  });

  it('sends host-only cookies to their host and Domain cookies to subdomains, never elsewhere', async () => {
    const { web, fetcher } = await setup(['www.alpha.test', 'alpha.test', 'beta.test']);
    const www = web.host('www.alpha.test');
    const alpha = web.host('alpha.test');
    const beta = web.host('beta.test');
    www.route(
      '/',
      redirectSetting(302, `${alpha.origin}/`, [
        'host=1',
        'shared=2; Domain=.Alpha.Test',
        'other=3; Domain=beta.test',
        'suffix=4; Domain=test',
        'empty=5; Domain=',
      ]),
    );
    alpha.route('/', redirect(302, `${www.origin}/again`));
    www.route('/again', redirect(302, `${beta.origin}/`));
    beta.route('/', html('end'));
    const out = await fetcher.fetch(`${www.origin}/`);
    expect(out.response?.status).toBe(200);
    expect(out.hops).toHaveLength(3);
    // Empty Domain is ignored (host-only); the other site's and the suffix's are refused.
    expect(cookiesOf(alpha.requests[0])).toBe('shared=2');
    expect(cookiesOf(www.requests[1])).toBe('host=1; shared=2; empty=5');
    expect(cookiesOf(beta.requests[0])).toBeUndefined();
  });

  it('sends nothing to another site and lets no cookie cross between fetch() calls', async () => {
    const { web, fetcher } = await setup(['alpha.test', 'beta.test']);
    const alpha = web.host('alpha.test');
    const beta = web.host('beta.test');
    alpha.route('/', redirectSetting(302, '/home', ['sid=abc; Max-Age=3600']));
    alpha.route('/home', html('home'));
    beta.route('/', html('beta'));
    await fetcher.fetch(`${alpha.origin}/`);
    await fetcher.fetch(`${alpha.origin}/home`);
    await fetcher.fetch(`${beta.origin}/`);
    expect(alpha.requests.map((r) => [r.path, cookiesOf(r)])).toEqual([
      ['/', undefined],
      ['/home', 'sid=abc'],
      ['/home', undefined],
    ]);
    expect(cookiesOf(beta.requests[0])).toBeUndefined();
  });

  it('respects default paths and Path attributes', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route(
      '/a/login',
      redirectSetting(302, '/a/page', [
        'def=1',
        'bee=2; Path=/b',
        'root=3; Path=/',
        'bad=4; Path=x',
      ]),
    );
    alpha.route('/a/page', redirect(302, '/bx'));
    alpha.route('/bx', redirect(302, '/b/x'));
    alpha.route('/b/x', redirect(302, '/a'));
    alpha.route('/a', html('end'));
    const out = await fetcher.fetch(`${alpha.origin}/a/login`);
    expect(out.response?.status).toBe(200);
    // def and bad (invalid Path -> default) live on /a; bee on /b (not /bx); root everywhere.
    expect(alpha.requests.map((r) => [r.path, cookiesOf(r)])).toEqual([
      ['/a/login', undefined],
      ['/a/page', 'def=1; bad=4; root=3'],
      ['/bx', 'root=3'],
      ['/b/x', 'bee=2; root=3'],
      ['/a', 'def=1; bad=4; root=3'],
    ]);
  });

  it('parses Expires dates with a comma, honours Max-Age and deletes expired cookies', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route(
      '/1',
      redirectSetting(302, '/2', [
        'keep=1; Expires=Wed, 21 Oct 2099 07:28:00 GMT; Path=/',
        'old=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
        'drop=1',
        'zero=1',
        'age=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=600',
      ]),
    );
    alpha.route(
      '/2',
      redirectSetting(302, '/3', [
        'drop=x; Expires=Sun, 06 Nov 1994 08:49:37 GMT',
        'zero=1; Max-Age=0',
      ]),
    );
    const both = ['last=1', 'late=2; Expires=Wed, 21 Oct 2099 07:28:00 GMT'];
    alpha.route('/3', html('end', { headers: { 'set-cookie': both } }));
    const out = await fetcher.fetch(`${alpha.origin}/1`);
    expect(out.response?.status).toBe(200);
    expect(alpha.requests.map(cookiesOf)).toEqual([
      undefined,
      'keep=1; drop=1; zero=1; age=1',
      'keep=1; age=1',
    ]);
    // The public response headers keep their shape: repeated values joined with ", ".
    expect(out.response?.headers['set-cookie']).toBe(both.join(', '));
  });

  it('caps what a hostile server can make us store and send', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    const many = Array.from({ length: 500 }, (_, i) => `c${i}=v`);
    alpha.route('/many', redirectSetting(302, '/big', many));
    const big = (n: string) => `${n}=${'x'.repeat(3000)}`;
    alpha.route(
      '/big',
      redirectSetting(302, '/end', [`huge=${'y'.repeat(5000)}`, big('b1'), big('b2'), big('b3')]),
    );
    alpha.route('/end', html('end'));
    const out = await fetcher.fetch(`${alpha.origin}/many`);
    expect(out.response?.status).toBe(200);
    const second = cookiesOf(alpha.requests[1])?.split('; ') ?? [];
    expect(second).toHaveLength(MAX_COOKIES);
    expect(second[0]).toBe('c0=v');
    // The jar is full: the big cookies are refused, so the last request carries the same 50.
    expect(cookiesOf(alpha.requests[2])).toBe(cookiesOf(alpha.requests[1]));

    // With room in the jar, over-long cookies are refused and the header stays under its cap.
    alpha.route('/fresh', redirectSetting(302, '/big', ['a=1']));
    alpha.requests.length = 0;
    await fetcher.fetch(`${alpha.origin}/fresh`);
    const last = cookiesOf(alpha.requests[2]) ?? '';
    expect(last.startsWith('a=1; b1=x')).toBe(true);
    expect(last).not.toContain('huge=');
    expect(last).not.toContain('b3=');
    expect(Buffer.byteLength(last)).toBeLessThanOrEqual(MAX_COOKIE_HEADER_BYTES);
  });

  it('ignores garbage Set-Cookie lines without failing the fetch', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route(
      '/',
      redirectSetting(302, '/next', [
        '',
        ';;;',
        '=',
        ' spaced name = spaced value ; path=/',
        'nameless',
        'x=1; Expires=garbage; Max-Age=soon; Domain=..; Secure=maybe',
        'ok=2; ; =; HttpOnly',
      ]),
    );
    alpha.route('/next', html('end'));
    const out = await fetcher.fetch(`${alpha.origin}/`);
    expect(out.error).toBeNull();
    // x=1 said Secure (over http): refused. Domain=.. is no host: refused either way.
    expect(cookiesOf(alpha.requests[1])).toBe('spaced name=spaced value; nameless; ok=2');
  });

  it('sends Secure cookies over https only, and appends to a configured Cookie header', async () => {
    // tls.test: an https server and an http one on the same name (cookies ignore the port).
    const web = await startTestWeb(['tls.test']);
    const plain = web.host('tls.test');
    const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
    const seen: (string | undefined)[] = [];
    const server = https.createServer(
      { key: fixture('test-only-selfsigned.key'), cert: fixture('test-only-selfsigned.crt') },
      (req, res) => {
        seen.push(req.headers.cookie);
        const next = req.url === '/' ? '/again' : `${plain.origin}/plain`;
        res.writeHead(302, {
          location: next,
          'set-cookie': ['s=1; Secure', 'p=1', '__Host-h=1; Secure; Path=/', '__Secure-x=1'],
          'content-length': 0,
        });
        res.end();
      },
    );
    await new Promise<void>((r) => server.listen(0, plain.ip, r));
    const port = (server.address() as AddressInfo).port;
    plain.route('/plain', html('plain'));
    const fetcher = createFetcher(testOptions(web), { ca: fixture('test-only-selfsigned.crt') });
    try {
      const out = await fetcher.fetch(`https://tls.test:${port}/`, {
        headers: { cookie: 'configured=1' },
      });
      expect(out.error).toBeNull();
      expect(out.response?.status).toBe(200);
      expect(seen).toEqual(['configured=1', 'configured=1; s=1; p=1; __Host-h=1']);
      // Another origin: neither configured headers nor Secure cookies.
      expect(cookiesOf(plain.requests[0])).toBe('p=1');
    } finally {
      await fetcher.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await web.close();
    }
  });

  it('refuses Secure cookies set over http', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/', redirectSetting(302, '/next', ['s=1; Secure', 'p=1']));
    alpha.route('/next', html('end'));
    await fetcher.fetch(`${alpha.origin}/`);
    expect(cookiesOf(alpha.requests[1])).toBe('p=1');
  });
});

describe('cookies: pure rules', () => {
  const now = Date.UTC(2026, 0, 1);

  it('parses cookie dates like browsers do', () => {
    const when = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseCookieDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(when);
    expect(parseCookieDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(when);
    expect(parseCookieDate('Sun Nov  6 08:49:37 1994')).toBe(when);
    expect(parseCookieDate('6 november 1994 8:49:37')).toBe(when);
    expect(parseCookieDate('Thu, 01 Jan 2065 00:00:00 GMT')).toBe(Date.UTC(2065, 0, 1));
    expect(parseCookieDate('01 Jan 65 00:00:00')).toBe(Date.UTC(2065, 0, 1));
    expect(parseCookieDate('Sun, 31 Feb 2030 00:00:00 GMT')).toBeNull();
    expect(parseCookieDate('Sun, 06 Nov 1994 24:00:00 GMT')).toBeNull();
    expect(parseCookieDate('Sun, 06 Nov 1500 08:49:37 GMT')).toBeNull();
    expect(parseCookieDate('tomorrow')).toBeNull();
    expect(parseCookieDate('')).toBeNull();
  });

  it('parses name, value and attributes; Max-Age wins over Expires', () => {
    expect(parseSetCookie('a=b=c; Path=/x; Domain=.Example.ORG; Secure', now)).toEqual({
      name: 'a',
      value: 'b=c',
      domain: 'example.org',
      path: '/x',
      secure: true,
      expiresAt: null,
    });
    expect(
      parseSetCookie('a=1; Max-Age=60; Expires=Sun, 06 Nov 1994 08:49:37 GMT', now)?.expiresAt,
    ).toBe(now + 60_000);
    expect(parseSetCookie('a=1; Max-Age=-1', now)?.expiresAt).toBe(Number.NEGATIVE_INFINITY);
    expect(parseSetCookie('a=1; Max-Age=1e3', now)?.expiresAt).toBeNull();
    expect(parseSetCookie('a=\u0001', now)).toBeNull();
    expect(parseSetCookie(`a=${'v'.repeat(4095)}`, now)?.value).toHaveLength(4095);
    expect(parseSetCookie(`a=${'v'.repeat(4096)}`, now)).toBeNull();
    expect(parseSetCookie('a=1; Path=', now)?.path).toBeNull();
  });

  it('matches paths and computes default paths', () => {
    expect(pathMatches('/a/b', '/a')).toBe(true);
    expect(pathMatches('/a/b', '/a/')).toBe(true);
    expect(pathMatches('/ab', '/a')).toBe(false);
    expect(pathMatches('/', '/a')).toBe(false);
    expect(defaultPath(new URL('http://example.org/a/b/c'))).toBe('/a/b');
    expect(defaultPath(new URL('http://example.org/a'))).toBe('/');
    expect(defaultPath(new URL('http://example.org/'))).toBe('/');
  });

  it('treats single labels and registry pairs as public suffixes', () => {
    expect(looksLikePublicSuffix('com')).toBe(true);
    expect(looksLikePublicSuffix('co.uk')).toBe(true);
    expect(looksLikePublicSuffix('com.au')).toBe(true);
    expect(looksLikePublicSuffix('example.com')).toBe(false);
    expect(looksLikePublicSuffix('bbc.co.uk')).toBe(false);
  });

  it('refuses Domain cookies for suffixes but keeps a host that is itself one', () => {
    const jar = setCookies(
      emptyJar,
      ['a=1; Domain=co.uk', 'b=2; Domain=localhost'],
      new URL('http://localhost/'),
      now,
    );
    expect(cookieHeader(jar, new URL('http://localhost/x'), now)).toBe('b=2');
    const uk = setCookies(emptyJar, ['a=1; Domain=co.uk'], new URL('http://bbc.co.uk/'), now);
    expect(uk.cookies).toHaveLength(0);
  });

  it('matches IP hosts exactly, never as domains', () => {
    const jar = setCookies(
      emptyJar,
      ['a=1; Domain=2.1', 'b=2; Domain=192.0.2.1', 'c=3'],
      new URL('http://192.0.2.1/'),
      now,
    );
    expect(cookieHeader(jar, new URL('http://192.0.2.1/'), now)).toBe('b=2; c=3');
    expect(cookieHeader(jar, new URL('http://10.192.0.2.1.example/'), now)).toBeNull();
  });

  it('drops cookies once they expire', () => {
    const jar = setCookies(
      emptyJar,
      ['a=1; Max-Age=10', 'b=2'],
      new URL('http://example.org/'),
      now,
    );
    expect(cookieHeader(jar, new URL('http://example.org/'), now + 9_000)).toBe('a=1; b=2');
    expect(cookieHeader(jar, new URL('http://example.org/'), now + 10_000)).toBe('b=2');
  });
});
