import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import type { FetchErrorCode, ReasonCode, Verdict } from '../../src/model/index.js';
import { answered, failed, page } from './build.js';

const URL_ = 'https://docs.example.org/reports/2019/annual.html';

describe('status rules', () => {
  const cases: [number, Verdict, ReasonCode | null][] = [
    [200, 'ok', null],
    [203, 'ok', null],
    [204, 'ok', null],
    [206, 'ok', null],
    [304, 'ok', null],
    [404, 'dead', 'http-404'],
    [410, 'dead', 'http-410'],
    [400, 'error', 'http-400'],
    [405, 'error', 'http-405'],
    [406, 'error', 'http-406'],
    [408, 'error', 'http-408'],
    [401, 'blocked', 'http-401'],
    [403, 'blocked', 'http-403'],
    [429, 'blocked', 'http-429'],
    [451, 'blocked', 'http-451'],
    [999, 'blocked', 'http-999'],
    [500, 'error', 'http-500'],
    [502, 'error', 'http-502'],
    [503, 'error', 'http-503'],
    [504, 'error', 'http-504'],
    [522, 'error', 'http-522'],
  ];
  it.each(cases)('%i -> %s (%s)', (status, verdict, reason) => {
    const c = classify({
      outcome: answered(URL_, status),
      meta: page({ title: 'Annual report 2019' }),
    });
    expect(c.status).toBe(verdict);
    expect(c.reason).toBe(reason);
    expect(c.message).toMatch(/\.$/);
  });

  it('says the status in words', () => {
    expect(classify({ outcome: answered(URL_, 404), meta: null }).message).toBe(
      'The server answered 404 Not Found.',
    );
    expect(classify({ outcome: answered(URL_, 410), meta: null }).message).toContain('410 Gone');
  });

  it('a 404 reached through a permanent redirect is dead, not redirected', () => {
    const c = classify({
      outcome: answered(URL_, 404, { hops: [[301, 'https://docs.example.org/new/annual']] }),
      meta: null,
    });
    expect(c).toMatchObject({ status: 'dead', reason: 'http-404' });
  });

  it('a 3xx without Location is an error', () => {
    const c = classify({ outcome: answered(URL_, 302), meta: null });
    expect(c).toMatchObject({ status: 'error', reason: 'http-302' });
  });
});

describe('fetch errors', () => {
  const cases: [FetchErrorCode, Verdict, ReasonCode][] = [
    ['dns-nxdomain', 'dead', 'dns-nxdomain'],
    ['dns-failure', 'error', 'dns-failure'],
    ['timeout', 'error', 'timeout'],
    ['connection-refused', 'error', 'connection-refused'],
    ['connection-reset', 'error', 'connection-reset'],
    ['tls-error', 'error', 'tls-error'],
    ['protocol-error', 'error', 'protocol-error'],
    ['retry-after-exceeded', 'error', 'retry-after-exceeded'],
    ['redirect-loop', 'dead', 'redirect-loop'],
    ['too-many-redirects', 'dead', 'too-many-redirects'],
    ['truncated-body', 'error', 'truncated-body'],
    ['invalid-redirect', 'error', 'invalid-redirect'],
    ['aborted', 'error', 'interrupted'],
    ['private-address', 'skipped', 'private-address'],
    ['unsupported-scheme', 'skipped', 'unsupported-scheme'],
    ['invalid-url', 'skipped', 'invalid-url'],
  ];
  it.each(cases)('%s -> %s (%s)', (code, verdict, reason) => {
    const c = classify({ outcome: failed(URL_, code), meta: null });
    expect(c.status).toBe(verdict);
    expect(c.reason).toBe(reason);
    expect(c.message.length).toBeGreaterThan(10);
  });

  it('names the missing host', () => {
    const c = classify({
      outcome: failed('https://gone.example.invalid/x', 'dns-nxdomain'),
      meta: null,
    });
    expect(c.message).toContain('gone.example.invalid');
  });

  it('shows the loop', () => {
    const c = classify({
      outcome: failed('https://a.example.org/x', 'redirect-loop', {
        hops: [
          [302, 'https://a.example.org/y'],
          [302, 'https://a.example.org/x'],
        ],
      }),
      meta: null,
    });
    expect(c.message).toContain(
      'https://a.example.org/x → https://a.example.org/y → https://a.example.org/x',
    );
  });

  it('passes on the fetcher detail', () => {
    const c = classify({
      outcome: failed(URL_, 'tls-error', { message: 'certificate has expired' }),
      meta: null,
    });
    expect(c.message).toBe('The secure connection (TLS) failed (certificate has expired).');
  });
});

describe('odd inputs never throw', () => {
  it.each([
    ['unparsable requested URL', answered('not a url', 200, { hops: [[301, 'also not a url']] })],
    [
      'hop without location',
      { ...answered(URL_, 200), hops: [{ url: URL_, status: 301, location: null }] },
    ],
    ['neither response nor error', { ...answered(URL_, 200), response: null }],
    ['odd status', answered(URL_, 0)],
    ['1xx status', answered(URL_, 101)],
  ])('%s', (_n, outcome) => {
    const c = classify({ outcome, meta: page({ title: 'x'.repeat(5000), h1: '' }) });
    expect(['ok', 'redirected', 'dead', 'error', 'blocked', 'skipped']).toContain(c.status);
    expect(c.status === 'ok' ? c.reason === null : c.reason !== null).toBe(true);
  });
});
