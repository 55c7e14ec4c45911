import { describe, expect, it } from 'vitest';
import { probeOriginKey, probeOriginKeys } from '../../src/classify/index.js';

describe('probeOriginKeys (origin keys of many links, one parse per scheme and authority)', () => {
  it('gives the same keys as probeOriginKey link by link', () => {
    const urls = [
      'http://Example.ORG/a',
      'http://example.org:80/b', // default port: the same host
      'https://example.org:443/c',
      'http://example.org:443/c', // 443 is no default for http: its own key
      'http://example.org:8080/d', // another port: another key
      'https://user:pw@example.org/e',
      'http://EXAMPLE.org./f', // trailing dot kept, as URL parsing does
      'https://bücher.example/g',
      'https://xn--bcher-kva.example/h',
      'http://example.org?q=1',
      'http://exa\tmple.org/i', // tab removed by URL parsing
      'HTTP://EXAMPLE.ORG\\j',
      'not a url',
      'mailto:someone@example.org',
      'http://[::1]:8080/k',
      'http://exa mple.org/l', // not a valid host
    ];
    const expected = new Set(
      urls.map((u) => probeOriginKey(u)).filter((k): k is string => k !== null),
    );
    expect(probeOriginKeys(urls)).toEqual(expected);
    // The keys themselves: scheme, ports and case folded as URL parsing does; a mailto: link
    // has no origin (it had the empty host key before).
    expect([...probeOriginKeys(urls)].sort()).toEqual([
      'http://[::1]:8080',
      'http://example.org',
      'http://example.org.',
      'http://example.org:443',
      'http://example.org:8080',
      'https://example.org',
      'https://xn--bcher-kva.example',
    ]);
  });

  it('keeps http:// and https:// of one host apart (they may be two servers)', () => {
    expect(probeOriginKey('http://example.org/a')).toBe('http://example.org');
    expect(probeOriginKey('https://example.org/a')).toBe('https://example.org');
    expect(probeOriginKey(new URL('https://example.org:8443/a'))).toBe('https://example.org:8443');
    expect(probeOriginKey('mailto:someone@example.org')).toBeNull();
  });

  it('keeps one key per origin however many links it has', () => {
    const urls = Array.from({ length: 1_000 }, (_, i) => `https://h${i % 7}.example/doc/${i}`);
    expect(probeOriginKeys(urls).size).toBe(7);
  });
});
