/**
 * The language of a real run, end to end: a catalogue that declares `language: fr` gets French
 * reports and summary, `report.language` in the config and `--language` win over it, in that
 * order, and the machine files keep their values.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, runCheck } from '../../src/check/index.js';
import { html, startTestWeb, status, type TestWeb } from '../support/web.js';

const FAST = {
  allowPrivateAddresses: true,
  perHostInterval: 0,
  timeout: 2_000,
  retries: 0,
  backoffBase: 5,
};

let web: TestWeb;
let dir: string;

beforeAll(async () => {
  web = await startTestWeb(['site.test']);
  const site = web.host('site.test');
  site.route('/ok', html('<title>Rapport</title>'));
  site.route('/gone', status(404));
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-lang-run-'));
});
afterAll(async () => {
  await web?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function catalogue(language: string | null): string {
  const origin = web.host('site.test').origin;
  return [
    ...(language ? [`language: ${language}`] : []),
    'catalogue:',
    '  title: Dossier',
    'entries:',
    '  - id: rapport',
    '    section: { number: "1", title: "Sources" }',
    '    creators: "Quelqu’un"',
    '    title: "Rapport"',
    '    medium: report',
    '    links:',
    `      - ${origin}/ok`,
    `      - ${origin}/gone`,
    '',
  ].join('\n');
}

async function runIn(
  name: string,
  opts: { language: string | null; config?: string; cli?: 'en' | 'fr' },
) {
  const cwd = join(dir, name);
  await mkdir(join(cwd, 'catalogue'), { recursive: true });
  await writeFile(join(cwd, 'catalogue', 'c.yaml'), catalogue(opts.language));
  await writeFile(
    join(cwd, 'rotwatch.config.yaml'),
    `archive:\n  enabled: false\n${opts.config ? `report:\n  language: ${opts.config}\n` : ''}`,
  );
  let stdout = '';
  const result = await runCheck({
    cwd,
    lookup: web.lookup,
    overrides: { ...FAST, ...(opts.cli ? { language: opts.cli } : {}) },
    out: { stdout: (s) => (stdout += s), stderr: () => {} },
  });
  const md = await readFile(join(cwd, 'reports', 'latest.md'), 'utf8');
  const csv = await readFile(join(cwd, 'reports', 'latest.csv'), 'utf8');
  const json = JSON.parse(await readFile(join(cwd, 'reports', 'latest.json'), 'utf8'));
  return { result, stdout, md, csv, json };
}

describe('a run’s language', () => {
  it('follows the catalogue’s language when nothing else says', async () => {
    const { result, stdout, md, csv, json } = await runIn('catalogue-fr', { language: 'fr' });
    expect(result.exitCode).toBe(1);
    expect(json.run.language).toBe('fr');
    expect(stdout).toContain('2 liens vérifiés');
    expect(stdout).toContain('Liens cassés');
    expect(md).toContain('# Bilan de vérification des liens');
    expect(md).toContain('Le serveur a répondu 404');
    expect(csv.split('\r\n')[0]).toContain('état,raison,explication');
    // Machine values do not change with the language.
    const gone = json.links.find((l: { url: string }) => l.url.endsWith('/gone'));
    expect(gone).toMatchObject({ status: 'dead', reason: 'http-404' });
    expect(csv).toContain('dead,http-404,');
  });

  it('is English without any declaration', async () => {
    const { stdout, json } = await runIn('plain', { language: null });
    expect(json.run.language).toBe('en');
    expect(stdout).toContain('rotwatch: 2 links checked');
  });

  it('takes report.language over the catalogue, and --language over both', async () => {
    const config = await runIn('config-en', { language: 'fr', config: 'en' });
    expect(config.json.run.language).toBe('en');
    expect(config.md).toContain('# Link check digest');
    const cli = await runIn('cli-fr', { language: 'en', config: 'en', cli: 'fr' });
    expect(cli.json.run.language).toBe('fr');
    expect(cli.md).toContain('# Bilan de vérification des liens');
  });

  it('is an option of the library call too', async () => {
    const path = join(dir, 'catalogue-fr', 'catalogue', 'c.yaml');
    const report = await check([path], {
      ...FAST,
      lookup: web.lookup,
      archive: { enabled: false },
    });
    expect(report.run.language).toBe('fr');
    const en = await check([path], {
      ...FAST,
      lookup: web.lookup,
      archive: { enabled: false },
      language: 'en',
    });
    expect(en.run.language).toBe('en');
    const bad = { ...FAST, language: 'de' } as unknown as Parameters<typeof check>[1];
    await expect(check([path], bad)).rejects.toThrow(/language/);
  });
});
