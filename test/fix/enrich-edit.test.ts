/**
 * The writer's entry-level edits (`fix --enrich`): a missing date or creators inserted where the
 * format lists them, a placeholder replaced, a DOI link appended; in block and flow style, with
 * comments, CRLF and odd layouts, every other byte unchanged and the result verified.
 */
import { describe, expect, it } from 'vitest';
import { parseCatalogueText } from '../../src/catalogue/index.js';
import { editCatalogueText } from '../../src/fix/edit.js';
import { edit } from './edit-text.js';

const DATE = { text: '2019-03-12', year: 2019, month: 3, day: 12 };

const BLOCK = [
  '# head',
  'catalogue:',
  '  title: Cat',
  'entries:',
  '  - id: block',
  '    section: { number: "1", title: S }',
  '    creators: "[s.n.]"   # unknown at compile time',
  '    title: "Le titre"    # quoted title',
  '    # a comment before medium',
  '    medium: report',
  '    links:',
  '      - url: https://a.test/x   # the page',
  '        role: article',
  '        # comment inside the link',
  '',
  '  - id: bare',
  '    section: { number: "2", title: S }',
  '    creators: C',
  '    title: T',
  '    container: Revue',
  '    medium: article',
  '    links:',
  "      - 'https://b.test/y'",
  '# the end',
  '',
].join('\n');

const FLOW = [
  'catalogue: { title: Cat }',
  'entries:',
  "  - { id: flow, section: { number: '1', title: S }, creators: C, title: 'T t', medium: report, links: [https://c.test/z] }",
  '',
].join('\n');

function entry(text: string, id: string) {
  const { catalogue, problems } = parseCatalogueText(text, 'c.yaml');
  expect(problems).toEqual([]);
  return catalogue!.entries.find((e) => e.id === id)!;
}

describe('entry-level edits', () => {
  it('inserts a date after the title in block style, keeping comments and the title quoting', () => {
    const r = edit(BLOCK, [{ op: 'add-entry-field', entry: 'block', key: 'date', value: DATE }]);
    expect(r.refused).toEqual([]);
    expect(r.text).toBe(
      BLOCK.replace(
        '    title: "Le titre"    # quoted title\n',
        '    title: "Le titre"    # quoted title\n    date: { text: "2019-03-12", year: 2019, month: 3, day: 12 }\n',
      ),
    );
    expect(entry(r.text, 'block').date).toEqual(DATE);
  });

  it('puts the date after the container when there is one, plain like the title', () => {
    const r = edit(BLOCK, [
      { op: 'add-entry-field', entry: 'bare', key: 'date', value: { text: '2019', year: 2019 } },
    ]);
    expect(r.text).toContain('    container: Revue\n    date: { text: "2019", year: 2019 }\n');
    expect(entry(r.text, 'bare').date).toEqual({ text: '2019', year: 2019 });
  });

  it('replaces a placeholder creators value in its own quoting, and nothing else', () => {
    const r = edit(BLOCK, [
      {
        op: 'set-entry-field',
        entry: 'block',
        key: 'creators',
        from: '[s.n.]',
        to: 'Jean Dupont, Marie Curie',
      },
    ]);
    expect(r.text).toBe(BLOCK.replace('"[s.n.]"', '"Jean Dupont, Marie Curie"'));
  });

  it('appends a DOI link after the last link, as a block mapping or beside a bare URL', () => {
    const url = 'https://doi.org/10.1234/abc.5';
    const r = edit(BLOCK, [
      { op: 'add-link', entry: 'block', url, role: 'doi' },
      { op: 'add-link', entry: 'bare', url, role: 'doi' },
    ]);
    expect(r.text).toContain(
      '        role: article\n      - url: https://doi.org/10.1234/abc.5\n        role: doi\n        # comment inside the link\n',
    );
    expect(r.text).toContain(
      "      - 'https://b.test/y'\n      - { url: 'https://doi.org/10.1234/abc.5', role: 'doi' }\n# the end",
    );
    expect(entry(r.text, 'block').links.map((l) => [l.url, l.role])).toEqual([
      ['https://a.test/x', 'article'],
      [url, 'doi'],
    ]);
  });

  it('writes into a flow entry and a flow list', () => {
    const r = edit(FLOW, [
      {
        op: 'add-entry-field',
        entry: 'flow',
        key: 'date',
        value: { text: '2020-05', year: 2020, month: 5 },
      },
      { op: 'add-link', entry: 'flow', url: 'https://doi.org/10.1/x.y', role: 'doi' },
    ]);
    expect(r.text).toBe(
      "catalogue: { title: Cat }\nentries:\n  - { id: flow, section: { number: '1', title: S }, creators: C, title: 'T t', date: { text: '2020-05', year: 2020, month: 5 }, medium: report, links: [https://c.test/z, { url: https://doi.org/10.1/x.y, role: doi }] }\n",
    );
    expect(entry(r.text, 'flow').date).toEqual({ text: '2020-05', year: 2020, month: 5 });
  });

  it('keeps CRLF line endings in what it inserts', () => {
    const crlf = BLOCK.replaceAll('\n', '\r\n');
    const r = edit(crlf, [
      { op: 'add-entry-field', entry: 'block', key: 'date', value: DATE },
      { op: 'add-link', entry: 'block', url: 'https://doi.org/10.1234/z', role: 'doi' },
    ]);
    expect(r.text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(r.text.split('\r\n').length).toBe(crlf.split('\r\n').length + 3);
  });

  it('keeps an archive on the last link and a DOI link after it in order', () => {
    const r = edit(BLOCK, [
      { op: 'add-link', entry: 'bare', url: 'https://doi.org/10.1234/q', role: 'doi' },
      {
        op: 'add-archive',
        entry: 'bare',
        link: 0,
        url: 'https://b.test/y',
        archive: { url: 'https://web.archive.test/web/2020/https://b.test/y', date: '2020-01-01' },
      },
    ]);
    expect(r.refused).toEqual([]);
    const links = entry(r.text, 'bare').links;
    expect(links[0]!.archive?.date).toBe('2020-01-01');
    expect(links[1]!.url).toBe('https://doi.org/10.1234/q');
  });

  it('refuses a field the entry has, a changed placeholder, and a second edit of one field', () => {
    const r = edit(BLOCK, [
      { op: 'add-entry-field', entry: 'block', key: 'creators', value: 'X' },
      { op: 'set-entry-field', entry: 'bare', key: 'creators', from: '[s.n.]', to: 'Y' },
      { op: 'add-entry-field', entry: 'bare', key: 'date', value: DATE },
      { op: 'add-entry-field', entry: 'bare', key: 'date', value: DATE },
    ]);
    expect(r.refused.map((x) => x.error.code)).toEqual([
      'field-present',
      'link-changed',
      'conflict',
    ]);
    expect(entry(r.text, 'bare').date).toEqual(DATE);
  });

  it('fails the whole file when the result would not validate (an impossible date)', () => {
    const out = editCatalogueText(
      BLOCK,
      [
        {
          op: 'add-entry-field',
          entry: 'block',
          key: 'date',
          value: { text: '2019-02-30', year: 2019, month: 2, day: 30 },
        },
      ],
      'c.yaml',
    );
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('verify-failed');
  });
});
