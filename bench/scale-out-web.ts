/**
 * The scale-out bench's web, in a child process: one HTTP server per host on its own loopback
 * address, each answer `BENCH_LATENCY_MS` late. Per host it counts requests, the peak number in
 * flight and the shortest gap between two arrivals, reported on demand ('stats').
 */
import { createServer, type Server } from 'node:http';

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 50);
const hosts: { name: string; ip: string }[] = JSON.parse(process.env.BENCH_HOSTS ?? '[]');
const servers: Server[] = [];

interface HostStats {
  requests: number;
  inFlight: number;
  peak: number;
  last: number;
  minGap: number;
  /** The two paths that came closest together. */
  closest: string;
  lastPath: string;
  agents: string[];
}
const stats = new Map<string, HostStats>();

function reset() {
  for (const h of hosts) {
    stats.set(h.name, {
      requests: 0,
      inFlight: 0,
      peak: 0,
      last: 0,
      minGap: Number.POSITIVE_INFINITY,
      closest: '',
      lastPath: '',
      agents: [],
    });
  }
}

async function start(): Promise<Record<string, number>> {
  reset();
  const ports: Record<string, number> = {};
  for (const host of hosts) {
    const server = createServer((req, res) => {
      const s = stats.get(host.name) as HostStats;
      const now = performance.now();
      const path = req.url ?? '/';
      if (s.requests > 0 && now - s.last < s.minGap) {
        s.minGap = now - s.last;
        s.closest = `${s.lastPath} ${path}`;
      }
      s.last = now;
      s.lastPath = path;
      s.requests++;
      s.peak = Math.max(s.peak, ++s.inFlight);
      const agent = String(req.headers['user-agent']);
      if (!s.agents.includes(agent)) s.agents.push(agent);
      setTimeout(() => {
        s.inFlight--;
        if (!path.startsWith('/doc/')) {
          res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title>');
          return;
        }
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<!doctype html><title>Page ${path}</title><h1>${path}</h1>`);
      }, latencyMs);
    });
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => server.listen(0, host.ip, resolve));
    const address = server.address();
    ports[host.name] = typeof address === 'object' && address ? address.port : 0;
    servers.push(server);
  }
  return ports;
}

process.on('message', (msg: { type: string }) => {
  if (msg.type === 'stats') {
    process.send?.({ type: 'stats', stats: Object.fromEntries(stats) });
  } else if (msg.type === 'reset') {
    reset();
    process.send?.({ type: 'reset' });
  } else if (msg.type === 'stop') {
    for (const s of servers) s.closeAllConnections();
    process.exit(0);
  }
});

start().then((ports) => process.send?.({ type: 'ready', ports }));
