import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogueText } from '../../src/catalogue/index.js';
import { renderDiff } from '../../src/fix/diff.js';
import { editCatalogueText } from '../../src/fix/edit.js';
import type { EditOp } from '../../src/fix/ops.js';

const FILE = join(import.meta.dirname, '..', '..', 'catalogue', 'numerique-sante-social.yaml');

async function bundled() {
  const text = await readFile(FILE, 'utf8');
  const parsed = parseCatalogueText(text, 'catalogue/numerique-sante-social.yaml');
  expect(parsed.problems).toEqual([]);
  return { text, catalogue: parsed.catalogue! };
}

/** The +/- lines of a diff, without the file headers. */
const changes = (diff: string) => diff.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));

describe('the bundled catalogue', () => {
  it('replacing every URL changes exactly each URL\u2019s own line, and only the URL in it', async () => {
    const { text, catalogue } = await bundled();
    const ops: EditOp[] = catalogue.entries.flatMap((e) =>
      e.links.map((l, i) => ({
        op: 'set-url' as const,
        entry: e.id,
        link: i,
        from: l.url,
        to: `${l.url}?moved=1`,
      })),
    );
    expect(ops.length).toBeGreaterThan(150);
    const out = editCatalogueText(text, ops, 'catalogue/numerique-sante-social.yaml');
    if (!out.ok) throw new Error(out.error.message);
    expect(out.result.refused).toEqual([]);
    const before = text.split('\n');
    const after = out.result.text.split('\n');
    expect(after.length).toBe(before.length);
    const lines = catalogue.entries.flatMap((e) => e.links.map((l) => l.line));
    const differing = before.flatMap((line, i) => (line === after[i] ? [] : [i + 1]));
    expect(differing).toEqual([...new Set(lines)].sort((a, b) => a - b));
    for (const n of differing) {
      const old = before[n - 1]!;
      expect(after[n - 1]).toBe(old.replace(/(https?:\/\/\S+)/, '$1?moved=1'));
    }
  });

  it('a dry run of a few edits shows only those lines', async () => {
    const { text, catalogue } = await bundled();
    const [first, second] = catalogue.entries.filter((e) => e.links.length > 0);
    const ops: EditOp[] = [
      {
        op: 'set-url',
        entry: first!.id,
        link: 0,
        from: first!.links[0]!.url,
        to: 'https://www.arcep.fr/nouveau',
      },
      {
        op: 'add-archive',
        entry: second!.id,
        link: 0,
        url: second!.links[0]!.url,
        archive: {
          url: `https://web.archive.org/web/20210301000000/${second!.links[0]!.url}`,
          date: '2021-03-01',
        },
      },
    ];
    const out = editCatalogueText(text, ops, 'catalogue/numerique-sante-social.yaml');
    if (!out.ok) throw new Error(out.error.message);
    const diff = renderDiff('catalogue/numerique-sante-social.yaml', text, out.result.text, false);
    expect(changes(diff)).toEqual([
      `-      - url: ${first!.links[0]!.url}`,
      '+      - url: https://www.arcep.fr/nouveau',
      `+        archive: { url: https://web.archive.org/web/20210301000000/${second!.links[0]!.url}, date: 2021-03-01 }`,
    ]);
    expect(diff).toContain(`@@ -${first!.links[0]!.line - 3},`);
  });
});
