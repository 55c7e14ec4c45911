import { describe, expect, it } from 'vitest';
import { formatProblem, parseCatalogueText } from '../../src/catalogue/index.js';
import { citationsOf } from '../../src/inputs/citations.js';
import { lines } from './helpers.js';

const head = [
  'catalogue:',
  '  title: T',
  'entries:',
  '  - id: e1',
  '    section: { number: "1", title: S }',
  '    creators: C',
  '    title: A title',
  '    medium: report',
  '    links:',
];

describe('link archive and fix marker', () => {
  it('reads archive and fix: false, and carries them into citations', () => {
    const text = lines(
      ...head,
      '      - url: https://example.org/a',
      '        archive: { url: "https://web.archive.test/web/20200101000000/https://example.org/a", date: 2020-01-01 }',
      '        fix: false',
      '      - https://example.org/b',
    );
    const { catalogue, problems } = parseCatalogueText(text, 'c.yaml');
    expect(problems).toEqual([]);
    const links = catalogue!.entries[0]!.links;
    expect(links[0]).toEqual({
      file: 'c.yaml',
      line: 10,
      url: 'https://example.org/a',
      archive: {
        url: 'https://web.archive.test/web/20200101000000/https://example.org/a',
        date: '2020-01-01',
      },
      fix: false,
    });
    expect(links[1]).toEqual({ file: 'c.yaml', line: 13, url: 'https://example.org/b' });
    const citations = citationsOf(catalogue!);
    expect(citations[0]!.citation.archive?.date).toBe('2020-01-01');
    expect(citations[0]!.citation.fix).toBe(false);
    expect(citations[1]!.citation).not.toHaveProperty('fix');
    expect(citations[1]!.citation).not.toHaveProperty('archive');
  });

  it('names file:line for a bad archive url, a bad date, a missing date and an unknown field', () => {
    const text = lines(
      ...head,
      '      - url: https://example.org/a', // 10
      '        archive:',
      '          url: ftp://archive.test/x', // 12
      '          date: 2020-13-01', // 13
      '      - url: https://example.org/b',
      '        archive: { url: "https://archive.test/y" }', // 15
      '      - url: https://example.org/c',
      '        archive: { url: "https://archive.test/z", date: 2020-01-02, when: x }', // 17
      '        fix: no', // 18
    );
    const { catalogue, problems } = parseCatalogueText(text, 'c.yaml');
    expect(catalogue).toBeNull();
    const got = problems.map((p) => [p.line, p.code, p.path]);
    expect(got).toEqual([
      [12, 'invalid-url', 'entries.0.links.0.archive.url'],
      [13, 'schema', 'entries.0.links.0.archive.date'],
      [15, 'missing-field', 'entries.0.links.1.archive.date'],
      [17, 'unknown-field', 'entries.0.links.2.archive.when'],
      [18, 'schema', 'entries.0.links.2.fix'],
    ]);
    expect(formatProblem(problems[4]!)).toMatch(/^c\.yaml:18: fix: must be a boolean/);
  });
});
