import { describe, expect, it } from 'vitest';
import { reportedBiblio } from '../../../src/extract/biblio/reported.js';
import { extractMeta } from '../../../src/extract/index.js';
import { agreesWithReader } from './agreement.js';
import { REALISTIC, type RealisticPage } from './realistic.js';

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
  const got = { authors: b.authors, published: b.published, siteName: b.siteName, lang: meta.lang };
  return { got, ok: agreesWithReader(got, page.reader) };
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
