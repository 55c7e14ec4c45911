/**
 * Stored probe answers are keyed by origin: http:// and https:// of one host (same name, same
 * port here) can be two different servers, and one's answer must never stand for the other's.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineDeps } from '../../src/check/engine.js';
import type { StoredProbe, Target } from '../../src/model/index.js';
import { citedOnce } from '../support/check-targets.js';
import { engineRun as runEngine } from '../support/engine-run.js';
import { createLookup } from '../support/web.js';

// The test-only self-signed certificate of tls.test (test/fetch/fixtures), trusted as a CA here.
const fixture = (name: string) =>
  readFileSync(new URL(`../fetch/fixtures/${name}`, import.meta.url));

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * One port answering plain HTTP with `plain` and TLS with `secure`, told apart by the first
 * byte a client sends (22: a TLS handshake record), as a host whose two schemes are served by
 * two different applications behind one address.
 */
async function dualServer(ip: string, plain: Handler, secure: Handler) {
  const seen: { scheme: 'http' | 'https'; path: string }[] = [];
  const record = (scheme: 'http' | 'https', h: Handler): Handler => {
    return (req, res) => {
      seen.push({ scheme, path: req.url ?? '' });
      h(req, res);
    };
  };
  const httpServer = http.createServer(record('http', plain));
  const httpsServer = https.createServer(
    { key: fixture('test-only-selfsigned.key'), cert: fixture('test-only-selfsigned.crt') },
    record('https', secure),
  );
  const sockets = new Set<Socket>();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 22 ? httpsServer : httpServer).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((r) => front.listen(0, ip, r));
  const port = (front.address() as AddressInfo).port;
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => front.close(() => r()));
  });
  return { port, seen };
}

/** The verdict of each target, by URL, after one engine run on the loopback TLS web. */
async function engineRun(targets: Target[], deps: Partial<EngineDeps>) {
  const r = await runEngine(targets, createLookup({ 'tls.test': '127.0.0.61' }), {
    deps,
    tls: { ca: fixture('test-only-selfsigned.crt') },
  });
  return Object.fromEntries(
    r.observations.map((o) => [o.target.url, [o.classification.status, o.classification.reason]]),
  );
}

const page = (title: string, text: string): Handler => {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>${title}</title><h1>${title}</h1><p>${text}</p>`);
  };
};

describe('stored probe answers per origin', () => {
  it("never lets https://'s answer stand for http:// on the same host and port", async () => {
    // http:// is an old shop that answers its home page for any path (a catch-all); https://
    // is the new site, with real 404s.
    const shopHome = page('Shop', 'Welcome to our products and our services.');
    const { port, seen } = await dualServer('127.0.0.61', shopHome, (req, res) => {
      if (req.url === '/report') return page('Annual report', 'The figures of the year.')(req, res);
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<title>Not found</title><h1>Not found</h1>');
    });
    const kept = new Map<string, StoredProbe>();
    const history: Partial<EngineDeps> = {
      storedProbe: (key) => kept.get(key),
      onProbe: (key, probe) => void kept.set(key, probe),
    };
    const secure = `https://tls.test:${port}`;
    const plain = `http://tls.test:${port}`;

    // A first run sees only the https:// site, and keeps its answer (a 404).
    expect(await engineRun([citedOnce(`${secure}/report`)], history)).toEqual({
      [`${secure}/report`]: ['ok', null],
    });
    expect(kept.size).toBe(1);

    // The next run checks a page of the http:// shop that is gone (the catch-all home page):
    // the https:// answer was reused for it, and the soft-404 read as ok.
    expect(await engineRun([citedOnce(`${plain}/catalogue/item-7`)], history)).toEqual({
      [`${plain}/catalogue/item-7`]: ['dead', 'soft-404'],
    });
    const probes = seen.filter((s) => s.path.includes('rotwatch-probe'));
    expect(probes.map((p) => p.scheme)).toEqual(['https', 'http']);
    expect([...kept.keys()].sort()).toEqual([plain, secure]);
    expect(kept.get(plain)?.status).toBe(200);
    expect(kept.get(secure)?.status).toBe(404);
  });

  it('look-alike: one origin still reuses its own answer (no probe on the next run)', async () => {
    const { port, seen } = await dualServer(
      '127.0.0.61',
      page('Plain', 'Plain text.'),
      (req, res) => {
        if (req.url === '/report') return page('Annual report', 'The figures.')(req, res);
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<title>Not found</title>');
      },
    );
    const kept = new Map<string, StoredProbe>();
    const history: Partial<EngineDeps> = {
      storedProbe: (key) => kept.get(key),
      onProbe: (key, probe) => void kept.set(key, probe),
    };
    const url = `https://tls.test:${port}/report`;
    await engineRun([citedOnce(url)], history);
    await engineRun([citedOnce(url)], history);
    expect(seen.filter((s) => s.path.includes('rotwatch-probe'))).toHaveLength(1);
    expect(seen.filter((s) => s.scheme === 'http')).toHaveLength(0);
  });
});
