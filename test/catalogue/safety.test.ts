import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueFile, parseCatalogueText } from '../../src/catalogue/index.js';
import { lines, scratch } from './helpers.js';

let s: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  s = await scratch();
});
afterAll(() => s.cleanup());

const HEAD = lines('catalogue:', '  title: T', 'entries:');

/** The classic "billion laughs": nine levels of nine aliases each. */
function billionLaughs(): string {
  const out = ['x: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++)
    out.push(
      `x${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(',')}]`,
    );
  return `${out.join('\n')}\n`;
}

describe('hostile YAML', () => {
  it('refuses an exponential alias bomb', async () => {
    const path = await s.write('bomb.yaml', billionLaughs());
    const { catalogue, problems } = await loadCatalogueFile(path);
    expect(catalogue).toBeNull();
    expect(problems.map((p) => p.code)).toEqual(['yaml-too-complex']);
  });

  it('refuses a bomb hidden inside a catalogue entry', () => {
    const text = `${HEAD}  - id: a\n    title: &t0 "x"\n${Array.from(
      { length: 12 },
      (_, i) => `    t${i + 1}: &t${i + 1} [*t${i}, *t${i}, *t${i}, *t${i}]`,
    ).join('\n')}\n`;
    const { problems } = parseCatalogueText(text, 'inline.yaml');
    expect(problems.map((p) => p.code)).toEqual(['yaml-too-complex']);
  });

  it('refuses too many aliases, naming the line where the limit was passed', () => {
    const text = `a: &a x\nb:\n${Array.from({ length: 2000 }, () => '  - *a').join('\n')}\n`;
    const { problems } = parseCatalogueText(text, 'many.yaml', {
      maxDepth: 64,
      maxAliases: 1000,
      maxAliasCount: 10_000,
    });
    // One anchor on line 1, then one alias per line from line 3: the 1001st is on line 1002.
    expect(problems).toMatchObject([{ code: 'yaml-too-complex', line: 1002 }]);
  });

  it('allows a few aliases, e.g. a shared section', () => {
    const text = lines(
      'catalogue: { title: T }',
      'sections:',
      '  - &s1 { number: "1", title: One }',
      'entries:',
      '  - { id: a, section: *s1, creators: C, title: T, medium: book }',
    );
    // "sections" is not a known field: the alias itself is fine, the extra field is not.
    const { problems } = parseCatalogueText(text, 'alias.yaml');
    expect(problems.map((p) => [p.code, p.line])).toEqual([['unknown-field', 2]]);
  });

  it('refuses deep flow and block nesting without overflowing the stack, twice in a row', () => {
    const flow = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const block = `a:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}x\n`;
    const compact = `a: ${'- '.repeat(5000)}x\n`;
    for (const text of [flow, block, compact, flow]) {
      const { catalogue, problems } = parseCatalogueText(text, 'deep.yaml');
      expect(catalogue).toBeNull();
      expect(problems.map((p) => p.code)).toEqual(['yaml-too-complex']);
    }
  });

  it('does not count the indentation of block scalar text as nesting', () => {
    const deepText = `${' '.repeat(200)}indented text`;
    const text = lines(
      'catalogue:',
      '  title: |',
      `    ${deepText}`,
      `    ${deepText}`,
      'entries: []',
    );
    const { catalogue, problems } = parseCatalogueText(text, 'lit.yaml');
    expect(problems).toEqual([]);
    expect(catalogue?.info.title).toContain('indented text');
  });
});

describe('file size cap', () => {
  it('refuses a file over the default 5 MiB cap before reading it', async () => {
    // A sparse file: large to stat, nothing written to disk.
    const path = join(s.dir, 'huge.yaml');
    const handle = await open(path, 'w');
    await handle.truncate(25 * 1024 * 1024);
    await handle.close();
    const { catalogue, problems } = await loadCatalogueFile(path);
    expect(catalogue).toBeNull();
    expect(problems).toMatchObject([{ code: 'file-too-large', line: 1 }]);
    expect(problems[0]?.message).toContain('5242880');
  });

  it('applies a configured cap to a real generated file', async () => {
    const entry = (i: number) =>
      `  - { id: e${i}, section: { number: "1", title: S }, creators: C, title: T${i}, medium: book, links: [https://example.org/${i}] }\n`;
    const text = HEAD + Array.from({ length: 3000 }, (_, i) => entry(i)).join('');
    const path = await s.write('big.yaml', text);
    const capped = await loadCatalogueFile(path, { maxBytes: 100_000 });
    expect(capped.problems.map((p) => p.code)).toEqual(['file-too-large']);
    const uncapped = await loadCatalogueFile(path);
    expect(uncapped.problems).toEqual([]);
    expect(uncapped.catalogue?.entries).toHaveLength(3000);
    expect(uncapped.catalogue?.entries[2999]?.links[0]?.line).toBe(3003);
  });
});

describe('huge mappings', () => {
  it('reports duplicate keys and unknown fields of a 50 000-key mapping (linear checks)', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: 1`).join('\n');
    const text = `catalogue: { title: T }\nentries: []\n${keys}\nk7: again\n`;
    const { problems } = parseCatalogueText(text, 'wide.yaml');
    expect(problems).toHaveLength(50_001);
    expect(problems[0]).toMatchObject({ code: 'unknown-field', line: 3, path: 'k0' });
    expect(problems.at(-1)).toMatchObject({
      code: 'yaml-syntax',
      line: 50_003,
      message: 'YAML: duplicate key "k7" (lines 10 and 50003)',
    });
  });
});

describe('aliases in entries', () => {
  it('gives the lines of the anchored nodes for entries reached through aliases', () => {
    const text = lines(
      'catalogue: { title: T }',
      'shared: &e { id: same, section: { number: "1", title: S }, creators: C, title: T, medium: book }',
      'entries: [*e, *e]',
    );
    const { problems } = parseCatalogueText(text, 'aliased.yaml');
    // The alias itself is fine; the repeated id and the extra top-level field are not.
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['unknown-field', 2],
      ['duplicate-id', 2],
    ]);
  });

  it('counts anchors towards the limit', () => {
    const text = `${Array.from({ length: 20 }, (_, i) => `a${i}: &x${i} v`).join('\n')}\n`;
    const { problems } = parseCatalogueText(text, 'anchors.yaml', {
      maxDepth: 64,
      maxAliases: 10,
      maxAliasCount: 100,
    });
    expect(problems).toMatchObject([{ code: 'yaml-too-complex', line: 11 }]);
  });
});
