import { describe, expect, it } from 'vitest';
import type { Report, ReportLink } from '../../src/model/index.js';
import {
  csvChunks,
  jsonChunks,
  junitChunks,
  renderCsv,
  renderJunit,
  reportSourceOf,
} from '../../src/report/index.js';
import { LinkRows, type RowContext } from '../../src/report/link-rows.js';
import { linkRowsFor } from '../../src/report/write.js';
import { crowdedReport, entry, link, sampleReport, textOf } from './fixtures.js';

/** Links of every status, some cited twice or not at all, drifted and moved ones included. */
function variedReport(language: 'en' | 'fr'): Report {
  const report = crowdedReport(language);
  const extra: ReportLink[] = [];
  for (let i = 0; i < 30; i++) {
    const status = (['ok', 'dead', 'skipped', 'error', 'redirected', 'blocked'] as const)[i % 6];
    extra.push(
      link(`https://h${i % 4}.test/p/${String(i).padStart(3, '0')}`, {
        status,
        title: `Titre ${i} « ${i % 2 ? 'été' : 'hiver'} » <b>&</b>`,
        entries:
          i % 7 === 0
            ? []
            : [
                entry(`e${i}`, { file: i % 2 ? 'catalogue/b.yaml' : 'catalogue/a.yaml', line: i }),
                ...(i % 3 === 0
                  ? [entry(`f${i}`, { file: 'catalogue/a.yaml', line: 90 + i })]
                  : []),
              ],
      }),
    );
  }
  report.links = [...report.links, ...extra, ...sampleReport().links].sort((a, b) =>
    a.url < b.url ? -1 : a.url > b.url ? 1 : 0,
  );
  return report;
}

describe('report texts rendered ahead of time', () => {
  it('give the same JSON, CSV and JUnit files as rendering at write time', async () => {
    for (const language of ['en', 'fr'] as const) {
      for (const failOn of ['dead', 'error', 'none'] as const) {
        const report = variedReport(language);
        const rows = linkRowsFor({ formats: ['csv', 'junit'], failOn, language });
        for (const l of report.links) rows.prepare(l);
        const source = reportSourceOf(report);
        expect(await textOf(jsonChunks(source, rows))).toBe(`${JSON.stringify(report, null, 2)}\n`);
        expect(await textOf(csvChunks(source, rows))).toBe(renderCsv(report));
        expect(await textOf(junitChunks(source, { failOn, rows }))).toBe(
          renderJunit(report, { failOn }),
        );
      }
    }
  });

  it('are not used under another language or fail-on level than their own', async () => {
    const report = variedReport('fr');
    // Rendered for an English report failing on errors: the writers of a French one failing
    // on dead links must not take them.
    const rows = linkRowsFor({ formats: ['csv', 'junit'], failOn: 'error', language: 'en' });
    for (const l of report.links) rows.prepare(l);
    const source = reportSourceOf(report);
    expect(await textOf(csvChunks(source, rows))).toBe(renderCsv(report));
    expect(await textOf(junitChunks(source, { failOn: 'dead', rows }))).toBe(
      renderJunit(report, { failOn: 'dead' }),
    );
  });

  it('render each link once per context, and only the contexts asked for', () => {
    const calls: string[] = [];
    const counting = (name: string): RowContext<string> => ({
      render: (l) => {
        calls.push(`${name} ${l.url}`);
        return `${name}:${l.url}`;
      },
    });
    const a = counting('a');
    const b = counting('b');
    const other = counting('other');
    const rows = new LinkRows([a, b]);
    const [x, y] = sampleReport().links as [ReportLink, ReportLink];
    rows.prepare(x);
    rows.prepare(x);
    expect(calls).toEqual([`a ${x.url}`, `b ${x.url}`]);
    expect(rows.text(a, x)).toBe(`a:${x.url}`);
    expect(calls).toHaveLength(2);
    // Not prepared, or another context: rendered when asked.
    expect(rows.text(a, y)).toBe(`a:${y.url}`);
    expect(rows.text(other, x)).toBe(`other:${x.url}`);
    expect(calls).toEqual([`a ${x.url}`, `b ${x.url}`, `a ${y.url}`, `other ${x.url}`]);
  });
});
