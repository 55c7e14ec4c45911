/**
 * A multi-host test web on loopback: each named host is a real http.Server bound to its own
 * 127.0.0.x address (x from 2 upward) on an ephemeral port. `lookup` maps every name to its
 * address, so a fetcher built with `{ lookup: web.lookup }` reaches `http://alpha.test:PORT/`.
 *
 * ```ts
 * const web = await startTestWeb(['alpha.test', 'beta.test']);
 * web.host('alpha.test').route('/', html('<title>Hi</title>'));
 * // ... fetch `${web.host('alpha.test').origin}/` ...
 * await web.close();
 * ```
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface RecordedRequest {
  /** Path without the query string. */
  path: string;
  /** Raw request target, query included. */
  url: string;
  method: string;
  /** Date.now() when the request arrived. */
  startedAt: number;
  headers: http.IncomingHttpHeaders;
}

export interface TestHost {
  name: string;
  ip: string;
  port: number;
  /** `http://name:port` */
  origin: string;
  /**
   * Exact path (without query) match; a later route for the same path replaces the earlier.
   * Unknown path -> 404, or the handler routed at '*' (e.g. a catch-all host answering 200 to any path).
   */
  route(path: string, handler: Handler): void;
  requests: RecordedRequest[];
  /** Highest number of requests in flight at once seen by this host. */
  maxConcurrent: number;
  /** Requests in flight right now. */
  inFlight: number;
}

/** dns.lookup-compatible: supports `all: true` and the plain (address, family) callback. */
export type LookupFn = (
  hostname: string,
  options: object,
  // biome-ignore lint/suspicious/noExplicitAny: dns.lookup's callback is overloaded on `all`
  cb: (...args: any[]) => void,
) => void;

export interface TestWeb {
  host(name: string): TestHost;
  lookup: LookupFn;
  close(): Promise<void>;
}

