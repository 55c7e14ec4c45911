import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { answered, page } from './build.js';

const URL_ = 'https://news.example.org/2020/05/story.html';

describe('bot walls are blocked, never dead', () => {
  const cases: [string, number, Record<string, string>, string | null, string, string][] = [
    [
      'cf-mitigated header',
      403,
      { 'cf-mitigated': 'challenge', server: 'cloudflare' },
      'Just a moment...',
      '',
      'Cloudflare',
    ],
    ['cf-mitigated on a 200', 200, { 'cf-mitigated': 'challenge' }, null, '', 'Cloudflare'],
    [
      'Cloudflare 503 challenge title',
      503,
      { server: 'cloudflare' },
      'Just a moment...',
      '',
      'Cloudflare',
    ],
    [
      'Cloudflare 403 attention required',
      403,
      { server: 'cloudflare' },
      'Attention Required! | Cloudflare',
      '',
      'Cloudflare',
    ],
    [
      'Cloudflare challenge script on a 403',
      403,
      { server: 'cloudflare' },
      'Un instant…',
      '<script>window._cf_chl_opt={}</script>',
      'Cloudflare',
    ],
    ['DataDome header', 403, { 'x-datadome': 'protected', server: 'nginx' }, null, '', 'DataDome'],
    [
      'DataDome captcha body',
      403,
      {},
      null,
      '<iframe src="https://geo.captcha-delivery.com/captcha/">',
      'DataDome',
    ],
    ['Akamai access denied', 403, { server: 'AkamaiGHost' }, 'Access Denied', '', 'Akamai'],
    [
      'PerimeterX',
      403,
      {},
      'Access to this page has been denied.',
      '<div id="px-captcha">',
      'PerimeterX',
    ],
    [
      'Imperva',
      403,
      {},
      null,
      'Request unsuccessful. Incapsula incident ID: 123',
      'Imperva Incapsula',
    ],
    ['AWS WAF challenge on 202', 202, { 'x-amzn-waf-action': 'challenge' }, null, '', 'AWS WAF'],
    [
      'a 404 behind DataDome stays a wall',
      405,
      { 'x-datadome': 'protected' },
      null,
      '',
      'DataDome',
    ],
  ];
  it.each(cases)('%s', (_name, status, headers, title, body, vendor) => {
    const c = classify({
      outcome: answered(URL_, status, { headers, body }),
      meta: page({ title }),
    });
    expect(c.status).toBe('blocked');
    expect(c.reason).toBe('bot-wall');
    expect(c.message).toContain(vendor);
  });
});

describe('not walls', () => {
  it('a real 404 served by Cloudflare is dead', () => {
    const c = classify({
      outcome: answered(URL_, 404, { headers: { server: 'cloudflare', 'cf-ray': 'abc' } }),
      meta: page({ title: '404 Not Found' }),
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'http-404' });
  });

  it('a normal page with the Cloudflare bot-management script is ok', () => {
    const c = classify({
      outcome: answered(URL_, 200, {
        headers: { server: 'cloudflare' },
        body: '<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>',
      }),
      meta: page({ title: 'Story of the day' }),
    });
    expect(c.status).toBe('ok');
  });

  it('a normal page with the Incapsula resource script is ok', () => {
    const c = classify({
      outcome: answered(URL_, 200, {
        body: '<script src="/_Incapsula_Resource?SWJIYLWA=1"></script>',
      }),
      meta: page({ title: 'Story of the day' }),
    });
    expect(c.status).toBe('ok');
  });

  it('a page DataDome let through is ok', () => {
    const c = classify({
      outcome: answered(URL_, 200, { headers: { 'x-datadome': 'protected' } }),
      meta: page({ title: 'Story of the day' }),
    });
    expect(c.status).toBe('ok');
  });

  it('a Cloudflare 503 without challenge is a server error', () => {
    const c = classify({
      outcome: answered(URL_, 503, { headers: { server: 'cloudflare' } }),
      meta: page({ title: 'Service temporarily unavailable' }),
    });
    expect(c).toMatchObject({ status: 'error', reason: 'http-503' });
  });

  it('an article titled "Just a moment" on a plain server is ok', () => {
    const c = classify({
      outcome: answered(URL_, 200, { headers: { server: 'Apache' } }),
      meta: page({ title: 'Just a moment: a history of the pause' }),
    });
    expect(c.status).toBe('ok');
  });
});

describe('challenge titles on pages served normally', () => {
  const cloudflare = { server: 'cloudflare' };
  it.each([
    'Un instant de poésie | Le blog',
    'Just a moment: a history of the pause',
    'Are you a robot? The Turing test explained',
    'Einen Moment bitte – Kurzgeschichte',
  ])('"%s" on a 200 from a Cloudflare-served site is ok', (title) => {
    const c = classify({
      outcome: answered(URL_, 200, { headers: cloudflare, body: `<title>${title}</title>` }),
      meta: page({ title }),
    });
    expect(c.status).toBe('ok');
  });

  it.each(['Just a moment...', 'Un instant…', 'Einen Moment…'])(
    'a 200 titled only "%s" from Cloudflare is still a wall',
    (title) => {
      const c = classify({
        outcome: answered(URL_, 200, { headers: cloudflare }),
        meta: page({ title }),
      });
      expect(c).toMatchObject({ status: 'blocked', reason: 'bot-wall' });
    },
  );
});
