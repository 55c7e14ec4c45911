import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type BodySink, Exchange } from '../../src/fetch/exchange.js';

/*
 * The dispatch handler on its own, against a real server on loopback: what arrives before a
 * reader is there is kept (and the socket paused), informational answers are not the head, an
 * exchange aborted before it starts never reaches the server, and a reader that stops closes
 * the connection instead of draining it.
 */

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function serve(handler: http.RequestListener) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const agent = new Agent();
  closers.push(async () => {
    await agent.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, agent, requests };
}

function start(agent: Agent, origin: string, path: string, onStart?: () => void): Exchange {
  const exchange = new Exchange(onStart);
  agent.dispatch({ origin, path, method: 'GET', headers: {} }, exchange);
  return exchange;
}

/** Collects a whole body; `delayMs` before each chunk's acknowledgement pauses the source. */
function collect(exchange: Exchange): Promise<{ bytes: Buffer; error: unknown }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const sink: BodySink = {
      data(chunk) {
        chunks.push(chunk);
        return true;
      },
      end: () => resolve({ bytes: Buffer.concat(chunks), error: null }),
      error: (error) => resolve({ bytes: Buffer.concat(chunks), error }),
    };
    exchange.pipe(sink);
  });
}

describe('fetch: one exchange (dispatch handler)', () => {
  it('keeps a body that arrives before its reader, in order and whole, however large', async () => {
    const body = randomBytes(3 * 1024 * 1024); // far above what is held before the socket pauses
    const { origin, agent } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(body);
    });
    const exchange = start(agent, origin, '/big.pdf');
    const head = await exchange.head;
    expect(head).toMatchObject({ status: 200 });
    await sleep(50); // the body arrives meanwhile, with no reader yet
    const read = await collect(exchange);
    expect(read.error).toBeNull();
    expect(read.bytes.equals(body)).toBe(true);
  });

  it('pauses when its reader asks and goes on when it resumes', async () => {
    const body = randomBytes(1024 * 1024);
    const { origin, agent } = await serve((_req, res) => res.end(body));
    const exchange = start(agent, origin, '/');
    await exchange.head;
    const chunks: Buffer[] = [];
    let pauses = 0;
    const done = new Promise<void>((resolve, reject) => {
      exchange.pipe({
        data(chunk) {
          chunks.push(chunk);
          pauses++;
          setTimeout(() => exchange.resume(), 1);
          return false;
        },
        end: () => resolve(),
        error: reject,
      });
    });
    await done;
    expect(pauses).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
  });

  it('gives the final answer as the head, not an informational one (103)', async () => {
    const { origin, agent } = await serve((_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      res.writeHead(200, { 'content-type': 'text/html', 'x-final': 'yes' });
      res.end('<title>Final</title>');
    });
    const exchange = start(agent, origin, '/');
    const head = await exchange.head;
    expect(head).toMatchObject({ status: 200, headers: { 'x-final': 'yes' } });
    expect((await collect(exchange)).bytes.toString()).toBe('<title>Final</title>');
  });

  it('ends at once with the reason when aborted before it starts, and never sends it', async () => {
    const { origin, agent, requests } = await serve((_req, res) => res.end('late'));
    let started = false;
    const exchange = start(agent, origin, '/never', () => {
      started = true;
    });
    const reason = { code: 'timeout' };
    exchange.abort(reason); // the connection is still being opened
    expect(await exchange.head).toEqual({ error: reason });
    // A request after it on the same origin goes through: the connection was fine.
    const next = start(agent, origin, '/next');
    expect(await next.head).toMatchObject({ status: 200 });
    await collect(next);
    expect(started).toBe(false);
    expect(requests).toEqual(['/next']);
  });

  it('closes the connection when its reader cancels, without reading the rest', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((r) => {
      closed = r;
    });
    const { origin, agent } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(16 * 1024, 120);
      const timer = setInterval(() => res.write(chunk), 5);
      res.on('close', () => {
        clearInterval(timer);
        closed();
      });
    });
    const exchange = start(agent, origin, '/endless');
    await exchange.head;
    let received = 0;
    exchange.pipe({
      data(chunk) {
        received += chunk.length;
        if (received >= 32 * 1024) exchange.cancel();
        return true;
      },
      end() {},
      error() {},
    });
    await serverSawClose; // the test would time out if the body were drained
    expect(received).toBeGreaterThanOrEqual(32 * 1024);
  });
});
