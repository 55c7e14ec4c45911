import { describe, expect, it } from 'vitest';
import { byMethod, hang, html, redirect, status } from '../support/web.js';
import { setup, utf8 } from './helpers.js';

describe('fetch: responses and redirects', () => {
  it('GETs a page with our headers and records the remote address', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/page', html('<title>Hello</title>'));
    const out = await fetcher.fetch(`${alpha.origin}/page?x=1#frag`);
    expect(out.error).toBeNull();
    expect(out.attempts).toBe(1);
    expect(out.response?.status).toBe(200);
    expect(out.response?.url).toBe(`${alpha.origin}/page?x=1`);
    expect(out.response?.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(utf8(out.response!.body)).toBe('<title>Hello</title>');
    expect(out.response?.bodyTruncated).toBe(false);
    expect(out.remoteAddress).toBe(alpha.ip);
    const req = alpha.requests[0]!;
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/page?x=1');
    expect(req.headers['user-agent']).toBe('rotwatch-test/0 (+https://example.org/rotwatch)');
    expect(req.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(req.headers.accept).toContain('text/html');
  });

  it('records every hop of a redirect chain across hosts', async () => {
    const { web, fetcher } = await setup(['alpha.test', 'beta.test']);
    const alpha = web.host('alpha.test');
    const beta = web.host('beta.test');
    alpha.route('/a', redirect(301, '/b'));
    alpha.route('/b', redirect(302, `${beta.origin}/c`));
    beta.route('/c', redirect(307, 'd#part'));
    beta.route('/d', html('<h1>Here</h1>'));
    const out = await fetcher.fetch(`${alpha.origin}/a`);
    expect(out.error).toBeNull();
    expect(out.hops).toEqual([
      { url: `${alpha.origin}/a`, status: 301, location: `${alpha.origin}/b` },
      { url: `${alpha.origin}/b`, status: 302, location: `${beta.origin}/c` },
      { url: `${beta.origin}/c`, status: 307, location: `${beta.origin}/d#part` },
    ]);
    expect(out.response?.url).toBe(`${beta.origin}/d`);
    expect(out.response?.status).toBe(200);
    expect(out.remoteAddress).toBe(beta.ip);
    expect(out.attempts).toBe(1);
  });

  it('detects a redirect loop', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/x', redirect(302, '/y'));
    alpha.route('/y', redirect(302, '/x'));
    const out = await fetcher.fetch(`${alpha.origin}/x`);
    expect(out.error?.code).toBe('redirect-loop');
    expect(out.error?.level).toBe('http');
    expect(out.hops.map((h) => h.status)).toEqual([302, 302]);
    expect(out.response).toBeNull();
    expect(alpha.requests.map((r) => r.path)).toEqual(['/x', '/y']);
  });

  it('stops after maxRedirects hops', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { maxRedirects: 3 });
    const alpha = web.host('alpha.test');
    for (let i = 0; i < 10; i++) alpha.route(`/r${i}`, redirect(301, `/r${i + 1}`));
    const out = await fetcher.fetch(`${alpha.origin}/r0`);
    expect(out.error?.code).toBe('too-many-redirects');
    expect(out.hops).toHaveLength(4);
    expect(alpha.requests).toHaveLength(4);

    // Exactly maxRedirects hops is fine.
    alpha.route('/r3', html('end'));
    const ok = await fetcher.fetch(`${alpha.origin}/r0`);
    expect(ok.error).toBeNull();
    expect(ok.hops).toHaveLength(3);
    expect(ok.response?.status).toBe(200);
  });

  it('refuses a redirect without Location or to a non-http scheme', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/none', status(302));
    alpha.route('/ftp', redirect(301, 'ftp://example.org/file'));
    alpha.route('/bad', redirect(301, 'http://exa mple.org:99999/'));
    const none = await fetcher.fetch(`${alpha.origin}/none`);
    expect(none.error?.code).toBe('invalid-redirect');
    expect(none.hops).toEqual([{ url: `${alpha.origin}/none`, status: 302, location: null }]);
    const ftp = await fetcher.fetch(`${alpha.origin}/ftp`);
    expect(ftp.error?.code).toBe('invalid-redirect');
    expect(ftp.hops[0]?.location).toBe('ftp://example.org/file');
    const bad = await fetcher.fetch(`${alpha.origin}/bad`);
    expect(bad.error?.code).toBe('invalid-redirect');
  });

  it('returns 404 and 410 as responses, not errors', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/gone', html('<h1>Gone</h1>', { status: 410 }));
    const missing = await fetcher.fetch(`${alpha.origin}/nowhere`);
    expect(missing.error).toBeNull();
    expect(missing.response?.status).toBe(404);
    expect(utf8(missing.response!.body)).toContain('Not found');
    const gone = await fetcher.fetch(`${alpha.origin}/gone`);
    expect(gone.response?.status).toBe(410);
    expect(gone.attempts).toBe(1);
    // A catch-all route answers any unknown path; exact routes still win.
    alpha.route('*', html('<title>Home</title>'));
    expect((await fetcher.fetch(`${alpha.origin}/random-probe`)).response?.status).toBe(200);
    expect((await fetcher.fetch(`${alpha.origin}/gone`)).response?.status).toBe(410);
  });

  it('never sends HEAD, so a server that breaks HEAD does not matter', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/405', byMethod({ GET: html('fine'), HEAD: status(405) }));
    alpha.route('/hang', byMethod({ GET: html('fine'), HEAD: hang() }));
    for (const path of ['/405', '/hang']) {
      const out = await fetcher.fetch(`${alpha.origin}${path}`);
      expect(out.error).toBeNull();
      expect(out.response?.status).toBe(200);
    }
    expect(alpha.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('sends extra headers on same-origin hops only', async () => {
    const { web, fetcher } = await setup(['alpha.test', 'beta.test']);
    const alpha = web.host('alpha.test');
    const beta = web.host('beta.test');
    alpha.route('/a', redirect(302, '/b'));
    alpha.route('/b', redirect(302, `${beta.origin}/c`));
    beta.route('/c', html('ok'));
    const out = await fetcher.fetch(`${alpha.origin}/a`, {
      headers: { Authorization: 'Bearer secret', 'If-None-Match': '"x"' },
    });
    expect(out.response?.status).toBe(200);
    expect(alpha.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer secret',
      'Bearer secret',
    ]);
    expect(beta.requests[0]?.headers.authorization).toBeUndefined();
  });
});
