import { describe, expect, it } from 'vitest';
import type { Report, ReportLink } from '../../src/model/index.js';
import { htmlChunks } from '../../src/report/html-stream.js';
import { renderHtml, reportSourceOf } from '../../src/report/index.js';
import { entry, link, sampleReport, textOf } from './fixtures.js';

/** The sample report plus `n` ok links on a few hosts and sections, in URL order. */
function withQuietLinks(n: number): Report {
  const report = sampleReport();
  const extra: ReportLink[] = [];
  for (let i = 0; i < n; i++) {
    extra.push(
      link(`https://q${i % 3}.test/page/${String(i).padStart(4, '0')}`, {
        status: i % 10 === 9 ? 'skipped' : 'ok',
        reason: i % 10 === 9 ? 'excluded' : null,
        entries: [entry(`q${i}`, { line: 100 + i, section: i % 2 ? 'Presse' : 'Sources' })],
      }),
    );
  }
  report.links = [...report.links, ...extra].sort((a, b) => (a.url < b.url ? -1 : 1));
  report.summary.total = report.links.length;
  return report;
}

const embedded = (html: string): Report =>
  JSON.parse(
    html.split('<script type="application/json" id="report-data">')[1]!.split('</script>')[0]!,
  );

describe('htmlChunks (the HTML page from a stream of links)', () => {
  it('under the limit, is byte for byte the page renderHtml makes', async () => {
    for (const report of [sampleReport(), withQuietLinks(40)]) {
      const streamed = await textOf(htmlChunks(reportSourceOf(report), { maxOkLinks: 1_000 }));
      expect(streamed).toBe(renderHtml(report));
    }
  });

  it('above the limit, lists the work in full and counts the quiet links per section and host', async () => {
    const report = withQuietLinks(300);
    const work = report.links.filter((l) => !['ok', 'skipped'].includes(l.status) || l.drift);
    const quiet = report.links.length - work.length;
    const html = await textOf(
      htmlChunks(reportSourceOf(report), {
        maxOkLinks: 100,
        files: { csv: 'latest.csv', json: 'latest.json' },
      }),
    );
    const rowUrls = [...html.matchAll(/<tr data-status[^>]*>.*?href="([^"]+)"/g)].map((m) => m[1]);
    // Every link that needs work (the drifted ok one included) has its rows; no quiet one has.
    expect(new Set(rowUrls)).toEqual(new Set(work.map((l) => l.url)));
    expect(rowUrls.some((u) => u?.includes('q1.test'))).toBe(false);
    // The summary: how many, per status, per section, per host, and where the full list is.
    expect(html).toContain('id="summarised"');
    expect(html).toContain(`${quiet} links`);
    expect(html).toContain('<a href="latest.csv">latest.csv</a>');
    const q0 = report.links.filter((l) => l.url.includes('q0.test')).length;
    expect(html).toContain(`<tr><td>q0.test</td><td>${q0}</td></tr>`);
    expect(html).toContain('<tr><td>Sources</td><td>150</td></tr>');
    // Counts and filters still cover the whole run; the host filter offers only listed hosts.
    expect(html).toContain(`<strong>${report.summary.total}</strong>`);
    expect(html).not.toContain('<option value="q0.test">');
    // The embedded report carries the head and the listed links.
    const data = embedded(html);
    expect(data.summary).toEqual(report.summary);
    expect(data.links.map((l) => l.url)).toEqual(work.map((l) => l.url));
  });

  it('reads the links once per table group present, plus one pass for the view and one for the data', async () => {
    const report = withQuietLinks(300);
    const source = reportSourceOf(report);
    let reads = 0;
    const counting = {
      head: source.head,
      async *links() {
        reads++;
        yield* source.links();
      },
    };
    await textOf(htmlChunks(counting, { maxOkLinks: 10 }));
    const { pageGroup } = await import('../../src/report/html.js');
    const groups = new Set(
      report.links.filter((l) => !['ok', 'skipped'].includes(l.status) || l.drift).map(pageGroup),
    );
    expect(reads).toBe(groups.size + 2);
  });
});
