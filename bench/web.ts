/**
 * The benchmark's web, run in a child process so the checker's memory is measured alone.
 * Each host is its own HTTP server on its own loopback address; every answer waits `latency`
 * ms, like a distant server. Reports request counts and peak concurrency per host on demand.
 */
import { createServer, type Server } from 'node:http';

interface HostSpec {
  name: string;
  ip: string;
}

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 100);
const hosts: HostSpec[] = JSON.parse(process.env.BENCH_HOSTS ?? '[]');
const servers: Server[] = [];
const stats = new Map<
  string,
  {
    requests: number;
    inFlight: number;
    peak: number;
    first: number;
    last: number;
    starts: number[];
    answeredMs: number;
  }
>();

const pageBytes = Number(process.env.BENCH_PAGE_BYTES ?? 0);
/** Filler paragraphs that bring a page to BENCH_PAGE_BYTES, like an article's body. */
const filler = (() => {
  const para =
    '<p>Les établissements publient chaque année un rapport détaillé sur la santé numérique, avec des <a href="/doc/x">liens</a> et des <em>références</em> nombreuses.</p>\n';
  return pageBytes > 0 ? para.repeat(Math.ceil(pageBytes / para.length)).slice(0, pageBytes) : '';
})();
const page = (path: string) =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page ${path}</title></head><body><h1>${path}</h1><p>Contenu de la page ${path}.</p>${filler}</body></html>`;

async function start(): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  for (const host of hosts) {
    // first/last: wall-clock ms of the host's first and last request, for the run's phases;
    // starts: every request's arrival (ms after the first), to see where the host's lane idled.
    // answeredMs: the time from each request's arrival to its answer, summed (the latency the
    // web really gave, timers being late under load).
    const s = {
      requests: 0,
      inFlight: 0,
      peak: 0,
      first: 0,
      last: 0,
      starts: [] as number[],
      answeredMs: 0,
    };
    stats.set(host.name, s);
    const server = createServer((req, res) => {
      s.requests++;
      const at = Date.now();
      if (s.first === 0) s.first = at;
      s.last = at;
      s.starts.push(at - s.first);
      s.peak = Math.max(s.peak, ++s.inFlight);
      const arrived = performance.now();
      setTimeout(() => {
        s.inFlight--;
        s.answeredMs += performance.now() - arrived;
        const path = req.url ?? '/';
        if (path.includes('rotwatch-probe')) {
          res
            .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
            .end('<title>Not found</title>');
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(path));
      }, latencyMs);
    });
    server.keepAliveTimeout = 30_000;
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
  } else if (msg.type === 'stop') {
    for (const s of servers) s.closeAllConnections();
    process.exit(0);
  }
});

start().then((ports) => process.send?.({ type: 'ready', ports }));
