/**
 * What the machine allows at best for the 10k bench's busiest lane, without rotwatch: a bare
 * undici client sends one host's N requests (default 737, the busiest host of the 10k bench),
 * 2 at a time and 50 ms apart, to the bench's own web (web.ts, 100 ms per answer), and prints its
 * wall time against the same lower bound (bound.ts). No history, no page reading, no reports:
 * the rest of a `rotwatch check`'s distance from the bound is rotwatch's own.
 * `node build/bench/floor.js` after `tsc -p tsconfig.json`; BENCH_URLS sets N.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { lowerBoundMs } from './bound.js';

const N = Number(process.env.BENCH_URLS ?? 737);
const PER_HOST = 2;
const INTERVAL = 50;
const LATENCY = 100;
const host = { name: 'floor.bench.test', ip: '127.0.0.1' };
const web = fork(fileURLToPath(new URL('./web.js', import.meta.url)), {
  env: {
    ...process.env,
    BENCH_HOSTS: JSON.stringify([host]),
    BENCH_LATENCY_MS: String(LATENCY),
  },
});
const ports = await new Promise<Record<string, number>>((resolve) => {
  web.on('message', (m: { type: string; ports: Record<string, number> }) => {
    if (m.type === 'ready') resolve(m.ports);
  });
});
const origin = `http://${host.ip}:${ports[host.name]}`;
const agent = new Agent({ connections: 6 });

let next = 0;
let inFlight = 0;
let done = 0;
let lastStart = Number.NEGATIVE_INFINITY;
const started = performance.now();
await new Promise<void>((resolve) => {
  const pump = () => {
    while (inFlight < PER_HOST && next < N) {
      const now = performance.now();
      if (now < lastStart + INTERVAL) {
        setTimeout(pump, lastStart + INTERVAL - now + 1);
        return;
      }
      lastStart = now;
      inFlight++;
      const path = `/doc/${next++}`;
      void request(`${origin}${path}`, { dispatcher: agent }).then(async (res) => {
        await res.body.text();
        inFlight--;
        if (++done === N) resolve();
        else pump();
      });
    }
  };
  pump();
});
const wall = performance.now() - started;
const bound = lowerBoundMs([N], {
  latencyMs: LATENCY,
  perHost: PER_HOST,
  intervalMs: INTERVAL,
  concurrency: 256,
});
console.log(
  `bare undici client, one host: ${N} requests in ${(wall / 1000).toFixed(2)} s; bound ${(bound / 1000).toFixed(2)} s; wall / bound ${(wall / bound).toFixed(3)}`,
);
await agent.close();
web.send({ type: 'stop' });
