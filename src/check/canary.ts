import { connect } from 'node:net';
import type { FetcherOptions } from '../fetch/index.js';
import { unbracketed } from '../text/host.js';

/**
 * Is the checker's own network up? Asked only when a small run (fewer hosts than the network
 * rule needs) failed at connection level everywhere: then one dead domain and an offline
 * machine look the same from the results alone. A TCP connection to a well-known host settles
 * it without sending a request. True as soon as one canary answers.
 */
export async function canaryReachable(
  urls: readonly string[],
  opts: { lookup?: FetcherOptions['lookup']; timeoutMs: number },
): Promise<boolean> {
  const attempts = urls.map((u) => connectOnce(u, opts));
  const results = await Promise.all(attempts);
  return results.some(Boolean);
}

function connectOnce(
  url: string,
  opts: { lookup?: FetcherOptions['lookup']; timeoutMs: number },
): Promise<boolean> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  return new Promise((resolve) => {
    const socket = connect({
      host: unbracketed(target.hostname),
      port,
      timeout: opts.timeoutMs,
      ...(opts.lookup ? { lookup: opts.lookup as never } : {}),
    });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
