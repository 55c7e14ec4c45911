import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import type { Report } from '../../src/model/index.js';
import { citedOnce } from '../support/check-targets.js';
import { type Handler, html, redirect, startTestWeb, type TestWeb } from '../support/web.js';

const fast = {
  allowPrivateAddresses: true,
  perHostInterval: 0,
  timeout: 2_000,
  retries: 1,
  backoffBase: 5,
  archive: { enabled: false },
};

const verdictOf = (report: Report, url: string) => {
  const link = report.links.find((l) => l.url === url);
  return [link?.status, link?.reason];
};

/** Sets a cookie and redirects to itself whatever comes back: the cookie changes nothing. */
const stubbornWall: Handler = (req, res) => {
  res.writeHead(302, { location: req.url ?? '/', 'set-cookie': 'seen=1; Path=/' });
  res.end();
};

describe('broken redirect chains and transfers, end to end', () => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await startTestWeb(['chain.test', 'sso.chain.test']);
    const site = web.host('chain.test');
    site.route('/a', redirect(302, '/b'));
    site.route('/b', redirect(301, '/a'));
    site.route('/wall', stubbornWall);
    for (let i = 0; i < 30; i++) site.route(`/r${i}`, redirect(302, `/r${i + 1}`));
    site.route('/r18', html('<title>Eighteen hops away</title><h1>Report</h1><p>text</p>'));
    for (let i = 0; i < 30; i++) site.route(`/long${i}`, redirect(302, `/long${i + 1}`));
    // A loop through a sign-in page: the document is behind a login, not gone.
    const sso = web.host('sso.chain.test');
    site.route('/members/doc', redirect(302, `${sso.origin}/login?next=/members/doc`));
    sso.route('/login', redirect(302, `${site.origin}/members/doc`));
    site.route('/cut', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': 10_000 });
      res.write('<html><head><title>Cut', () => setTimeout(() => req.socket.destroy(), 10));
    });
  });
  afterAll(() => web.close());

  it('calls a loop and an endless chain dead at once, a long but finite chain ok', async () => {
    const o = web.host('chain.test').origin;
    const urls = {
      loop: `${o}/a`,
      wall: `${o}/wall`,
      endless: `${o}/long0`,
      finite: `${o}/r0`,
      login: `${o}/members/doc`,
      cut: `${o}/cut`,
    };
    const report = await check(
      Object.values(urls).map((u) => citedOnce(u)),
      { ...fast, lookup: web.lookup },
    );
    expect(verdictOf(report, urls.loop)).toEqual(['dead', 'redirect-loop']);
    expect(verdictOf(report, urls.wall)).toEqual(['dead', 'redirect-loop']);
    expect(verdictOf(report, urls.endless)).toEqual(['dead', 'too-many-redirects']);
    expect(verdictOf(report, urls.finite)).toEqual(['ok', null]);
    expect(verdictOf(report, urls.login)).toEqual(['blocked', 'login-required']);
    // A transfer broken on every attempt: an error, dead only by the history rule.
    expect(verdictOf(report, urls.cut)).toEqual(['error', 'truncated-body']);
    const cut = report.links.find((l) => l.url === urls.cut);
    expect(cut?.attempts).toBe(2);
  });
});
