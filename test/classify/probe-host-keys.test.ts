import { describe, expect, it } from 'vitest';
import { probeHostKey, probeHostKeys } from '../../src/classify/index.js';

describe('probeHostKeys (host keys of many links, one parse per scheme and authority)', () => {
  it('gives the same keys as probeHostKey link by link', () => {
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
      urls.map((u) => probeHostKey(u)).filter((k): k is string => k !== null),
    );
    expect(probeHostKeys(urls)).toEqual(expected);
    // The keys themselves: ports and case folded as URL parsing does ('' is mailto's host).
    expect([...probeHostKeys(urls)].sort()).toEqual([
      '',
      '[::1]:8080',
      'example.org',
      'example.org.',
      'example.org:443',
      'example.org:8080',
      'xn--bcher-kva.example',
    ]);
  });

  it('keeps one key per host however many links it has', () => {
    const urls = Array.from({ length: 1_000 }, (_, i) => `https://h${i % 7}.example/doc/${i}`);
    expect(probeHostKeys(urls).size).toBe(7);
  });
});
