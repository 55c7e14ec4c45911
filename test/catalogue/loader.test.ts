import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, loadCatalogueFile, loadCatalogues } from '../../src/catalogue/index.js';
import { lines, scratch } from './helpers.js';

let s: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  s = await scratch();
});
afterAll(() => s.cleanup());

const VALID = lines(
  'catalogue:', // 1
  '  title: "Le numérique en santé et en social"',
  '  publisher: "RNRSMS"',
  '  compiled: 2021-04',
  'entries:', // 5
  '  - id: arcep-barometre-numerique-2019',
  '    section: { number: "1.1.1", title: "Éléments généraux sur les équipements, les usages" }',
  '    creators: "ARCEP (Autorité de régulation)"',
  '    title: "Baromètre du numérique 2019 : équipement et usages du numérique"',
  '    container: "Arcep"', // 10
  '    date: { text: "2020", year: 2020 }',
  '    extent: { text: "79 pages", pages: 79 }',
  '    medium: web-page',
  '    accessed: 2021-06-02',
  '    links:', // 15
  '      - url: https://www.arcep.fr/barometre.pdf',
  '        role: report',
  '        accessed: 2021-06-03',
  '      - https://example.org/bare-string', // 19
  '  # an entry citing no URL, with numbers YAML would read as numbers',
  '  - id: orwell-1984', // 21
  '    section: { number: 1.10, title: Romans }',
  '    creators: George Orwell',
  '    title: 1984',
  '    medium: book', // 25
  '    links: []',
  '  - id: no-links-field',
  '    section: { number: "2", title: Autres }',
  '    creators: X',
  '    title: Y', // 30
  '    medium: article',
);

describe('loadCatalogueFile on a valid catalogue', () => {
  it('reads every field with the lines of entries and URLs', async () => {
    const path = await s.write('valid.yaml', VALID);
    const { catalogue, problems } = await loadCatalogueFile(path);
    expect(problems).toEqual([]);
    expect(catalogue).toEqual({
      file: path,
      info: {
        title: 'Le numérique en santé et en social',
        publisher: 'RNRSMS',
        compiled: '2021-04',
      },
      entries: [
        {
          file: path,
          line: 6,
          id: 'arcep-barometre-numerique-2019',
          section: { number: '1.1.1', title: 'Éléments généraux sur les équipements, les usages' },
          creators: 'ARCEP (Autorité de régulation)',
          title: 'Baromètre du numérique 2019 : équipement et usages du numérique',
          container: 'Arcep',
          date: { text: '2020', year: 2020 },
          extent: { text: '79 pages', pages: 79 },
          medium: 'web-page',
          accessed: '2021-06-02',
          links: [
            {
              file: path,
              line: 16,
              url: 'https://www.arcep.fr/barometre.pdf',
              role: 'report',
              accessed: '2021-06-03',
            },
            { file: path, line: 19, url: 'https://example.org/bare-string' },
          ],
        },
        {
          file: path,
          line: 21,
          id: 'orwell-1984',
          section: { number: '1.10', title: 'Romans' },
          creators: 'George Orwell',
          title: '1984',
          medium: 'book',
          links: [],
        },
        {
          file: path,
          line: 27,
          id: 'no-links-field',
          section: { number: '2', title: 'Autres' },
          creators: 'X',
          title: 'Y',
          medium: 'article',
          links: [],
        },
      ],
    });
  });

  it('keeps the path as given, relative to cwd', async () => {
    await s.write('rel.yaml', VALID);
    const { catalogue } = await loadCatalogueFile('rel.yaml', { cwd: s.dir });
    expect(catalogue?.file).toBe('rel.yaml');
    expect(catalogue?.entries[0]?.links[1]).toMatchObject({ file: 'rel.yaml', line: 19 });
  });
});

const BROKEN = lines(
  'catalogue:', // 1
  '  title: Broken',
  '  compiled: 2021-13', // 3 bad month
  '  editor: someone', // 4 unknown field
  'entries:',
  '  - id: dup', // 6
  '    section: { number: "1", title: A }',
  '    creators: C',
  '    title: T',
  '    medium: report', // 10
  '    links:',
  '      - ftp://example.org/file', // 12 bad scheme
  '      - url: "https://exa mple.org/x"', // 13 whitespace
  '      - url: "http://"', // 14 unparseable
  '  - id: dup', // 15 duplicate id
  '    section: { number: "1", title: A }',
  '    title: T2', // creators missing -> entry line 15
  '    medium: report',
  '    date: { text: "31 février 2020", year: 2020, month: 2, day: 31 }', // 19 impossible day
  '    extent: { text: "x pages", pages: "x" }', // 20 bad type
  '    links: []',
  '  - section: { number: "2", title: B }', // 22 id missing
  '    creators: C',
  '    title: T3',
  '    medium: report', // 25
  '    accessed: 2021-02-30', // 26 bad date
  '    colour: red', // 27 unknown field
  '    links: []',
);

