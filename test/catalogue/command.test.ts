import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCatalogueCommand } from '../../src/cli/catalogue.js';
import { captureIO } from '../support/io.js';
import { lines } from './helpers.js';

let dir: string;
let project: string;

const A = lines(
  'catalogue:',
  '  title: "Dossier A"',
  '  publisher: RNRSMS',
  '  compiled: 2021-04',
  'entries:', // 5
  '  - id: one',
  '    section: { number: "1.1", title: "Usages" }',
  '    creators: "ARCEP"',
  '    title: "Baromètre \u0007du\u009b numérique"', // control characters in the file
  '    date: { text: "2020", year: 2020 }', // 10
  '    extent: { text: "79 pages", pages: 79 }',
  '    medium: report',
  '    links:',
  '      - https://example.org/a',
  '      - https://www.example.org/b', // 15
  '  - id: two',
  '    section: { number: "1.1", title: "Usages" }',
  '    creators: X',
  '    title: Two',
  '    medium: article', // 20
  '    links: [https://example.org/a#again]',
  '  - id: three',
  '    section: { number: "2", title: "Autres" }',
  '    creators: X',
  '    title: Three', // 25
  '    medium: book',
);
const B = lines(
  'catalogue: { title: B }',
  'entries:',
  '  - id: b1',
  '    section: { number: "2", title: "Autres" }',
  '    creators: Y', // 5
  '    title: B one',
  '    medium: video',
  '    links: [https://example.org/a]',
);
const BROKEN = lines(
  'catalogue: { title: "Bad \u001b[31mred" }',
  'entries:',
  '  - id: x',
  '    section: { number: "1", title: S }',
  '    title: T', // creators missing -> line 3
  '    medium: report',
  '    links: ["javascript:alert(1)"]', // 7
);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-cmd-'));
  project = join(dir, 'project');
  await mkdir(join(project, 'catalogue'), { recursive: true });
  await writeFile(join(project, 'catalogue', 'a.yaml'), A);
  await writeFile(join(project, 'catalogue', 'b.yml'), B);
  await writeFile(join(dir, 'broken.yaml'), BROKEN);
  await writeFile(join(dir, 'list.txt'), 'https://example.org/\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('rotwatch catalogue', () => {
  it('prints one JSON object per entry from catalogue/ by default', async () => {
    const io = captureIO(project);
    expect(await runCatalogueCommand({ files: [], json: true }, io)).toBe(0);
    expect(io.err).toBe('');
    const rows = JSON.parse(io.out);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      id: 'one',
      section: '1.1 Usages',
      creators: 'ARCEP',
      title: 'Baromètre \u0007du\u009b numérique',
      date: '2020',
      year: 2020,
      pages: 79,
      medium: 'report',
      urls: ['https://example.org/a', 'https://www.example.org/b'],
      file: join('catalogue', 'a.yaml'),
      line: 6,
    });
    expect(rows[2]).toMatchObject({
      id: 'three',
      date: null,
      year: null,
      pages: null,
      urls: [],
      line: 22,
    });
    expect(rows[3]).toMatchObject({ id: 'b1', file: join('catalogue', 'b.yml'), line: 3 });
    // The JSON holds the data, but no raw control character reaches the terminal.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for them
    expect(io.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('prints a human summary with counts per section', async () => {
    const io = captureIO(project);
    expect(await runCatalogueCommand({ files: [], json: false }, io)).toBe(0);
    expect(io.out).toContain('catalogue/a.yaml: Dossier A (RNRSMS, compiled 2021-04), 3 entries');
    expect(io.out).toContain(
      '2 catalogues, 4 entries, 4 URLs (2 unique, 2 hosts), 1 entry without a URL',
    );
    expect(io.out).toMatch(/^1\.1 Usages\s+2\s+3$/m);
    expect(io.out).toMatch(/^2 Autres\s+2\s+1$/m);
  });

  it('exits 2 with every problem on stderr as file:line: message, stdout empty', async () => {
    const io = captureIO(dir);
    const code = await runCatalogueCommand(
      { files: ['broken.yaml', 'list.txt', 'nope.yaml'], json: true },
      io,
    );
    expect(code).toBe(2);
    expect(io.out).toBe('');
    const errLines = io.err.trimEnd().split('\n');
    expect(errLines).toEqual([
      'broken.yaml:3: missing required field "creators" (entries.0.creators)',
      'broken.yaml:7: URL scheme "javascript" is not http or https (entries.0.links.0.url)',
      'list.txt:1: not a catalogue file (expected .yaml or .yml)',
      'nope.yaml:1: no such file',
      '4 problems in 3 files',
    ]);
  });

  it('never echoes control characters from a file to the terminal', async () => {
    const path = join(dir, 'ctl.yaml');
    await writeFile(path, lines('catalogue: { title: T }', 'entries: []', 'bad\u001b[2J\u009b: 1'));
    const io = captureIO(dir);
    expect(await runCatalogueCommand({ files: ['ctl.yaml'], json: false }, io)).toBe(2);
    expect(io.err).toContain('ctl.yaml:3: unknown field "bad[2J"');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for them
    expect(io.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('exits 2 when there is no catalogue/ directory and no file was named', async () => {
    const io = captureIO(dir);
    expect(await runCatalogueCommand({ files: [], json: false }, io)).toBe(2);
    expect(io.err).toContain('no catalogue/ directory');
    expect(io.out).toBe('');
  });
});
