import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runImportCommand } from '../../src/cli/import.js';
import type { CliIO } from '../../src/cli/io.js';
import { SAMPLE } from './samples.js';

function captureIO(cwd: string): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    cwd,
    isTTY: false,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
}

describe('rotwatch import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rotwatch-import-'));
    await writeFile(join(dir, 'dossier.txt'), SAMPLE);
    await writeFile(join(dir, 'empty.txt'), '\n\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a catalogue file the YAML parser reads back', async () => {
    const io = captureIO(dir);
    const code = await runImportCommand({ input: 'dossier.txt', out: 'catalogue/sample.yaml' }, io);
    expect(code).toBe(0);
    expect(io.out).toEqual([]);
    const text = await readFile(join(dir, 'catalogue/sample.yaml'), 'utf8');
    expect(text.startsWith('# Imported from dossier.txt')).toBe(true);
    const doc = parse(text);
    expect(doc.entries).toHaveLength(4);
    expect(doc.entries[0]).toMatchObject({
      section: { number: '1.1.1' },
      creators: 'ALPHA (Agence locale de l’alpha)',
      date: { text: '2020', year: 2020 },
      links: [{ url: 'https://www.alpha.example.org/barometre-alpha-2019.html' }],
    });
    expect(doc.entries[2].links).toEqual([]);
    expect(new Set(doc.entries.map((e: { id: string }) => e.id)).size).toBe(4);
    expect(io.err.at(-1)).toBe(
      'imported 4 entries in 4 sections, 5 URLs (5 assigned, 0 unassigned, 0 low-confidence)\n',
    );
  });

  it('prints to stdout without --out', async () => {
    const io = captureIO(dir);
    expect(await runImportCommand({ input: 'dossier.txt' }, io)).toBe(0);
    expect(parse(io.out.join('')).entries).toHaveLength(4);
  });

  it('fails with a clear message on input it cannot use', async () => {
    const io = captureIO(dir);
    expect(await runImportCommand({ input: 'empty.txt', out: 'x.yaml' }, io)).toBe(2);
    expect(io.err.join('')).toContain('empty.txt:1: empty-input: the dossier text is empty');
    const missing = captureIO(dir);
    expect(await runImportCommand({ input: 'nope.txt' }, missing)).toBe(2);
    expect(missing.err.join('')).toContain('cannot read nope.txt: ENOENT');
  });
});