describe('loadCatalogueFile on a broken catalogue', () => {
  it('reports every problem at once, each with its line and path', async () => {
    const path = await s.write('broken.yaml', BROKEN);
    const { catalogue, problems } = await loadCatalogueFile(path);
    expect(catalogue).toBeNull();
    const seen = problems.map((p) => ({ code: p.code, line: p.line, path: p.path }));
    expect(seen).toEqual(
      expect.arrayContaining([
        { code: 'schema', line: 3, path: 'catalogue.compiled' },
        { code: 'unknown-field', line: 4, path: 'catalogue.editor' },
        { code: 'invalid-url', line: 12, path: 'entries.0.links.0.url' },
        { code: 'invalid-url', line: 13, path: 'entries.0.links.1.url' },
        { code: 'invalid-url', line: 14, path: 'entries.0.links.2.url' },
        { code: 'missing-field', line: 15, path: 'entries.1.creators' },
        { code: 'schema', line: 19, path: 'entries.1.date' },
        { code: 'schema', line: 20, path: 'entries.1.extent.pages' },
        { code: 'missing-field', line: 22, path: 'entries.2.id' },
        { code: 'schema', line: 26, path: 'entries.2.accessed' },
        { code: 'unknown-field', line: 27, path: 'entries.2.colour' },
        { code: 'duplicate-id', line: 15, path: 'entries.1.id' },
      ]),
    );
    expect(problems).toHaveLength(12);
    const dup = problems.find((p) => p.code === 'duplicate-id');
    expect(dup?.message).toContain('lines 6 and 15');
    expect(problems.find((p) => p.line === 3)?.message).toContain('month 13');
    expect(problems.find((p) => p.line === 12)?.message).toContain('"ftp"');
    expect(formatProblem(problems.find((p) => p.line === 4)!)).toBe(
      `${path}:4: unknown field "editor" (catalogue.editor)`,
    );
  });

  it('reports YAML syntax errors with their line, duplicate keys included', async () => {
    const path = await s.write(
      'syntax.yaml',
      lines('catalogue:', '  title: A', '  title: B', 'entries:', '  - id: x', '   bad: [unclosed'),
    );
    const { catalogue, problems } = await loadCatalogueFile(path);
    expect(catalogue).toBeNull();
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.every((p) => p.code === 'yaml-syntax')).toBe(true);
    expect(problems[0]?.line).toBe(3);
    expect(problems.some((p) => p.line >= 6)).toBe(true);
  });

  it('reports an empty file, a missing file, a non-mapping document and bad UTF-8', async () => {
    const empty = await s.write('empty.yaml', '# nothing\n');
    const list = await s.write('list.yaml', '- a\n- b\n');
    const latin1 = await s.write('latin1.yaml', new Uint8Array([0x74, 0x3a, 0x20, 0xe9, 0x0a]));
    const { catalogues, problems } = await loadCatalogues([
      empty,
      list,
      latin1,
      `${s.dir}/missing.yaml`,
    ]);
    expect(catalogues).toEqual([]);
    expect(problems.map((p) => [p.file.split('/').pop(), p.code])).toEqual([
      ['empty.yaml', 'schema'],
      ['list.yaml', 'schema'],
      ['latin1.yaml', 'file-unreadable'],
      ['missing.yaml', 'file-unreadable'],
    ]);
  });
});

describe('problem messages', () => {
  it('says which field is empty, names list items, and clips absurd values', async () => {
    const longKey = 'k'.repeat(1000); // YAML caps implicit keys at 1024 characters
    const path = await s.write(
      'messages.yaml',
      lines(
        'catalogue: { title: T }',
        'entries:',
        '  - id: a',
        '    section: { number: "1", title: S }',
        '    creators:', // 5: no value
        '    title: T',
        '    medium: report',
        '    links: [42]', // 8: a number is neither a URL nor a mapping
        `    ${longKey}: 1`, // 9
      ),
    );
    const { problems } = await loadCatalogueFile(path);
    expect(problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [5, 'schema', 'creators: has no value (expected a string)'],
      [8, 'schema', 'links item 1: must be a mapping, not number 42'],
      [9, 'unknown-field', `unknown field "${'k'.repeat(79)}…"`],
    ]);
  });

  it('does not mistake a wide flow mapping for deep nesting', async () => {
    const wide = Array.from({ length: 100 }, (_, i) => `f${i}: ${i}`).join(', ');
    const path = await s.write(
      'wide.yaml',
      lines(`catalogue: { title: T, ${wide} }`, 'entries: []'),
    );
    const { problems } = await loadCatalogueFile(path);
    expect(problems).toHaveLength(100);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['unknown-field']));
  });
});
