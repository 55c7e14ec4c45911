import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { writeReports } from '../../src/report/index.js';
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
});
