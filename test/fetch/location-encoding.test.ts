import { describe, expect, it } from 'vitest';
import { utf8FromLatin1 } from '../../src/fetch/redirect.js';
import { html } from '../support/web.js';
import { setup } from './helpers.js';

describe('Location headers with raw non-ASCII bytes', () => {
  it('follows raw UTF-8 the way browsers do, not double-encoded', async () => {
    const { web, fetcher } = await setup(['fr.test']);
    const host = web.host('fr.test');
    host.route('/ancien', (_req, res) => {
      // The bytes of "/actualités/été" in UTF-8, written as they are on the wire.
      const raw = Buffer.from('/actualités/été', 'utf8').toString('latin1');
      res.writeHead(301, { location: raw, 'content-length': 0 }).end();
    });
    host.route('/actualit%C3%A9s/%C3%A9t%C3%A9', html('<title>Actualités</title>'));
    const out = await fetcher.fetch(`${host.origin}/ancien`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(200);
    expect(out.hops[0]?.location).toBe(`${host.origin}/actualit%C3%A9s/%C3%A9t%C3%A9`);
  });

  it('leaves genuine Latin-1 and plain ASCII alone', () => {
    expect(utf8FromLatin1('/caf\u00e9')).toBe('/caf\u00e9'); // 0xE9 alone is not UTF-8
    expect(utf8FromLatin1('/plain/path?q=1')).toBe('/plain/path?q=1');
    expect(utf8FromLatin1('/d\u00c3\u00a9j\u00c3\u00a0')).toBe('/déjà');
  });
});
