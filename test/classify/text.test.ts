import { describe, expect, it } from 'vitest';
import { fold, tokens, words } from '../../src/classify/text.js';

/** The rules as first written with Unicode property regexps: the reference for the fast path. */
function refFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}
function refWords(text: string): string {
  return refFold(text)
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .replace(/(^|\s)'+|'+(\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A deterministic pseudo-random generator (tests must not depend on luck). */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('text folding', () => {
  it('folds accents, case, apostrophes and ligatures', () => {
    expect(words('Page non trouvée')).toBe('page non trouvee');
    expect(words('PAGE NON TROUVÉE !')).toBe('page non trouvee');
    expect(words('L’œuvre n’existe plus…')).toBe("l'oeuvre n'existe plus");
    expect(words("'quoted' words")).toBe('quoted words');
    expect(tokens('  Straße — 404  ')).toEqual(['strasse', '404']);
    expect(fold('`Grüße`')).toBe("'grusse'");
  });

  it('gives what the Unicode property regexps give, on every BMP character', () => {
    for (let start = 0; start < 0x10000; start += 512) {
      let chunk = '';
      for (let c = start; c < start + 512; c++)
        chunk += `${String.fromCharCode(c)}a${c % 7 === 0 ? ' ' : ''}`;
      expect(fold(chunk)).toBe(refFold(chunk));
      expect(words(chunk)).toBe(refWords(chunk));
    }
  });

  it('gives what the Unicode property regexps give, on random text with astral and lone surrogates', () => {
    const random = lcg(42);
    const pool = [
      ..."abcXYZ019 \t\n.,;:!?-–—'’`´ʼ«»()[]/",
      ...'éèêëàâäîïôöûüçñÉÈÀÇŒœÆæßİı',
      'e\u0301',
      'a\u0308',
      '\u200b',
      '\u00a0',
      '\u3000',
      '日本語',
      'Ελληνικά',
      'русский',
      'עברית',
      'العربية',
      '\u{1D400}', // mathematical bold A (a letter)
      '\u{1F600}', // an emoji (not a letter)
      '\u{1D7CE}', // mathematical bold digit zero
      '\u{E0100}', // a variation selector (a mark)
      '\ud800', // lone high surrogate
      '\udc00', // lone low surrogate
    ];
    for (let n = 0; n < 2000; n++) {
      let s = '';
      const len = Math.floor(random() * 40);
      for (let i = 0; i < len; i++) s += pool[Math.floor(random() * pool.length)];
      expect(fold(s)).toBe(refFold(s));
      expect(words(s)).toBe(refWords(s));
    }
  });
});
