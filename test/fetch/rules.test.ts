import { describe, expect, it } from 'vitest';
import { mapError } from '../../src/fetch/errors.js';
import { resolveLocation } from '../../src/fetch/redirect.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../../src/fetch/retry.js';

const err = (code: string, extra: object = {}) =>
  Object.assign(new Error(code), { code, ...extra });

describe('retry rules', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('draws full-jitter backoff below an exponential, capped ceiling', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0.999)).toBe(99);
    expect(backoffDelay(3, 100, 10_000, () => 0.5)).toBe(400);
    expect(backoffDelay(20, 100, 10_000, () => 0.5)).toBe(5_000);
    expect(backoffDelay(2, 100, 10_000, () => 0)).toBe(0);
  });

  it('retries 429 and transient 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 301, 404, 410, 501, 505].some(isRetryableStatus)).toBe(false);
  });
});

describe('error mapping', () => {
  it.each([
    [err('ENOTFOUND', { syscall: 'getaddrinfo' }), 'dns-nxdomain'],
    [err('EAI_AGAIN', { syscall: 'getaddrinfo' }), 'dns-failure'],
    [err('ECONNREFUSED'), 'connection-refused'],
    [err('ECONNRESET'), 'connection-reset'],
    [err('UND_ERR_SOCKET'), 'connection-reset'],
    [err('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    [err('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    [err('UND_ERR_BODY_TIMEOUT'), 'timeout'],
    [err('ETIMEDOUT'), 'timeout'],
    [err('CERT_HAS_EXPIRED'), 'tls-error'],
    [err('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls-error'],
    [err('HPE_INVALID_CONSTANT'), 'protocol-error'],
    [
      Object.assign(new Error('wrapped'), { code: 'UND_ERR_SOCKET', cause: err('ECONNRESET') }),
      'connection-reset',
    ],
    [
      new AggregateError([err('ECONNREFUSED'), err('ECONNREFUSED')], 'all failed'),
      'connection-refused',
    ],
  ])('maps %s', (e, code) => {
    expect(mapError(e).code).toBe(code);
  });
});

describe('redirect rules', () => {
  const base = new URL('http://alpha.test/a/b?q#frag');
  it('resolves relative locations and keeps the fragment in the recorded href', () => {
    const r = resolveLocation(base, '../c');
    expect(r).toMatchObject({ ok: true, href: 'http://alpha.test/c#frag' });
    if (r.ok) expect(r.url.href).toBe('http://alpha.test/c');
  });
  it('refuses missing, unparseable and non-http locations', () => {
    expect(resolveLocation(base, undefined).ok).toBe(false);
    expect(resolveLocation(base, 'http://[::1').ok).toBe(false);
    expect(resolveLocation(base, 'javascript:alert(1)')).toMatchObject({
      ok: false,
      href: 'javascript:alert(1)',
    });
  });
});
