import { describe, expect, it } from 'vitest';
import { classify, suggestedUrl } from '../../src/classify/index.js';
import type { ReasonCode, Verdict } from '../../src/model/index.js';
import { answered, page } from './build.js';

/** A page whose meta refresh (delay 0 unless given) points to `url`. */
const refreshing = (url: string, delaySeconds = 0) =>
  page({ title: 'Redirection', refresh: { delaySeconds, url } });

describe('meta refresh', () => {
  const cases: [string, string, [number, string][], string, Verdict, ReasonCode | null][] = [
    [
      'deep link refreshed to the home page',
      'https://old.example.org/pub/rapport-2009.html',
      [],
      'https://old.example.org/',
      'dead',
      'redirect-to-home',
    ],
    [
      'deep link refreshed to a language root on another host',
      'https://old.example.org/pub/rapport-2009.html',
      [],
      'https://www.example.org/fr/',
      'dead',
      'redirect-to-home',
    ],
    [
      'deep link refreshed to a new address',
      'https://old.example.org/pub/rapport-2009.html',
      [],
      'https://www.example.org/publications/rapport-2009',
      'redirected',
      'moved-permanently',
    ],
    [
      'after a permanent hop, refreshed to a new address',
      'https://old.example.org/pub/r.html',
      [[301, 'https://new.example.org/pub/r.html']],
      'https://new.example.org/documents/r',
      'redirected',
      'moved-permanently',
    ],
    [
      "after a temporary hop (a resolver), the refresh is the landing page's business",
      'https://doi.example.org/10.1000/182',
      [[302, 'https://linking.example.org/retrieve/182']],
      'https://journal.example.org/article/182',
      'ok',
      null,
    ],
    [
      'after a temporary hop, a refresh to the home page is still dead',
      'https://a.example.org/doc/1',
      [[302, 'https://a.example.org/landing']],
      'https://a.example.org/',
      'dead',
      'redirect-to-home',
    ],
    [
      'refresh to the same resource spelled differently',
      'http://example.org/doc/1',
      [],
      'https://www.example.org/doc/1/',
      'ok',
      null,
    ],
    [
      'refresh to itself (reload)',
      'https://example.org/live',
      [],
      'https://example.org/live',
      'ok',
      null,
    ],
    [
      'refresh to the same page fragment',
      'https://example.org/doc',
      [],
      'https://example.org/doc#top',
      'ok',
      null,
    ],
    [
      'refresh of the home page to a language root is not a dead link',
      'https://example.org/',
      [],
      'https://example.org/fr/',
      'redirected',
      'moved-permanently',
    ],
    [
      'refresh to a section of a one-page site',
      'https://example.org/contact',
      [],
      'https://example.org/#contact',
      'redirected',
      'moved-permanently',
    ],
    [
      'deep link refreshed to a sign-in page',
      'https://intranet.example.org/docs/42',
      [],
      'https://login.example.org/?next=/docs/42',
      'blocked',
      'http-401',
    ],
    [
      'shortener to a page that refreshes to its home page',
      'https://bit.ly/3abc',
      [[301, 'https://example.org/report/7']],
      'https://example.org/',
      'dead',
      'redirect-to-home',
    ],
  ];
  it.each(cases)('%s', (_name, url, hops, target, verdict, reason) => {
    const c = classify({ outcome: answered(url, 200, { hops }), meta: refreshing(target) });
    expect(c.status).toBe(verdict);
    expect(c.reason).toBe(reason);
  });

  it('says it is a meta refresh and suggests its target', () => {
    const outcome = answered('https://old.example.org/pub/r.html', 200);
    const meta = refreshing('https://new.example.org/documents/r');
    const c = classify({ outcome, meta });
    expect(c.message).toBe(
      'Moved by a meta refresh to https://new.example.org/documents/r: update the catalogue.',
    );
    expect(suggestedUrl(outcome, c, meta)).toBe('https://new.example.org/documents/r');
    // Without the meta (older callers) there is no HTTP move to suggest.
    expect(suggestedUrl(outcome, c)).toBeNull();
  });

  it('suggests the refresh target rather than the permanent hop before it', () => {
    const outcome = answered('https://old.example.org/pub/r.html', 200, {
      hops: [[301, 'https://new.example.org/pub/r.html']],
    });
    const meta = refreshing('https://new.example.org/documents/r');
    expect(suggestedUrl(outcome, classify({ outcome, meta }), meta)).toBe(
      'https://new.example.org/documents/r',
    );
  });

  it('names the home page it is sent to', () => {
    const c = classify({
      outcome: answered('https://old.example.org/pub/r.html', 200),
      meta: refreshing('https://old.example.org/'),
    });
    expect(c.message).toBe(
      "A meta refresh sends the page to the site's home page (https://old.example.org/): the document is gone.",
    );
  });

  it('ignores a slow refresh, and refreshes on error answers keep their status verdict', () => {
    const url = 'https://old.example.org/pub/r.html';
    const slow = classify({
      outcome: answered(url, 200),
      meta: refreshing('https://old.example.org/', 30),
    });
    expect(slow.status).toBe('ok');
    const gone = classify({
      outcome: answered(url, 404),
      meta: refreshing('https://old.example.org/'),
    });
    expect(gone.reason).toBe('http-404');
  });

  it('"not found" wording wins over a refresh to another page', () => {
    const c = classify({
      outcome: answered('https://a.example.org/doc/9', 200),
      meta: page({
        title: 'Page introuvable',
        h1: 'Page introuvable',
        refresh: { delaySeconds: 5, url: 'https://a.example.org/recherche' },
      }),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'soft-404' });
  });
});
