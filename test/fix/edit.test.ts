import { describe, expect, it } from 'vitest';
import { parseCatalogueText } from '../../src/catalogue/index.js';
import { editCatalogueText, verify } from '../../src/fix/edit.js';
import type { EditOp } from '../../src/fix/ops.js';
import { edit } from './edit-text.js';

const ARCH = {
  url: 'https://web.archive.test/web/20200101000000/https://old.test/a',
  date: '2020-01-01',
};

/** A catalogue with comments everywhere and every way of writing a link. */
const SOURCE = [
  '# head comment',
  'catalogue:   # trailing',
  "  title: 'Quoted: title'",
  '  compiled: 2021-04',
  '',
  'entries:',
  '  # before the entry',
  '  - id: block-map',
  '    section: { number: "1", title: S }   # flow section',
  '    creators: >-',
  '      Folded',
  '      creators',
  '    title: |-',
  '      Literal title',
  '    medium: report',
  '    links:',
  '      - url: http://old.test/a    # the url',
  '        role: report   # role comment',
  '        # comment inside the link',
  '',
  '      - https://bare.test/b   # a bare link',
  '      - "https://dq.test/c"',
  "      - { url: 'https://flow.test/d', role: x }",
  '      - url: |-',
  '          https://block.test/e',
  '  - id: flow-links',
  '    section: { number: "2", title: T }',
  '    creators: C',
  '    title: T',
  '    medium: article',
  '    links: [https://f.test/f, { url: "https://g.test/g" }]   # flow list',
  '# the end',
  '',
].join('\n');

