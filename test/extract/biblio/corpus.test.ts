import { describe, expect, it } from 'vitest';
import { extractMeta } from '../../../src/extract/index.js';
import type { PageMeta } from '../../../src/model/index.js';
import { agreesWithReader } from './agreement.js';
import { CORPUS, type CorpusPage } from './corpus.js';

function read(page: CorpusPage): PageMeta {
  return extractMeta({
    url: 'https://site.example.org/page',
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(page.html, 'utf8'),
    bodyTruncated: false,
  });
}

/** Agreement with the careful reader, field by field. */
function agreement(page: CorpusPage, meta: PageMeta) {
  const b = meta.biblio!;
  return agreesWithReader({ ...b, lang: meta.lang }, page.reader);
}

describe('hand-written corpus: agreement with a careful reader', () => {
  it('agrees on most pages for authors, publication date, site name and language', () => {
    const totals = { authors: 0, published: 0, siteName: 0, lang: 0 };
    const misses: string[] = [];
    for (const page of CORPUS) {
      const got = agreement(page, read(page));
      for (const [field, ok] of Object.entries(got) as [keyof typeof totals, boolean][]) {
        if (ok) totals[field]++;
        else misses.push(`${field}: ${page.name}`);
      }
    }
    const n = CORPUS.length;
    // The figures in docs/extract.md come from this line.
    console.log(`corpus of ${n} pages:`, totals, '\nmissed:', misses);
    expect(n).toBe(20);
    for (const field of Object.keys(totals) as (keyof typeof totals)[]) {
      expect(totals[field], field).toBeGreaterThanOrEqual(Math.ceil(n * 0.85));
    }
  });
});
