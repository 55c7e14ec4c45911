import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import type { Report } from '../../src/model/index.js';
import { citedOnce, FAST_CHECK } from '../support/check-targets.js';
import { html, startTestWeb, type TestWeb } from '../support/web.js';

const linkOf = (report: Report, url: string) => {
  const link = report.links.find((l) => l.url === url);
  if (!link) throw new Error(`no link ${url} in report`);
  return link;
};

const refreshPage = (content: string) =>
  html(
    `<html><head><meta http-equiv="refresh" content="${content}"><title>Redirection</title></head><body>Redirection...</body></html>`,
  );

describe('check(): pages that move by <meta http-equiv="refresh">', () => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await startTestWeb(['old.test', 'new.test']);
    const old = web.host('old.test');
    const fresh = web.host('new.test');
    old.route('/', html('<title>Institut</title><h1>Bienvenue</h1>'));
    old.route('/pub/rapport-2009.html', refreshPage('0; url=/'));
    old.route('/pub/moved.html', refreshPage(`0; URL='${fresh.origin}/documents/moved'`));
    old.route('/pub/self.html', refreshPage('0;url=self.html'));
    old.route('/live', refreshPage('300; url=/'));
    fresh.route('/documents/moved', html('<title>Le document</title><h1>Le document</h1>'));
  });
  afterAll(() => web.close());

  it('reports a refresh to the home page as dead and a refresh elsewhere as moved', async () => {
    const origin = web.host('old.test').origin;
    const urls = {
      home: `${origin}/pub/rapport-2009.html`,
      moved: `${origin}/pub/moved.html`,
      self: `${origin}/pub/self.html`,
      slow: `${origin}/live`,
    };
    const report = await check(
      Object.values(urls).map((u) => citedOnce(u)),
      { ...FAST_CHECK, lookup: web.lookup },
    );
    const verdict = (u: string) => [linkOf(report, u).status, linkOf(report, u).reason];
    expect(verdict(urls.home)).toEqual(['dead', 'redirect-to-home']);
    expect(linkOf(report, urls.home).message).toContain('meta refresh');
    expect(linkOf(report, urls.home).suggestedUrl).toBeNull();
    expect(verdict(urls.moved)).toEqual(['redirected', 'moved-permanently']);
    expect(linkOf(report, urls.moved).message).toContain('meta refresh');
    expect(linkOf(report, urls.moved).suggestedUrl).toBe(
      `${web.host('new.test').origin}/documents/moved`,
    );
    expect(verdict(urls.self)).toEqual(['ok', null]);
    expect(verdict(urls.slow)).toEqual(['ok', null]);
  });
});
