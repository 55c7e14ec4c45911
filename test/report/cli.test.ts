import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ReportCommandArgs, runReportCommand } from '../../src/cli/report.js';
import { renderCsv, renderGithub, renderJunit, renderMarkdown } from '../../src/report/index.js';
import { parseReport } from '../../src/report/validate.js';
import { captureIO } from '../support/io.js';
import { sampleReport } from './fixtures.js';

describe('rotwatch report', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rotwatch-cli-report-'));
    await mkdir(join(dir, 'reports'));
    await writeFile(join(dir, 'reports', 'latest.json'), JSON.stringify(sampleReport()));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (args: ReportCommandArgs) => {
    const io = captureIO(dir);
    const code = await runReportCommand(args, io);
    return { code, out: io.out, err: io.err };
  };

  it('renders reports/latest.json in each format to stdout', async () => {
    expect(await run({ format: 'md' })).toEqual({
      code: 0,
      out: renderMarkdown(sampleReport()),
      err: '',
    });
    expect((await run({ format: 'csv' })).out).toBe(renderCsv(sampleReport()));
    expect((await run({ format: 'junit', failOn: 'error' })).out).toBe(
      renderJunit(sampleReport(), { failOn: 'error' }),
    );
    expect((await run({ format: 'github' })).out).toBe(renderGithub(sampleReport()));
    expect((await run({ format: 'html' })).out).toContain('<table id="links">');
    expect((await run({ format: 'summary' })).out).toContain('rotwatch: 7 links checked');
    expect(JSON.parse((await run({ format: 'json' })).out)).toEqual(sampleReport());
  });

  it('renders a saved report again in the language asked, the data unchanged', async () => {
    const fr = await run({ format: 'summary', language: 'fr' });
    expect(fr.code).toBe(0);
    expect(fr.out).toContain('rotwatch\u00a0: 7 liens vérifiés');
    const csv = (await run({ format: 'csv', language: 'fr' })).out.split('\r\n');
    expect(csv[0]).toContain('état,raison,explication');
    expect(csv.slice(1).join('\n')).toContain('dead,http-404,');
    const json = JSON.parse((await run({ format: 'json', language: 'fr' })).out);
    expect(json).toEqual({ ...sampleReport(), run: { ...sampleReport().run, language: 'fr' } });
    const bad = await run({ format: 'md', language: 'de' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown --language "de" (use en, fr)');
  });

  it('reads --from relative to the working directory and writes --out', async () => {
    await writeFile(join(dir, 'old.json'), JSON.stringify(sampleReport()));
    const result = await run({ from: 'old.json', format: 'csv', out: 'reports' }); // a directory
    expect(result.code).toBe(2);
    expect(result.err).toContain('cannot write');
    const ok = await run({ from: 'old.json', format: 'csv', out: 'out/editors.csv' });
    expect(ok).toMatchObject({ code: 0, out: '' });
    expect(ok.err).toContain('wrote');
    expect(await readFile(join(dir, 'out', 'editors.csv'), 'utf8')).toBe(renderCsv(sampleReport()));
  });

  it('exits 2 with a clear message for a missing report', async () => {
    const result = await run({ from: 'nope.json', format: 'md' });
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(
      /cannot read .*nope\.json \(no such file\)\. Run `rotwatch check` first/,
    );
  });

  it('exits 2 for invalid JSON, a foreign schema, or a broken report', async () => {
    await writeFile(join(dir, 'bad.json'), '{"schema": ');
    expect(await run({ from: 'bad.json', format: 'md' })).toMatchObject({ code: 2, out: '' });
    expect((await run({ from: 'bad.json', format: 'md' })).err).toContain('is not valid JSON');

    await writeFile(
      join(dir, 'other.json'),
      JSON.stringify({ schema: 'rotwatch/state@1', links: {} }),
    );
    const other = await run({ from: 'other.json', format: 'md' });
    expect(other.code).toBe(2);
    expect(other.err).toContain('schema: expected "rotwatch/report@1", found "rotwatch/state@1"');

    const broken = sampleReport() as unknown as { links: { status: string; entries: unknown }[] };
    broken.links[0]!.status = 'gone';
    broken.links[1]!.entries = 'x';
    await writeFile(join(dir, 'broken.json'), JSON.stringify(broken));
    const result = await run({ from: 'broken.json', format: 'md' });
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      'report.links[0].status: expected one of ok, redirected, dead, error, blocked, skipped',
    );
    expect(result.err).toContain('report.links[1].entries: expected an array');
  });

  it('exits 2 for an unknown format or fail-on level', async () => {
    expect(await run({ format: 'pdf' as never })).toMatchObject({ code: 2, out: '' });
    const bad = await run({ format: 'junit', failOn: 'sometimes' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown --fail-on "sometimes" (use none, dead, error, redirected)');
  });

  it('does not echo escape sequences from a hostile report path or content', async () => {
    await writeFile(join(dir, 'evil.json'), JSON.stringify({ schema: '\u001b[2Jrotwatch/x' }));
    const result = await run({ from: 'evil.json', format: 'md' });
    expect(result.code).toBe(2);
    expect(result.err).not.toContain('\u001b');
  });
});

describe('parseReport', () => {
  it('accepts a report and rejects non-objects', () => {
    expect(parseReport(sampleReport())).toMatchObject({ ok: true });
    expect(parseReport([])).toEqual({ ok: false, problems: ['not a JSON object'] });
    expect(parseReport(null)).toEqual({ ok: false, problems: ['not a JSON object'] });
  });
});
