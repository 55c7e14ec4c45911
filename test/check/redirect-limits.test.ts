/**
 * Redirect limits and broken transfers at their exact edges, end to end on a loopback web:
 * 20 redirects are followed (as browsers do), a 21st makes the link dead; a loop that persists
 * with the cookies the chain set is dead, one the cookies end is not; a body cut on every
 * attempt is an error of its own, one cut only once is read on the retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import type { Report } from '../../src/model/index.js';
import { citedOnce, FAST_CHECK } from '../support/check-targets.js';
import {
  type Handler,
  html,
  redirect,
  sequence,
  startTestWeb,
  type TestWeb,
} from '../support/web.js';

const PAGE = '<title>Rapport final</title><h1>Rapport final</h1><p>Le texte du rapport.</p>';

/** A chain of `hops` redirects from /<name>0 to the page. */
function chain(site: ReturnType<TestWeb['host']>, name: string, hops: number): string {
  for (let i = 0; i < hops; i++) site.route(`/${name}${i}`, redirect(302, `/${name}${i + 1}`));
  site.route(`/${name}${hops}`, html(PAGE));
  return `${site.origin}/${name}0`;
}

/** Sets `cookie` and sends the reader to `to`; with the cookie `wanted` it shows the page. */
function cookieHop(to: string, cookie: string, wanted?: string): Handler {
  return (req, res) => {
    if (wanted && req.headers.cookie?.split('; ').includes(wanted)) {
      html(PAGE)(req, res);
      return;
    }
    res.writeHead(302, { location: to, 'set-cookie': `${cookie}; Path=/`, 'content-length': 0 });
    res.end();
  };
}

/** Promises a long page, sends its start, then cuts the connection. */
const cutMidBody: Handler = (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html', 'content-length': 10_000 });
  res.write('<html><head><title>Rapport', () => setTimeout(() => req.socket.destroy(), 10));
};

describe('redirect limits and broken transfers at their edges', () => {
  let web: TestWeb;
  let report: Report;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    web = await startTestWeb(['edge.test']);
    const site = web.host('edge.test');
    urls.twenty = chain(site, 'a', 20);
    urls.twentyOne = chain(site, 'b', 21);
    // A consent wall: /c sets the cookie and goes to /d, which sends back to /c; /c shows the
    // page once the cookie comes back.
    site.route('/c', cookieHop('/d', 'consent=yes', 'consent=yes'));
    site.route('/d', redirect(302, '/c'));
    urls.consent = `${site.origin}/c`;
    // The same two hops where the cookie changes nothing: the loop persists.
    site.route('/e', cookieHop('/f', 'seen=1'));
    site.route('/f', redirect(302, '/e'));
    urls.cookieLoop = `${site.origin}/e`;
    site.route('/cut', cutMidBody);
    urls.cut = `${site.origin}/cut`;
    site.route('/cut-once', sequence(cutMidBody, html(PAGE)));
    urls.cutOnce = `${site.origin}/cut-once`;

    report = await check(
      Object.values(urls).map((u) => citedOnce(u)),
      { ...FAST_CHECK, retries: 1, backoffBase: 5, lookup: web.lookup },
    );
  });
  afterAll(() => web.close());

  const link = (key: string) => report.links.find((l) => l.url === urls[key]);
  const verdict = (key: string) => [link(key)?.status, link(key)?.reason];

  it('follows exactly 20 redirects and calls the 21st dead at once', () => {
    expect(verdict('twenty')).toEqual(['ok', null]);
    expect(link('twenty')?.redirects).toHaveLength(20);
    expect(link('twenty')?.title).toBe('Rapport final');
    expect(verdict('twentyOne')).toEqual(['dead', 'too-many-redirects']);
  });

  it('calls a loop that persists with its cookies dead, one the cookie ends ok', () => {
    expect(verdict('cookieLoop')).toEqual(['dead', 'redirect-loop']);
    expect(verdict('consent')).toEqual(['ok', null]);
  });

  it('calls a body cut on every attempt an error of its own, one cut once ok', () => {
    expect(verdict('cut')).toEqual(['error', 'truncated-body']);
    expect(link('cut')?.attempts).toBe(2);
    expect(verdict('cutOnce')).toEqual(['ok', null]);
    expect(link('cutOnce')?.title).toBe('Rapport final');
  });
});
