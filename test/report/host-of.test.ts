/**
 * The writers read each link's host many times (report/view.ts, hostOf): a URL whose host is
 * plain text is read off the string, anything else is parsed. Both must give the parser's answer.
 */
import { describe, expect, it } from 'vitest';
import { hostOf } from '../../src/report/view.js';

const parsed = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

describe('hostOf', () => {
  it("gives the URL parser's hostname, whatever the URL", () => {
    const urls = [
      'http://example.org/',
      'https://www.has-sante.fr/jcms/c_2874175/fr/x?y=1#z',
      'http://h001.bench.test:40123/doc/7',
      'http://example.org',
      'http://example.org?q',
      'http://example.org#f',
      'https://example.org./trailing-dot',
      'http://xn--bcher-kva.example/',
      'HTTP://EXAMPLE.ORG/upper',
      'http://Example.ORG/mixed',
      'http://127.0.0.1:8080/ip',
      'http://0x7f.1/hex-ip',
      'http://1.2.3/short-ip',
      'http://[::1]:3000/v6',
      'http://user:pass@example.org/userinfo',
      'http://example.org:80@evil.test/',
      'http://bücher.example/idn',
      'http://exa%6Dple.org/percent',
      'http://a.b.c.example-site.org:8443',
      'http://example.123/numeric-tld',
      'ftp://example.org/file',
      'mailto:someone@example.org',
      'not a url',
      '',
    ];
    for (const url of urls) expect(hostOf(url), url).toBe(parsed(url));
  });
});
