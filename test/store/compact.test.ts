import { describe, expect, it } from 'vitest';
import { decodeDoc, encodeDoc, memoryShapeBook } from '../../src/store/compact.js';
import { linkState, reportLink } from './contract.js';

const roundTrip = (value: unknown, url?: string) => {
  const book = memoryShapeBook();
  const text = encodeDoc(value, book, url);
  return { text, back: decodeDoc(text, book, url) };
};

describe('compact document encoding', () => {
  it('gives back the same JSON, key order included, for report links and link states', () => {
    const link = {
      ...reportLink('https://a.example.org/x', 'dead'),
      redirects: [{ url: 'https://a.example.org/y', status: 301 }],
      archive: null,
    };
    for (const doc of [link, linkState('https://a.example.org/x', { lastTitle: 'Tï' })]) {
      const { text, back } = roundTrip(doc, 'https://a.example.org/x');
      expect(JSON.stringify(back)).toBe(JSON.stringify(doc));
      // Key names and nulls are what it saves.
      expect(text.length).toBeLessThan(JSON.stringify(doc).length * 0.6);
      // The row's key is not stored again (finalUrl, another field, still is).
      const times = (s: string) => s.split('"https://a.example.org/x"').length - 1;
      expect(times(text)).toBe(times(JSON.stringify(doc)) - 1);
    }
  });

  it('keeps a url that is not the row key, nulls in arrays, empty and odd-keyed objects', () => {
    const doc = {
      url: 'https://other.example.org/',
      list: [null, 1, 'a', [], {}, { 'content-type': 'x', 'https://k.example.org/': null }],
      nested: { a: null, b: false, c: 0, d: '' },
      skipped: undefined,
    };
    const { back } = roundTrip(doc, 'https://a.example.org/');
    expect(back).toEqual({
      url: 'https://other.example.org/',
      list: [null, 1, 'a', [], {}, { 'content-type': 'x', 'https://k.example.org/': null }],
      nested: { a: null, b: false, c: 0, d: '' },
    });
    expect(JSON.stringify(back)).toBe(JSON.stringify(doc));
  });

  it('names a key list once, and tells apart lists that share their first keys', () => {
    const book = memoryShapeBook();
    const named: string[][] = [];
    const idOf = book.idOf.bind(book);
    book.idOf = (keys) => {
      named.push([...keys]);
      return idOf(keys);
    };
    const docs = [
      { a: 1, b: 2 },
      { a: 1, b: 2, c: 3 },
      { a: 1 },
      { a: 5, b: 6 },
      { a: { a: 1, b: 2 }, b: [{ a: 1 }] },
      { 'https://x.test/': 1 },
    ];
    const texts = docs.map((d) => encodeDoc(d, book));
    for (const [i, text] of texts.entries()) {
      expect(JSON.stringify(decodeDoc(text, book))).toBe(JSON.stringify(docs[i]));
    }
    // Each list is named once; a map keyed by data is never named.
    expect(named).toEqual([['a', 'b'], ['a', 'b', 'c'], ['a']]);
    // The same documents again: the same text, nothing named anew.
    expect(docs.map((d) => encodeDoc(d, book))).toEqual(texts);
    expect(named).toHaveLength(3);
  });

  it('masks objects wider than 30 keys exactly', () => {
    const wide: Record<string, number | null> = {};
    for (let i = 0; i < 45; i++) wide[`k${i}`] = i % 3 === 0 ? null : i;
    expect(JSON.stringify(roundTrip(wide).back)).toBe(JSON.stringify(wide));
  });

  it('reads plain JSON rows written before the encoding, and stops naming shapes when full', () => {
    const book = memoryShapeBook(1);
    const old = JSON.stringify(linkState('https://a.example.org/'));
    expect(decodeDoc(old, book)).toEqual(JSON.parse(old));
    const first = encodeDoc({ a: 1 }, book);
    const second = encodeDoc({ b: 2 }, book);
    expect(first).toBe('~[1,1,1]');
    expect(second).toBe('~{"b":2}');
    expect(decodeDoc(second, book)).toEqual({ b: 2 });
  });

  it('refuses a shape the dictionary does not hold', () => {
    expect(() => decodeDoc('~[9,1,1]', memoryShapeBook())).toThrow(/unknown document shape 9/);
  });
});
