import { describe, expect, it } from 'vitest';
import { hang, html, reset, sequence, status } from '../support/web.js';
import { setup } from './helpers.js';

/** Gap between the starts of two recorded requests. */
const gap = (reqs: { startedAt: number }[], i: number) =>
  reqs[i]!.startedAt - reqs[i - 1]!.startedAt;

describe('fetch: timeouts and retries', () => {
  it('times out on a server that never answers', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { timeoutMs: 150 });
    const alpha = web.host('alpha.test');
    alpha.route('/hang', hang());
    const out = await fetcher.fetch(`${alpha.origin}/hang`);
    expect(out.error).toMatchObject({ code: 'timeout', level: 'connection' });
    expect(out.response).toBeNull();
    expect(out.attempts).toBe(1);
  });

  it('retries a timeout, then gives up with attempts = retries + 1', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { timeoutMs: 100, retries: 2 });
    const alpha = web.host('alpha.test');
    alpha.route('/hang', hang());
    const out = await fetcher.fetch(`${alpha.origin}/hang`);
    expect(out.error?.code).toBe('timeout');
    expect(out.attempts).toBe(3);
    expect(alpha.requests).toHaveLength(3);
  });

  it('retries a connection reset, then reports it', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 2 });
    const alpha = web.host('alpha.test');
    alpha.route('/reset', reset());
    const out = await fetcher.fetch(`${alpha.origin}/reset`);
    expect(out.error).toMatchObject({ code: 'connection-reset', level: 'connection' });
    expect(out.attempts).toBe(3);
    expect(alpha.requests).toHaveLength(3);
  });

  it('recovers when a reset is followed by a good answer', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 2 });
    const alpha = web.host('alpha.test');
    alpha.route('/flaky', sequence(reset(), html('ok')));
    const out = await fetcher.fetch(`${alpha.origin}/flaky`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(200);
    expect(out.attempts).toBe(2);
  });

  it('retries a 5xx and returns the 200 (attempts 2)', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 3 });
    const alpha = web.host('alpha.test');
    alpha.route('/p', sequence(status(502), html('<title>Back</title>')));
    const out = await fetcher.fetch(`${alpha.origin}/p`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(200);
    expect(out.attempts).toBe(2);
  });

  it('returns the last 5xx response when retries run out', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 1 });
    const alpha = web.host('alpha.test');
    alpha.route('/down', status(500));
    const out = await fetcher.fetch(`${alpha.origin}/down`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(500);
    expect(out.attempts).toBe(2);
    expect(alpha.requests).toHaveLength(2);
  });

  it('does not retry 404 or 501', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 3 });
    const alpha = web.host('alpha.test');
    alpha.route('/ni', status(501));
    expect((await fetcher.fetch(`${alpha.origin}/nope`)).attempts).toBe(1);
    expect((await fetcher.fetch(`${alpha.origin}/ni`)).attempts).toBe(1);
    expect(alpha.requests).toHaveLength(2);
  });

  it('honours Retry-After in seconds on 429', async () => {
    // random() = 0 makes the backoff 0, so any wait comes from Retry-After.
    const { web, fetcher } = await setup(['alpha.test'], { retries: 2 }, { random: () => 0 });
    const alpha = web.host('alpha.test');
    alpha.route('/p', sequence(status(429, { headers: { 'retry-after': '1' } }), html('ok')));
    const out = await fetcher.fetch(`${alpha.origin}/p`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(200);
    expect(out.attempts).toBe(2);
    expect(gap(alpha.requests, 1)).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After as an HTTP date on 503', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 2 }, { random: () => 0 });
    const alpha = web.host('alpha.test');
    let retryAt = 0;
    alpha.route(
      '/p',
      sequence((_req, res) => {
        // Two seconds ahead, rounded down to the second the date format can carry.
        retryAt = Math.floor(Date.now() / 1000) * 1000 + 2000;
        res.writeHead(503, { 'retry-after': new Date(retryAt).toUTCString() });
        res.end();
      }, html('ok')),
    );
    const out = await fetcher.fetch(`${alpha.origin}/p`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(200);
    expect(out.attempts).toBe(2);
    expect(alpha.requests[1]!.startedAt).toBeGreaterThanOrEqual(retryAt - 50);
  });

  it('reports retry-after-exceeded, keeping the response, when Retry-After is above the bound', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 3, retryAfterMaxMs: 10_000 });
    const alpha = web.host('alpha.test');
    alpha.route('/p', status(429, { headers: { 'retry-after': '3600' } }));
    alpha.route('/d', status(503, { headers: { 'retry-after': 'Fri, 31 Dec 2100 23:59:59 GMT' } }));
    const out = await fetcher.fetch(`${alpha.origin}/p`);
    expect(out.error).toMatchObject({ code: 'retry-after-exceeded', level: 'http' });
    expect(out.response?.status).toBe(429);
    expect(out.response?.headers['retry-after']).toBe('3600');
    expect(out.attempts).toBe(1);
    const dated = await fetcher.fetch(`${alpha.origin}/d`);
    expect(dated.error?.code).toBe('retry-after-exceeded');
    expect(dated.response?.status).toBe(503);
  });

  it('aborts promptly during a request and during a backoff sleep', async () => {
    const { web, fetcher } = await setup(
      ['alpha.test'],
      { timeoutMs: 5_000, retries: 5, backoffBaseMs: 60_000, backoffMaxMs: 60_000 },
      { random: () => 0.99 },
    );
    const alpha = web.host('alpha.test');
    alpha.route('/hang', hang());
    alpha.route('/down', status(503));

    const c1 = new AbortController();
    const p1 = fetcher.fetch(`${alpha.origin}/hang`, { signal: c1.signal });
    setTimeout(() => c1.abort(), 50);
    const o1 = await p1;
    expect(o1.error?.code).toBe('aborted');

    // A minute-long backoff would outlast the test timeout unless the abort cuts it short.
    const c2 = new AbortController();
    const p2 = fetcher.fetch(`${alpha.origin}/down`, { signal: c2.signal });
    setTimeout(() => c2.abort(), 100);
    const o2 = await p2;
    expect(o2.error?.code).toBe('aborted');
    expect(alpha.requests.filter((r) => r.path === '/down')).toHaveLength(1);

    const o3 = await fetcher.fetch(`${alpha.origin}/down`, { signal: AbortSignal.abort() });
    expect(o3.error?.code).toBe('aborted');
  });

  it('close() does not wait for a hanging request, which ends as an outcome', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { timeoutMs: 60_000 });
    const alpha = web.host('alpha.test');
    alpha.route('/hang', hang());
    const pending = fetcher.fetch(`${alpha.origin}/hang`);
    while (alpha.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    await fetcher.close();
    const out = await pending;
    expect(out.response).toBeNull();
    expect(out.error?.code).toBe('aborted');
    expect((await fetcher.fetch(`${alpha.origin}/hang`)).error?.code).toBe('aborted');
  });
});