/** The lines that differ, as [line number (1-based, of the new text), new line]. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return b.slice(i, b.length - j);
}

describe('editCatalogueText', () => {
  it('starts from a valid catalogue', () => {
    expect(parseCatalogueText(SOURCE, 'c.yaml').problems).toEqual([]);
  });

  it('replaces a plain URL in place, keeping its trailing comment', () => {
    const r = edit(SOURCE, [
      {
        op: 'set-url',
        entry: 'block-map',
        link: 0,
        from: 'http://old.test/a',
        to: 'https://new.test/a',
      },
    ]);
    expect(changedLines(SOURCE, r.text)).toEqual(['      - url: https://new.test/a    # the url']);
  });

  it('keeps double, single and block literal styles', () => {
    const r = edit(SOURCE, [
      {
        op: 'set-url',
        entry: 'block-map',
        link: 2,
        from: 'https://dq.test/c',
        to: 'https://dq.test/c2',
      },
      {
        op: 'set-url',
        entry: 'block-map',
        link: 3,
        from: 'https://flow.test/d',
        to: "https://flow.test/it's",
      },
      {
        op: 'set-url',
        entry: 'block-map',
        link: 4,
        from: 'https://block.test/e',
        to: 'https://block.test/e2',
      },
    ]);
    const lines = r.text.split('\n');
    expect(lines[21]).toBe('      - "https://dq.test/c2"');
    expect(lines[22]).toBe("      - { url: 'https://flow.test/it''s', role: x }");
    expect(lines[23]).toBe('      - url: |-');
    expect(lines[24]).toBe('          https://block.test/e2');
    expect(r.text.split('\n').length).toBe(SOURCE.split('\n').length);
  });

  it('quotes a plain value that plain style cannot hold', () => {
    const r = edit(SOURCE, [
      {
        op: 'set-url',
        entry: 'flow-links',
        link: 0,
        from: 'https://f.test/f',
        to: 'https://f.test/a,b',
      },
    ]);
    expect(changedLines(SOURCE, r.text)).toEqual([
      '    links: ["https://f.test/a,b", { url: "https://g.test/g" }]   # flow list',
    ]);
  });

  it("adds an archive under a block mapping, after its last field and that field's comment", () => {
    const r = edit(SOURCE, [
      { op: 'add-archive', entry: 'block-map', link: 0, url: 'http://old.test/a', archive: ARCH },
    ]);
    expect(changedLines(SOURCE, r.text)).toEqual([
      `        archive: { url: ${ARCH.url}, date: 2020-01-01 }`,
    ]);
    expect(r.text.split('\n')[18]).toBe(`        archive: { url: ${ARCH.url}, date: 2020-01-01 }`);
  });

  it('turns a bare URL into a mapping, in block and in flow lists', () => {
    const r = edit(SOURCE, [
      { op: 'add-archive', entry: 'block-map', link: 1, url: 'https://bare.test/b', archive: ARCH },
      { op: 'add-archive', entry: 'block-map', link: 2, url: 'https://dq.test/c', archive: ARCH },
      { op: 'add-archive', entry: 'flow-links', link: 0, url: 'https://f.test/f', archive: ARCH },
      { op: 'add-archive', entry: 'flow-links', link: 1, url: 'https://g.test/g', archive: ARCH },
    ]);
    const lines = r.text.split('\n');
    expect(lines.slice(20, 24)).toEqual([
      '      - url: https://bare.test/b   # a bare link',
      `        archive: { url: ${ARCH.url}, date: 2020-01-01 }`,
      '      - url: "https://dq.test/c"',
      `        archive: { url: "${ARCH.url}", date: "2020-01-01" }`,
    ]);
    expect(lines[32]).toBe(
      `    links: [{ url: https://f.test/f, archive: { url: ${ARCH.url}, date: 2020-01-01 } }, { url: "https://g.test/g", archive: { url: "${ARCH.url}", date: "2020-01-01" } }]   # flow list`,
    );
    const reread = parseCatalogueText(r.text, 'c.yaml');
    expect(reread.problems).toEqual([]);
    expect(reread.catalogue!.entries[1]!.links.map((l) => l.archive)).toEqual([ARCH, ARCH]);
  });

  it('keeps CRLF line endings, writing CRLF in new lines too', () => {
    const crlf = SOURCE.replaceAll('\n', '\r\n');
    const r = edit(crlf, [
      { op: 'add-archive', entry: 'block-map', link: 1, url: 'https://bare.test/b', archive: ARCH },
      {
        op: 'set-url',
        entry: 'block-map',
        link: 4,
        from: 'https://block.test/e',
        to: 'https://block.test/e2',
      },
    ]);
    expect(r.text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(r.text.split('\r\n').length).toBe(crlf.split('\r\n').length + 1);
    const expected = edit(SOURCE, [
      { op: 'add-archive', entry: 'block-map', link: 1, url: 'https://bare.test/b', archive: ARCH },
      {
        op: 'set-url',
        entry: 'block-map',
        link: 4,
        from: 'https://block.test/e',
        to: 'https://block.test/e2',
      },
    ]).text.replaceAll('\n', '\r\n');
    expect(r.text).toBe(expected);
  });

  it('leaves every other byte alone: undoing the splice gives the source back', () => {
    const r = edit(SOURCE, [
      { op: 'add-archive', entry: 'block-map', link: 3, url: 'https://flow.test/d', archive: ARCH },
    ]);
    const added = `, archive: { url: '${ARCH.url}', date: '2020-01-01' }`;
    expect(r.text).toContain(added);
    expect(r.text.replace(added, '')).toBe(SOURCE);
  });

  it('refuses one edit whose link changed, an already archived link, aliases, and a second edit of a link', () => {
    const withAlias = SOURCE.replace(
      '      - https://bare.test/b   # a bare link',
      '      - &b https://bare.test/b',
    );
    const out = editCatalogueText(
      withAlias,
      [
        {
          op: 'set-url',
          entry: 'block-map',
          link: 0,
          from: 'http://other.test/',
          to: 'https://x.test/',
        },
        {
          op: 'set-url',
          entry: 'block-map',
          link: 1,
          from: 'https://bare.test/b',
          to: 'https://x.test/',
        },
        { op: 'set-url', entry: 'nope', link: 0, from: 'x', to: 'y' },
        { op: 'add-archive', entry: 'block-map', link: 2, url: 'https://dq.test/c', archive: ARCH },
        {
          op: 'set-url',
          entry: 'block-map',
          link: 2,
          from: 'https://dq.test/c',
          to: 'https://x.test/',
        },
      ],
      'c.yaml',
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.refused.map((r) => r.error.code)).toEqual([
      'link-changed',
      'unsupported-yaml',
      'entry-not-found',
      'conflict',
    ]);
    expect(out.result.applied).toHaveLength(1);
    const again = edit(out.result.text, [
      { op: 'add-archive', entry: 'block-map', link: 2, url: 'https://dq.test/c', archive: ARCH },
    ]);
    expect(again.refused.map((r) => r.error.code)).toEqual(['already-archived']);
  });

  it('verification catches any difference beyond the planned edits, naming the file', () => {
    const op: EditOp = {
      op: 'set-url',
      entry: 'block-map',
      link: 0,
      from: 'http://old.test/a',
      to: 'https://new.test/a',
    };
    const good = edit(SOURCE, [op]).text;
    expect(verify(SOURCE, good, [op], 'c.yaml')).toBeNull();
    const sneaky = good.replace('role: report', 'role: summary');
    expect(verify(SOURCE, sneaky, [op], 'c.yaml')?.message).toMatch(/^c\.yaml: .*differ/);
    const broken = good.replace('entries:', 'entries: [');
    expect(verify(SOURCE, broken, [op], 'c.yaml')?.code).toBe('verify-failed');
  });
});