export interface TestWebOptions {
  /** Delay before every handler runs (simulated server latency). */
  latencyMs?: number;
  /**
   * How long an idle keep-alive connection stays open (Node's default: 5 s). A client that
   * reuses a connection the server is closing sees a reset; tests whose hosts idle for seconds
   * between requests set it higher.
   */
  keepAliveTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function startHost(name: string, ip: string, latencyMs: number, keepAliveMs?: number) {
  const routes = new Map<string, Handler>();
  const sockets = new Set<Socket>();
  const host: TestHost = {
    name,
    ip,
    port: 0,
    origin: '',
    route: (path, handler) => void routes.set(path, handler),
    requests: [],
    maxConcurrent: 0,
    inFlight: 0,
  };
  const server = http.createServer(async (req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    host.requests.push({
      path,
      url,
      method: req.method ?? 'GET',
      startedAt: Date.now(),
      headers: req.headers,
    });
    host.inFlight++;
    host.maxConcurrent = Math.max(host.maxConcurrent, host.inFlight);
    res.once('close', () => host.inFlight--);
    try {
      if (latencyMs > 0) await sleep(latencyMs);
      const handler = routes.get(path) ?? routes.get('*') ?? notFound;
      await handler(req, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    }
  });
  if (keepAliveMs !== undefined) server.keepAliveTimeout = keepAliveMs;
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.listen(0, ip);
  await once(server, 'listening');
  host.port = (server.address() as AddressInfo).port;
  host.origin = `http://${name}:${host.port}`;
  const close = async () => {
    server.closeAllConnections();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { host, close };
}

/** Start one server per name, on 127.0.0.2, 127.0.0.3, ... in the order given. */
export async function startTestWeb(names: string[], opts: TestWebOptions = {}): Promise<TestWeb> {
  if (names.length > 250) throw new Error('at most 250 test hosts');
  const started = await Promise.all(
    names.map((name, i) =>
      startHost(
        name.toLowerCase(),
        `127.0.0.${i + 2}`,
        opts.latencyMs ?? 0,
        opts.keepAliveTimeoutMs,
      ),
    ),
  );
  const byName = new Map(started.map((s) => [s.host.name, s.host]));
  return {
    host(name) {
      const h = byName.get(name.toLowerCase());
      if (!h) throw new Error(`no test host ${name}`);
      return h;
    },
    lookup: createLookup(Object.fromEntries([...byName].map(([n, h]) => [n, h.ip]))),
    async close() {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}

/**
 * A dns.lookup-compatible function over a fixed name -> IPv4 map; unknown names fail with
 * ENOTFOUND like a real resolver.
 */
export function createLookup(map: Record<string, string>): LookupFn {
  return (hostname, options, cb) => {
    const all = (options as { all?: boolean } | null)?.all === true;
    const ip = map[hostname.toLowerCase()];
    process.nextTick(() => {
      if (!ip) {
        const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
          code: 'ENOTFOUND',
          errno: -3008,
          syscall: 'getaddrinfo',
          hostname,
        });
        cb(err);
      } else if (all) cb(null, [{ address: ip, family: 4 }]);
      else cb(null, ip, 4);
    });
  };
}

// ---- handler helpers -------------------------------------------------------------------

export interface ReplyOptions {
  status?: number;
  headers?: http.OutgoingHttpHeaders;
}

/** An HTML page (text/html; charset=utf-8). */
export function html(body: string, opts: ReplyOptions = {}): Handler {
  return bytes(Buffer.from(body, 'utf8'), 'text/html; charset=utf-8', opts);
}

/** Plain text (text/plain; charset=utf-8), e.g. a robots.txt. */
export function text(body: string, opts: ReplyOptions = {}): Handler {
  return bytes(Buffer.from(body, 'utf8'), 'text/plain; charset=utf-8', opts);
}

/** Raw bytes with the given content type (null: no Content-Type header). */
export function bytes(buf: Uint8Array, type: string | null, opts: ReplyOptions = {}): Handler {
  return (_req, res) => {
    const headers: http.OutgoingHttpHeaders = { 'content-length': buf.length, ...opts.headers };
    if (type !== null) headers['content-type'] = type;
    res.writeHead(opts.status ?? 200, headers);
    res.end(buf);
  };
}

/** A bare status with an empty body, e.g. status(404), status(503, { headers: { 'retry-after': '1' } }). */
export function status(code: number, opts: Omit<ReplyOptions, 'status'> = {}): Handler {
  return bytes(Buffer.alloc(0), null, { ...opts, status: code });
}

/** A redirect to `location` (sent verbatim, may be relative). */
export function redirect(code: number, location: string): Handler {
  return (_req, res) => {
    res.writeHead(code, { location, 'content-length': 0 });
    res.end();
  };
}

/** The body `buf` compressed with `encoding` (gzip by default), with the matching Content-Encoding. */
export function gzipped(
  buf: Uint8Array,
  type: string,
  encoding: 'gzip' | 'deflate' | 'br' = 'gzip',
): Handler {
  const packed =
    encoding === 'gzip'
      ? zlib.gzipSync(buf)
      : encoding === 'deflate'
        ? zlib.deflateSync(buf)
        : zlib.brotliCompressSync(buf);
  return bytes(packed, type, { headers: { 'content-encoding': encoding } });
}

/** Never answers (until the web closes). */
export function hang(): Handler {
  return () => new Promise<void>(() => {});
}

/** Sends headers and the first chunk of a body, then stalls forever. */
export function hangMidBody(first = '<html><head><title>slow'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write(first);
    return new Promise<void>(() => {});
  };
}

/** Resets the TCP connection without answering. */
export function reset(): Handler {
  return (req) => {
    req.socket.resetAndDestroy();
  };
}

/** An endless body of the given type, written as fast as the client reads it. */
export function endless(type = 'text/html'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) {}
    };
    res.on('drain', pump);
    pump();
  };
}

/**
 * A gzip-encoded body that inflates to `size` bytes of zeros, compressed on the fly so the
 * server never holds the big buffer; stops when the client goes away.
 */
export function gzipBomb(size: number, type = 'text/html'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
    const gz = zlib.createGzip({ level: 9 });
    gz.pipe(res);
    res.once('close', () => gz.destroy());
    const chunk = Buffer.alloc(64 * 1024);
    let left = size;
    const pump = () => {
      while (left > 0 && !gz.destroyed) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!gz.write(chunk.subarray(0, n))) return;
      }
      if (left <= 0 && !gz.destroyed) gz.end();
    };
    gz.on('drain', pump);
    pump();
  };
}

/** Answers the n-th request with handlers[n]; the last handler repeats. */
export function sequence(...handlers: Handler[]): Handler {
  let n = 0;
  return (req, res) => {
    const h = handlers[Math.min(n++, handlers.length - 1)];
    if (!h) throw new Error('sequence() needs at least one handler');
    return h(req, res);
  };
}

/** Dispatches on the request method; methods not listed get 405. */
export function byMethod(map: Record<string, Handler>): Handler {
  return (req, res) => (map[req.method ?? 'GET'] ?? status(405))(req, res);
}

const notFound: Handler = html('<h1>Not found</h1>', { status: 404 });
