import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/index.js';
import { createLookup } from '../support/web.js';
import { testOptions } from './helpers.js';

// A self-signed certificate for tls.test, made for this test only (never trusted anywhere).
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('fetch: TLS', () => {
  it('maps an untrusted certificate to tls-error', async () => {
    const server = https.createServer(
      { key: fixture('test-only-selfsigned.key'), cert: fixture('test-only-selfsigned.crt') },
      (_req, res) => res.end('hello'),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.2', r));
    const port = (server.address() as AddressInfo).port;
    const fetcher = createFetcher(
      testOptions(null, { retries: 2, lookup: createLookup({ 'tls.test': '127.0.0.2' }) }),
    );
    try {
      const out = await fetcher.fetch(`https://tls.test:${port}/`);
      expect(out.error).toMatchObject({ code: 'tls-error', level: 'connection' });
      expect(out.attempts).toBe(1);
    } finally {
      await fetcher.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
