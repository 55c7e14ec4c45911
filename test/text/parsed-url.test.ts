import { describe, expect, it } from 'vitest';
import { hostnameOf, parsedUrl } from '../../src/text/parsed-url.js';

describe('parsedUrl', () => {
  it('parses as the WHATWG URL parser does and shares one object per string', () => {
    const a = parsedUrl('HTTPS://Exemple.FR:443/a/../b?q=1#x');
    expect(a?.href).toBe('https://exemple.fr/b?q=1#x');
    expect(parsedUrl('HTTPS://Exemple.FR:443/a/../b?q=1#x')).toBe(a);
  });

  it('answers null for what is not a URL, every time', () => {
    expect(parsedUrl('not a url')).toBeNull();
    expect(parsedUrl('not a url')).toBeNull();
    expect(parsedUrl('http://[::1')).toBeNull();
  });

  it('stays right past the number of URLs it keeps', () => {
    const urls = Array.from({ length: 2000 }, (_, i) => `http://h${i}.example.test/p/${i}`);
    for (const u of urls) parsedUrl(u);
    for (const [i, u] of urls.entries()) {
      expect(parsedUrl(u)?.pathname).toBe(`/p/${i}`);
      expect(hostnameOf(u)).toBe(`h${i}.example.test`);
    }
  });

  it('gives host names in their parsed form', () => {
    expect(hostnameOf('http://ÉCOLE.example/')).toBe('xn--cole-9oa.example');
    expect(hostnameOf('mailto:someone@example.org')).toBe('');
    expect(hostnameOf('::')).toBeNull();
  });
});
