import { describe, expect, it } from 'vitest';
import { MIN_PRINT_WORDS, printDistance, textPrint } from '../../src/extract/index.js';

/** Deterministic pseudo-random words (xorshift), so texts differ without sharing shingles. */
function prose(seed: number, n: number): string {
  let x = seed * 2654435761 + 1;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    let w = '';
    for (let k = 0; k < 3 + (Math.abs(x) % 6); k++)
      w += String.fromCharCode(97 + ((x >>> (k * 4)) & 15));
    out.push(w);
  }
  return out.join(' ');
}

describe('text print', () => {
  it('is 16 hex digits, stable, and ignores case and spacing', () => {
    const text = prose(1, 400);
    const p = textPrint(text);
    expect(p).toMatch(/^[0-9a-f]{16}$/);
    expect(textPrint(text)).toBe(p);
    expect(textPrint(`  ${text.toUpperCase().replace(/ /g, ' \n ')} `)).toBe(p);
    expect(printDistance(p, p)).toBe(0);
  });

  it('gives no print for too little text', () => {
    expect(textPrint(prose(2, MIN_PRINT_WORDS - 1))).toBeNull();
    expect(textPrint(prose(2, MIN_PRINT_WORDS))).not.toBeNull();
    expect(textPrint('')).toBeNull();
  });

  it('stays close for a small edit and far for another text', () => {
    const nav = prose(3, 150);
    const article = prose(4, 600);
    const base = `${nav} ${article}`;
    const edited = `${nav} ${article.replace(/^(\S+ ){10}/, 'mis à jour le 12 mars ')} fin`;
    const replaced = `${nav} ${prose(5, 600)}`;
    expect(printDistance(textPrint(base), textPrint(edited))).toBeLessThanOrEqual(6);
    expect(printDistance(textPrint(base), textPrint(replaced))).toBeGreaterThanOrEqual(16);
    expect(
      printDistance(textPrint(prose(6, 500)), textPrint(prose(7, 500))),
    ).toBeGreaterThanOrEqual(16);
  });

  it('reads accented and non-Latin words', () => {
    const fr = 'Les élèves étudient l’économie à l’école. '.repeat(8);
    const el = 'Οι μαθητές μελετούν την οικονομία στο σχολείο. '.repeat(8);
    expect(textPrint(fr)).not.toBeNull();
    expect(printDistance(textPrint(fr), textPrint(el))).toBeGreaterThan(0);
  });

  it('measures distance only between well-formed prints', () => {
    expect(printDistance(null, '0000000000000000')).toBeNull();
    expect(printDistance('zz', '0000000000000000')).toBeNull();
    expect(printDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(printDistance('8000000000000001', '0000000000000000')).toBe(2);
  });
});
