import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stageFileAtomic, writeFileAtomic } from '../../src/fs/atomic.js';
import type { Report } from '../../src/model/index.js';
import {
  csvChunks,
  jsonChunks,
  junitChunks,
  markdownChunks,
  renderCsv,
  renderJunit,
  renderMarkdown,
  reportSourceOf,
} from '../../src/report/index.js';
import { Spool } from '../../src/report/spool.js';
import { entry, HOSTILE, link, sampleReport, textOf } from './fixtures.js';

/** Many links cited from several catalogue files, in URL order (as the store yields them). */
function bigReport(n: number): Report {
  const report = sampleReport();
  report.links = [];
  const files = ['catalogue/b.yaml', 'catalogue/a.yaml', 'list.txt'];
  for (let i = 0; i < n; i++) {
    const file = files[i % files.length] as string;
    const status = (['ok', 'dead', 'skipped', 'error', 'redirected'] as const)[i % 5];
    report.links.push(
      link(`https://h${i % 7}.test/p/${String(i).padStart(5, '0')}`, {
        status,
        title: `Titre ${i} ${HOSTILE.separator} "q" \n ${HOSTILE.scriptTitle}`,
        entries:
          i % 11 === 0
            ? []
            : [
                entry(`e${i}`, { file, line: i + 1 }),
                ...(i % 3 === 0 ? [entry(`f${i}`, { file: 'catalogue/a.yaml', line: i })] : []),
              ],
      }),
    );
  }
  return report;
}

describe('jsonChunks', () => {
  it('writes byte for byte what JSON.stringify(report, null, 2) writes', async () => {
    for (const report of [sampleReport(), bigReport(200)]) {
      expect(await textOf(jsonChunks(reportSourceOf(report)))).toBe(
        `${JSON.stringify(report, null, 2)}\n`,
      );
    }
  });

  it('writes an empty link list and drops undefined fields as JSON.stringify does', async () => {
    const report = sampleReport();
    report.links = [];
    (report as unknown as Record<string, unknown>).extra = undefined;
    const out = await textOf(jsonChunks(reportSourceOf(report)));
    expect(out).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(out).toContain('"links": []');
  });

  it('reads the links of the source once per call, never holding them as one string', async () => {
    const report = bigReport(50);
    let reads = 0;
    const source = reportSourceOf(report);
    const counting = {
      head: source.head,
      async *links() {
        reads++;
        yield* source.links();
      },
    };
    let chunks = 0;
    let largest = 0;
    for await (const c of jsonChunks(counting)) {
      chunks++;
      largest = Math.max(largest, c.length);
    }
    expect(reads).toBe(1);
    expect(chunks).toBeGreaterThan(50);
    expect(largest).toBeLessThan(JSON.stringify(report.links).length / 10);
  });
});

describe('csvChunks and junitChunks', () => {
  it('give the same files as the in-memory renderers', async () => {
    for (const report of [sampleReport(), bigReport(300)]) {
      expect(await textOf(csvChunks(reportSourceOf(report)))).toBe(renderCsv(report));
      for (const failOn of ['dead', 'error', 'none'] as const) {
        expect(
          await textOf(junitChunks(reportSourceOf(report), { failOn, spoolMemoryBytes: 1_000 })),
        ).toBe(renderJunit(report, { failOn }));
      }
    }
  });
});

describe('markdownChunks', () => {
  it('gives the digest renderMarkdown gives, keeping only what can be shown', async () => {
    const big = bigReport(3_000);
    big.links.forEach((l, i) => {
      l.newFailure = i % 2 === 0;
      l.failingSince = `2026-${String(1 + (i % 9)).padStart(2, '0')}-01T00:00:00.000Z`;
    });
    for (const report of [sampleReport(), big]) {
      for (const maxLength of [undefined, 3_000, 200_000]) {
        const opts = maxLength === undefined ? {} : { maxLength };
        expect(await textOf(markdownChunks(reportSourceOf(report), opts))).toBe(
          renderMarkdown(report, opts),
        );
      }
    }
  });
});

describe('Spool', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rotwatch-spool-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives back each key in order, from memory and from disk, and cleans up', async () => {
    const spool = await Spool.create(dir, 64);
    const expected = new Map<string, string>();
    for (let i = 0; i < 500; i++) {
      const key = `k${i % 4}`;
      const piece = `${i}:é\n`;
      await spool.append(key, piece);
      expected.set(key, (expected.get(key) ?? '') + piece);
    }
    await spool.append('small', 'only');
    for (const key of spool.keys()) {
      const got = await textOf(spool.read(key));
      expect(got).toBe(key === 'small' ? 'only' : expected.get(key));
    }
    expect((await readdir(dir)).length).toBe(1);
    await spool.close();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeFileAtomic with a stream', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rotwatch-atomic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every chunk in order and returns the byte count', async () => {
    const path = join(dir, 'out.txt');
    async function* chunks() {
      for (let i = 0; i < 20_000; i++) yield `ligne ${i} é\n`;
    }
    const bytes = await writeFileAtomic(path, chunks());
    const expected = Array.from({ length: 20_000 }, (_, i) => `ligne ${i} é\n`).join('');
    expect(await readFile(path, 'utf8')).toBe(expected);
    expect(bytes).toBe(Buffer.byteLength(expected));
  });

  it('stages a file beside its target and puts it in place only on commit', async () => {
    const path = join(dir, 'latest.csv');
    await writeFile(path, 'previous');
    async function* chunks() {
      for (let i = 0; i < 5_000; i++) yield `${i};ligne é\n`;
    }
    const staged = await stageFileAtomic(path, chunks());
    const expected = Array.from({ length: 5_000 }, (_, i) => `${i};ligne é\n`).join('');
    expect(staged.bytes).toBe(Buffer.byteLength(expected));
    expect(await readFile(path, 'utf8')).toBe('previous');
    const names = await readdir(dir);
    expect(names).toHaveLength(2);
    const temp = names.find((n) => n !== 'latest.csv') as string;
    expect(temp).toMatch(/^\.latest\.csv\..*\.tmp$/);
    expect(await readFile(join(dir, temp), 'utf8')).toBe(expected);
    await staged.commit();
    expect(await readFile(path, 'utf8')).toBe(expected);
    expect(await readdir(dir)).toEqual(['latest.csv']);
  });

  it('keeps the previous file whole and leaves no temp file when the producer fails', async () => {
    const path = join(dir, 'latest.json');
    await writeFile(path, 'previous');
    async function* failing() {
      yield 'x'.repeat(200_000);
      throw new Error('store went away');
    }
    await expect(writeFileAtomic(path, failing())).rejects.toThrow('store went away');
    expect(await readFile(path, 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['latest.json']);
  });
});
