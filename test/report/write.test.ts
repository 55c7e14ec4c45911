import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { reportSourceOf, slotPath, writeReports } from '../../src/report/index.js';
import { timeFromName, timeFromPrefix } from '../../src/report/prune.js';
import { runFileName } from '../../src/report/write.js';
import { sampleReport } from './fixtures.js';

function reportAt(day: number): Report {
  const report = sampleReport();
  const date = `2026-11-${String(day).padStart(2, '0')}`;
  report.run.id = `${date}T06-00-00Z`;
  report.run.startedAt = `${date}T06:00:00.000Z`;
  return report;
}

describe('writeReports', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rotwatch-write-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes latest.json, the dated copy and each requested format', async () => {
    const report = reportAt(28);
    const written = await writeReports(report, {
      dir,
      formats: ['json', 'md', 'html', 'csv', 'junit', 'github'],
      retain: 5,
    });
    expect(written).toEqual([
      join(dir, 'latest.json'),
      join(dir, 'runs', '2026-11-28T06-00-00Z.json'),
      join(dir, 'latest.md'),
      join(dir, 'latest.html'),
      join(dir, 'latest.csv'),
      join(dir, 'latest.xml'),
    ]);
    expect(JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8'))).toEqual(report);
    expect(await readFile(join(dir, 'runs', '2026-11-28T06-00-00Z.json'), 'utf8')).toBe(
      await readFile(join(dir, 'latest.json'), 'utf8'),
    );
    expect(await readFile(join(dir, 'latest.md'), 'utf8')).toContain('## New this week (2)');
    expect((await readFile(join(dir, 'latest.csv'))).subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
    expect(await readFile(join(dir, 'latest.xml'), 'utf8')).toContain('<testsuites ');
    // No temp file is left behind.
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a format that fails leaves every previous file in place, and no new one, no temp file', async () => {
    const report = reportAt(27);
    await writeFile(join(dir, 'latest.csv'), 'previous csv');
    await writeFile(join(dir, 'latest.json'), 'previous json');
    const { head, links } = reportSourceOf(report);
    let reads = 0;
    // The JSON report reads the links once, the CSV twice: its second pass fails (as a full
    // disk would make a write fail half-way).
    const source = {
      head,
      async *links() {
        reads++;
        if (reads === 3) throw new Error('history went away');
        yield* links();
      },
    };
    await expect(
      writeReports(source, { dir, formats: ['md', 'csv', 'html'], retain: 5 }),
    ).rejects.toThrow('history went away');
    // Never a new latest.json beside the previous run's CSV: the old set stays whole.
    expect(await readFile(join(dir, 'latest.json'), 'utf8')).toBe('previous json');
    expect(await readFile(join(dir, 'latest.csv'), 'utf8')).toBe('previous csv');
    expect((await readdir(dir)).sort()).toEqual(['latest.csv', 'latest.json', 'runs']);
    expect(await readdir(join(dir, 'runs'))).toEqual([]);
  });

  it('a file that cannot be put in place rejects the call, never as an unhandled rejection', async () => {
    // A folder where latest.json goes: its rename fails while the other formats are written.
    await mkdir(join(dir, 'latest.json', 'x'), { recursive: true });
    await writeFile(join(dir, 'latest.csv'), 'previous csv');
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      await expect(
        writeReports(reportAt(26), { dir, formats: ['md', 'csv', 'html', 'junit'], retain: 5 }),
      ).rejects.toMatchObject({ code: 'EISDIR' });
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('unhandledRejection', note);
    }
    expect(unhandled).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // Seen before any file was renamed: the previous set is whole.
    expect(await readFile(join(dir, 'latest.csv'), 'utf8')).toBe('previous csv');
    expect((await readdir(dir)).sort()).toEqual(['latest.csv', 'latest.json', 'runs']);
  });

  it('writes only latest.json and the dated copy when no other format is asked', async () => {
    const written = await writeReports(reportAt(1), { dir, formats: [], retain: 3 });
    expect(written).toHaveLength(2);
    expect((await readdir(dir)).sort()).toEqual(['latest.json', 'runs']);
  });

  it('keeps the `retain` newest dated copies by run start, whatever the file names', async () => {
    for (const day of [3, 1, 4, 2])
      await writeReports(reportAt(day), { dir, formats: [], retain: 10 });
    // A copy with an unsortable name but the newest start time must survive.
    const odd = reportAt(5);
    odd.run.id = 'aaa-manual';
    await writeReports(odd, { dir, formats: [], retain: 3 });
    expect((await readdir(join(dir, 'runs'))).sort()).toEqual([
      '2026-11-03T06-00-00Z.json',
      '2026-11-04T06-00-00Z.json',
      'aaa-manual.json',
    ]);
    // latest.json is the last run written, not the newest by date.
    expect(JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')).run.id).toBe('aaa-manual');
  });

  it('retain 0 keeps no dated copy', async () => {
    await writeReports(reportAt(1), { dir, formats: [], retain: 2 });
    await writeReports(reportAt(2), { dir, formats: [], retain: 0 });
    expect(await readdir(join(dir, 'runs'))).toEqual([]);
  });

  it('replaces an existing latest.json whole', async () => {
    await writeFile(join(dir, 'latest.json'), 'x'.repeat(100_000));
    await writeReports(reportAt(1), { dir, formats: [], retain: 1 });
    expect(JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')).run.id).toBe(
      '2026-11-01T06-00-00Z',
    );
  });

  it('never lets a run id escape the runs directory', async () => {
    expect(runFileName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(runFileName('..')).toBe('_');
    expect(runFileName('')).toBe('run');
    const report = reportAt(1);
    report.run.id = '../escape';
    await writeReports(report, { dir, formats: [], retain: 2 });
    expect((await readdir(dir)).sort()).toEqual(['latest.json', 'runs']);
    expect(await readdir(join(dir, 'runs'))).toEqual(['__escape.json']);
  });

  it('writes from a streamed source what it writes from the report', async () => {
    const report = reportAt(28);
    const other = join(dir, 'other');
    await writeReports(report, { dir, formats: ['md', 'html', 'csv', 'junit'], retain: 1 });
    await writeReports(reportSourceOf(report), {
      dir: other,
      formats: ['md', 'html', 'csv', 'junit'],
      retain: 1,
    });
    for (const name of ['latest.json', 'latest.md', 'latest.html', 'latest.csv', 'latest.xml']) {
      expect(await readFile(join(other, name), 'utf8')).toBe(
        await readFile(join(dir, name), 'utf8'),
      );
    }
    expect(await readFile(join(dir, 'latest.json'), 'utf8')).toBe(
      `${JSON.stringify(report, null, 2)}\n`,
    );
    // The JUnit spool folder is gone.
    expect((await readdir(other)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a partial or failed run writes side files and leaves latest.* and runs/ alone', async () => {
    await writeReports(reportAt(1), { dir, formats: ['md', 'csv'], retain: 5 });
    const before = await readFile(join(dir, 'latest.json'), 'utf8');
    const partial = reportAt(2);
    partial.run.complete = false;
    const written = await writeReports(partial, {
      dir,
      formats: ['md', 'csv'],
      retain: 5,
      slot: 'partial',
    });
    expect(written).toEqual([
      join(dir, 'latest.partial.json'),
      join(dir, 'latest.partial.md'),
      join(dir, 'latest.partial.csv'),
    ]);
    await writeReports(reportAt(3), { dir, formats: ['md'], retain: 5, slot: 'failed' });
    expect(await readFile(join(dir, 'latest.json'), 'utf8')).toBe(before);
    expect(await readdir(join(dir, 'runs'))).toEqual(['2026-11-01T06-00-00Z.json']);
    expect(JSON.parse(await readFile(join(dir, 'latest.failed.json'), 'utf8')).run.id).toBe(
      '2026-11-03T06-00-00Z',
    );
    // The next complete run supersedes the side files.
    await writeReports(reportAt(4), { dir, formats: ['md'], retain: 5 });
    expect((await readdir(dir)).sort()).toEqual(['latest.csv', 'latest.json', 'latest.md', 'runs']);
  });

  it('slotPath names the side file of a path the user chose', () => {
    expect(slotPath('out/report.json', 'latest')).toBe('out/report.json');
    expect(slotPath('out/report.json', 'partial')).toBe('out/report.partial.json');
    expect(slotPath('out.d/report', 'failed')).toBe('out.d/report.failed');
  });

  it('prunes by the time in the name or in the first KiB, never parsing a whole report', async () => {
    const runs = join(dir, 'runs');
    await writeReports(reportAt(10), { dir, formats: [], retain: 10 });
    // A legacy copy whose name says nothing: its start time is near the top; the rest is not
    // even valid JSON (a report cut short), and must not matter.
    await writeFile(
      join(runs, 'legacy.json'),
      `{\n  "schema": "rotwatch/report@1",\n  "run": {\n    "id": "legacy",\n    "startedAt": "2026-11-12T00:00:00.000Z",${' '.repeat(50_000)}`,
    );
    await writeFile(join(runs, 'older.json'), '{"run":{"startedAt":"2026-11-02T00:00:00.000Z"}}');
    await writeReports(reportAt(11), { dir, formats: [], retain: 2 });
    expect((await readdir(runs)).sort()).toEqual(['2026-11-11T06-00-00Z.json', 'legacy.json']);
  });

  it('reads run times from names and prefixes', () => {
    expect(timeFromName('2026-11-21T06-00-00-123Z-1a2b3c4d.json')).toBe(
      Date.parse('2026-11-21T06:00:00.123Z'),
    );
    expect(timeFromName('2026-11-21T06-00-00Z.json')).toBe(Date.parse('2026-11-21T06:00:00Z'));
    expect(timeFromName('manual.json')).toBeNull();
    expect(timeFromPrefix('{ "run": { "id": "x", "startedAt": "2026-01-02T03:04:05Z"')).toBe(
      Date.parse('2026-01-02T03:04:05Z'),
    );
    expect(timeFromPrefix('{ "run": { "startedAt": "not a date" } }')).toBeNull();
    expect(timeFromPrefix('{}')).toBeNull();
  });
});
