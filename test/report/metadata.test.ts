import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { renderCsv, renderHtml, renderMarkdown } from '../../src/report/index.js';
import { entry, link, sampleReport } from './fixtures.js';

/** The sample report plus one ok page whose metadata differs from its entry. */
function withDifferences(): Report {
  const report = sampleReport();
  report.links.push(
    link('https://zeta.test/barometre', {
      title: 'Baromètre 2023',
      entries: [entry('barometre-2019', { title: 'Baromètre 2019', line: 50 })],
      metadataDiffers: [
        { entry: 'barometre-2019', field: 'creators', catalogue: 'ANAP', page: 'Claire Martin' },
        { entry: 'barometre-2019', field: 'date', catalogue: '2019', page: '2023-05-04' },
      ],
    }),
  );
  return report;
}

const LINE =
  'creators: catalogue \u201cANAP\u201d, page \u201cClaire Martin\u201d; year: catalogue \u201c2019\u201d, page \u201c2023-05-04\u201d';

describe('metadata differs in the reports', () => {
  it('HTML shows both values under the entry', () => {
    const html = renderHtml(withDifferences());
    expect(html).toContain(`metadata differs: ${LINE}`);
    expect(html.match(/metadata differs: /g)).toHaveLength(1);
  });

  it('the digest has a section only when something differs', () => {
    const md = renderMarkdown(withDifferences());
    expect(md).toContain('## Metadata differs (page against catalogue) (1)');
    expect(md).toContain('Differs: creators: catalogue');
    expect(md).toContain('Claire Martin');
    expect(renderMarkdown(sampleReport())).not.toContain('Metadata differs');
  });

  it('the CSV worklist carries them in the last column of the entry row', () => {
    const csv = renderCsv(withDifferences());
    const row = csv.split('\r\n').find((l) => l.includes(',barometre-2019,'));
    expect(row?.endsWith(`,"${LINE}"`) || row?.endsWith(`,${LINE}`)).toBe(true);
  });
});
