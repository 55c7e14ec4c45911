import { describe, expect, it } from 'vitest';
import { defaultCheckOptions } from '../../src/config/options.js';
import { type Handler, html, redirect, sequence } from '../support/web.js';
import { setup } from './helpers.js';

/** Sends the head and `sent` bytes of a `total`-byte body, then resets the connection. */
function resetMidBody(type: string, sent: string, total: number, status = 200): Handler {
  return (req, res) => {
    res.writeHead(status, { 'content-type': type, 'content-length': total });
    res.write(sent, () => setTimeout(() => req.socket.resetAndDestroy(), 10));
  };
}

/** A chunked body (no length announced) whose connection is closed part-way. */
function closeMidChunkedBody(type: string, sent: string): Handler {
  return (req, res) => {
    res.writeHead(200, { 'content-type': type });
    res.write(sent, () => setTimeout(() => req.socket.destroy(), 10));
  };
}

describe('fetch: a transfer broken in the middle of the body', () => {
  it('is retried, and an error (truncated-body) when every attempt breaks', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 2 });
    const alpha = web.host('alpha.test');
    alpha.route('/report.pdf', resetMidBody('application/pdf', '%PDF-1.7\n1 0 obj', 50_000));
    const out = await fetcher.fetch(`${alpha.origin}/report.pdf`);
    expect(out.error).toMatchObject({ code: 'truncated-body', level: 'http' });
    expect(out.response).toBeNull();
    expect(out.attempts).toBe(3);
    expect(alpha.requests).toHaveLength(3);
  });

  it('catches a chunked HTML body cut short, not only a short Content-Length', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/page', closeMidChunkedBody('text/html', '<html><head><title>Half'));
    const out = await fetcher.fetch(`${alpha.origin}/page`);
    expect(out.error?.code).toBe('truncated-body');
  });

  it('keeps the status of an error page cut short: a 404 is gone, a 403 refused, at once', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 2 });
    const alpha = web.host('alpha.test');
    alpha.route('/gone', resetMidBody('text/html', '<html><head><title>Not fo', 5_000, 404));
    alpha.route('/denied', resetMidBody('text/html', '<html><head><title>Acc', 5_000, 403));
    for (const [path, status] of [
      ['/gone', 404],
      ['/denied', 403],
    ] as const) {
      const out = await fetcher.fetch(`${alpha.origin}${path}`);
      expect(out.error).toBeNull();
      expect(out.response).toMatchObject({ status, bodyTruncated: true });
      expect(out.attempts).toBe(1);
    }
  });

  it('recovers when a later attempt delivers the whole body', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { retries: 2 });
    const alpha = web.host('alpha.test');
    alpha.route(
      '/flaky',
      sequence(resetMidBody('text/html', '<title>Fla', 5_000), html('<title>Whole</title>')),
    );
    const out = await fetcher.fetch(`${alpha.origin}/flaky`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(200);
    expect(out.attempts).toBe(2);
  });

  it('still reads a body cut by us at the cap or a stall: those are not broken transfers', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { maxBodyBytes: 2048 });
    const alpha = web.host('alpha.test');
    alpha.route('/big.pdf', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(Buffer.alloc(64 * 1024, 'a'));
    });
    const out = await fetcher.fetch(`${alpha.origin}/big.pdf`);
    expect(out.error).toBeNull();
    expect(out.response?.bodyTruncated).toBe(true);
  });
});

describe('fetch: redirect chains as long as browsers follow', () => {
  it('follows 20 redirects by default and gives up on the 21st', async () => {
    const maxRedirects = defaultCheckOptions().maxRedirects;
    expect(maxRedirects).toBe(20);
    const { web, fetcher } = await setup(['alpha.test'], { maxRedirects });
    const alpha = web.host('alpha.test');
    for (let i = 0; i < 30; i++) alpha.route(`/r${i}`, redirect(302, `/r${i + 1}`));
    alpha.route('/r20', html('<title>End of a long chain</title>'));
    const ok = await fetcher.fetch(`${alpha.origin}/r0`);
    expect(ok.error).toBeNull();
    expect(ok.hops).toHaveLength(20);

    // One more hop than that: a browser shows "too many redirects" too.
    for (let i = 0; i < 30; i++) alpha.route(`/s${i}`, redirect(302, `/s${i + 1}`));
    alpha.route('/s21', html('<title>Never reached</title>'));
    const long = await fetcher.fetch(`${alpha.origin}/s0`);
    expect(long.error?.code).toBe('too-many-redirects');
    expect(long.hops).toHaveLength(21);
  });
});
