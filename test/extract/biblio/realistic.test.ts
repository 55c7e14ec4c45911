import { describe, expect, it } from 'vitest';
import { reportedBiblio } from '../../../src/extract/biblio/reported.js';
import { extractMeta } from '../../../src/extract/index.js';
import { REALISTIC, type RealisticPage } from './realistic.js';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function agreement(page: RealisticPage) {
  const meta = extractMeta({
    url: 'https://site.example.org/page',
    status: 200,
    headers: {
      'content-type': page.type === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
    },
    body: page.body,
    bodyTruncated: false,
  });
  const b = reportedBiblio(meta);
  const r = page.reader;
  const published = b.published === null ? null : b.published.slice(0, r.published?.length ?? 10);
  return {
    got: { authors: b.authors, published: b.published, siteName: b.siteName, lang: meta.lang },
    ok: {
      authors: JSON.stringify(b.authors.map(fold)) === JSON.stringify(r.authors.map(fold)),
      published: published === r.published,
      siteName: (b.siteName && fold(b.siteName)) === (r.siteName && fold(r.siteName)),
      lang: (meta.lang?.toLowerCase() ?? null) === (r.lang?.toLowerCase() ?? null),
    },
  };
}

describe('ten realistic pages (news, blogs, French government, journals, PDF reports)', () => {
  it('agrees with a careful reader on most fields, and invents nothing', () => {
    const totals = { authors: 0, published: 0, siteName: 0, lang: 0 };
    const misses: string[] = [];
    for (const page of REALISTIC) {
      const { got, ok } = agreement(page);
      for (const [field, agrees] of Object.entries(ok) as [keyof typeof totals, boolean][]) {
        if (agrees) totals[field]++;
        else misses.push(`${field}: ${page.name}: ${JSON.stringify(got[field])}`);
      }
    }
    // The figures in docs/extract.md come from this line.
    console.log(`${REALISTIC.length} realistic pages:`, totals, '\nmissed:\n', misses.join('\n'));
    expect(REALISTIC).toHaveLength(10);
    for (const field of Object.keys(totals) as (keyof typeof totals)[])
      expect(totals[field], field).toBeGreaterThanOrEqual(6);
  });

  it('never takes a login name or an office default for an author or a title', () => {
    const word = REALISTIC.find((p) => p.name.startsWith('PDF report written in Word'))!;
    const { got } = agreement(word);
    expect(got.authors).not.toContain('Microsoft Word - rapport_final_v3.docx');
  });
});
