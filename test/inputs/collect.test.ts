import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectTargets } from '../../src/inputs/index.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
let dir: string;

const CAT_A = lines(
  'catalogue:', // 1
  '  title: A',
  '  compiled: 2021-04',
  'entries:',
  '  - id: first', // 5
  '    section: { number: "1.1.1", title: "Généralités" }',
  '    creators: C',
  '    title: First entry',
  '    date: { text: "mars 2020", year: 2020, month: 3 }',
  '    medium: report', // 10
  '    links:',
  '      - https://Example.org/shared#page=3', // 12
  '      - url: https://example.org/own', // 13
  '        accessed: 2021-06-02',
  '  - id: second', // 15
  '    section: { number: "1.2", title: "Autre" }',
  '    creators: C',
  '    title: Second entry',
  '    date: { text: "2019", year: 2019 }',
  '    medium: article', // 20
  '    accessed: 2021-05-10',
  '    links: [https://example.org:443/shared]', // 22
  '  - id: third',
  '    section: { number: "2", title: "Sans lien" }',
  '    creators: C', // 25
  '    title: No links',
  '    medium: book',
);
const CAT_B = lines(
  'catalogue:',
  '  title: B',
  '  compiled: 2024-02',
  'entries:',
  '  - id: first', // same id as in A: ids are unique per catalogue only
  '    section: { number: "9", title: "Z" }',
  '    creators: C',
  '    title: From B',
  '    medium: report',
  '    links:', // 10
  '      - https://example.org/shared', // 11
);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-inputs-'));
  await mkdir(join(dir, 'catalogue'));
  await writeFile(join(dir, 'catalogue', 'a.yaml'), CAT_A);
  await writeFile(join(dir, 'catalogue', 'b.yml'), CAT_B);
  await writeFile(
    join(dir, 'catalogue', 'notes.txt'),
    'https://example.org/not-collected-from-dir\n',
  );
  await writeFile(
    join(dir, 'links.txt'),
    lines('# list', 'https://example.org/shared', 'oops', 'https://example.org/t'),
  );
  await writeFile(
    join(dir, 'read.md'),
    lines('Intro', 'See [shared](https://EXAMPLE.org/shared#x).'),
  );
  await writeFile(
    join(dir, 'bad.yaml'),
    lines('catalogue: { title: X }', 'entries: [ { id: x } ]'),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('collectTargets', () => {
  it('dedupes one URL cited by several entries across files, keeping every citation', async () => {
    const { targets, catalogues, problems } = await collectTargets(
      ['catalogue', 'links.txt', 'read.md'],
      { cwd: dir },
    );
    expect(catalogues.map((c) => c.file)).toEqual(['catalogue/a.yaml', 'catalogue/b.yml']);
    expect(targets.map((t) => t.url)).toEqual([
      'https://example.org/shared',
      'https://example.org/own',
      'https://example.org/t',
    ]);
    expect(targets[0]?.citations).toEqual([
      {
        id: 'first',
        file: 'catalogue/a.yaml',
        line: 12,
        title: 'First entry',
        section: '1.1.1 Généralités',
        accessedAt: '2021-04-30',
        publishedAt: '2020-03-01',
        creators: 'C',
        date: { text: 'mars 2020', year: 2020, month: 3 },
      },
      {
        id: 'second',
        file: 'catalogue/a.yaml',
        line: 22,
        title: 'Second entry',
        section: '1.2 Autre',
        accessedAt: '2021-05-10',
        publishedAt: '2019-01-01',
        creators: 'C',
        date: { text: '2019', year: 2019 },
      },
      {
        id: 'first',
        file: 'catalogue/b.yml',
        line: 11,
        title: 'From B',
        section: '9 Z',
        accessedAt: '2024-02-29',
        creators: 'C',
      },
      { id: 'links.txt:2', file: 'links.txt', line: 2, title: 'https://example.org/shared' },
      { id: 'read.md:2', file: 'read.md', line: 2, title: 'shared' },
    ]);
    expect(targets[1]?.citations).toMatchObject([
      { id: 'first', line: 13, accessedAt: '2021-06-02' },
    ]);
    expect(problems).toEqual([
      { code: 'invalid-url', file: 'links.txt', line: 3, message: expect.any(String) },
    ]);
  });

  it('keeps what it could read and reports the rest', async () => {
    const { targets, catalogues, problems, unread } = await collectTargets(
      ['bad.yaml', 'missing.txt', 'links.txt', 'photo.png', 'links.txt'],
      { cwd: dir },
    );
    expect(catalogues).toEqual([]);
    expect(targets.map((t) => t.url)).toEqual([
      'https://example.org/shared',
      'https://example.org/t',
    ]);
    expect(problems.map((p) => [p.file, p.code])).toEqual([
      ['bad.yaml', 'missing-field'],
      ['bad.yaml', 'missing-field'],
      ['bad.yaml', 'missing-field'],
      ['bad.yaml', 'missing-field'],
      ['missing.txt', 'file-unreadable'],
      ['links.txt', 'invalid-url'],
      ['photo.png', 'file-unreadable'],
    ]);
    // A bad line leaves its list read; these three gave nothing.
    expect(unread).toEqual(['bad.yaml', 'missing.txt', 'photo.png']);
  });

  it('reports a directory without catalogues and applies the size cap to Markdown and YAML', async () => {
    await mkdir(join(dir, 'empty'), { recursive: true });
    const { problems, unread, targets } = await collectTargets(
      ['empty', 'read.md', 'catalogue/a.yaml', 'links.txt'],
      { cwd: dir, maxBytes: 10 },
    );
    expect(problems.map((p) => [p.file, p.code])).toEqual([
      ['empty', 'file-unreadable'],
      ['read.md', 'file-too-large'],
      ['catalogue/a.yaml', 'file-too-large'],
      ['links.txt', 'invalid-url'],
    ]);
    expect(problems[1]?.message).toMatch(/check\.maxInputBytes or --max-input-bytes/);
    expect(unread).toEqual(['empty', 'read.md', 'catalogue/a.yaml']);
    // A URL list is read as a stream, whatever its size.
    expect(targets.map((t) => t.url)).toEqual([
      'https://example.org/shared',
      'https://example.org/t',
    ]);
  });

  it('shows absolute paths inside cwd relative to it, others as given', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'rotwatch-outside-'));
    await writeFile(join(outside, 'far.txt'), 'https://example.org/far\n');
    try {
      const { targets } = await collectTargets([join(dir, 'catalogue'), join(outside, 'far.txt')], {
        cwd: dir,
      });
      const files = targets.flatMap((t) => t.citations.map((c) => c.file));
      expect(new Set(files)).toEqual(
        new Set([
          join('catalogue', 'a.yaml'),
          join('catalogue', 'b.yml'),
          join(outside, 'far.txt'),
        ]),
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('URLs and standard input as inputs', () => {
  it('takes http(s) URLs given as arguments, cited as (command line):N', async () => {
    const r = await collectTargets(['https://example.org/page', 'HTTP://Example.org/other#x'], {
      cwd: dir,
    });
    expect(r.problems).toEqual([]);
    expect(r.targets.map((t) => t.url)).toEqual([
      'https://example.org/page',
      'http://example.org/other',
    ]);
    expect(r.targets[1]!.citations).toEqual([
      {
        id: '(command line):2',
        file: '(command line)',
        line: 2,
        title: 'HTTP://Example.org/other#x',
      },
    ]);
  });

  it('reads `-` as a URL list from the text of standard input', async () => {
    const stdin = lines('# from a pipe', 'https://example.org/a', '', 'not a url');
    const r = await collectTargets(['-'], { cwd: dir, stdin });
    expect(r.targets.map((t) => [t.url, t.citations[0]!.file, t.citations[0]!.line])).toEqual([
      ['https://example.org/a', '(stdin)', 2],
    ]);
    expect(r.problems).toMatchObject([{ code: 'invalid-url', file: '(stdin)', line: 4 }]);
    const unread = await collectTargets(['-'], { cwd: dir });
    expect(unread.problems).toMatchObject([{ code: 'file-unreadable', file: '(stdin)' }]);
    const big = await collectTargets(['-'], { cwd: dir, stdin: 'x'.repeat(50), maxBytes: 10 });
    expect(big.problems).toMatchObject([{ code: 'file-too-large', file: '(stdin)' }]);
  });
});
