/**
 * `rotwatch fix` speaks the report's language: a catalogue that declares `language: fr`,
 * checked twice against the loopback web (a permanent move, a dead page with an archived copy,
 * a dead page without one, a blocked page), gets its summary, each edit's reason, each "needs a
 * person" note and the pull request in French; `--language en` overrides it, a report from
 * before `run.language` stays English, and the diff is the same bytes in every language.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { FixPlan } from '../../src/fix/types.js';
import type { Report } from '../../src/model/index.js';
import { type FakeArchive, startFakeArchive } from '../support/archives.js';
import { html, redirect, startTestWeb, status, type TestWeb } from '../support/web.js';
import { checkCatalogueAt, fixTestConfig, runFix } from './harness.js';

const _ = '\u00a0';
const TITLE = 'Rapport annuel sur la santé numérique 2020';

let dir: string;
let web: TestWeb;
let fake: FakeArchive;
let source: string;
let u: Record<'moved' | 'movedTo' | 'gone' | 'nocopy' | 'members', string>;
let report: Report;

const cli = (...args: string[]) => runFix(dir, args);
const latest = () => join(dir, 'reports', 'latest.json');
const catalogueFile = () => join(dir, 'catalogue', 'fr.yaml');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-fix-fr-'));
  web = await startTestWeb(['alpha.test', 'beta.test']);
  const alpha = web.host('alpha.test');
  const beta = web.host('beta.test');
  u = {
    moved: `${alpha.origin}/ancien-rapport`,
    movedTo: `${alpha.origin}/rapports/2020`,
    gone: `${beta.origin}/perdu.html`,
    nocopy: `${beta.origin}/sans-copie.html`,
    members: `${beta.origin}/membres`,
  };
  alpha.route('/ancien-rapport', redirect(301, '/rapports/2020'));
  alpha.route(
    '/rapports/2020',
    html(`<!doctype html><title>${TITLE} – Alpha</title><h1>${TITLE}</h1><p>Texte.</p>`),
  );
  beta.route('/perdu.html', status(404));
  beta.route('/sans-copie.html', status(404));
  beta.route('/membres', status(403));
  fake = await startFakeArchive({
    host: '127.0.0.21',
    wayback: { [u.gone]: [{ ts: '20210301000000', title: 'Le guide perdu' }] },
  });
  await writeFile(join(dir, 'rotwatch.config.yaml'), stringify(fixTestConfig(fake.base)));
  const entry = (id: string, title: string, url: string) => [
    `  - id: ${id}`,
    '    section: { number: "1", title: Rapports }',
    '    creators: Alpha',
    `    title: "${title}"`,
    '    medium: report',
    '    links:',
    `      - ${url}`,
  ];
  source = [
    'language: fr',
    'catalogue:',
    '  title: Catalogue de test',
    'entries:',
    ...entry('rapport', TITLE, u.moved),
    ...entry('perdu', 'Le guide perdu', u.gone),
    ...entry('sans-copie', 'Sans copie', u.nocopy),
    ...entry('membres', 'Réservé aux membres', u.members),
    '',
  ].join('\n');
  await mkdir(join(dir, 'catalogue'));
  await writeFile(catalogueFile(), source);
  await checkCatalogueAt(dir, web, '2026-11-16T06:00:00Z');
  report = await checkCatalogueAt(dir, web, '2026-11-23T06:00:00Z');
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The French summary's lines, as `fix` prints them on stderr. */
function frenchSummary(): string[] {
  return [
    `rotwatch fix${_}: 2 modifications dans 1 fichier (d’après le passage ${report.run.id}).`,
    `déplacements définitifs${_}: 1`,
    `  catalogue/fr.yaml:11 rapport${_}: Déplacement définitif constaté sur 2 passages depuis le 16 novembre 2026${_}; la nouvelle page répond 200 et son titre correspond à celui du catalogue.`,
    `copies archivées ajoutées à côté des URL mortes${_}: 1`,
    `  catalogue/fr.yaml:18 perdu${_}: Lien mort (http-404) sur 2 passages depuis le 16 novembre 2026${_}; la copie archivée du 1er mars 2021 est ajoutée à côté de l’URL.`,
    `à voir par une personne (jamais modifiés par fix)${_}: 2`,
    `  catalogue/fr.yaml:25 sans-copie [dead, no-archive] ${u.nocopy}${_}: Le serveur a répondu 404${_}: le document n’est plus à cette adresse. Aucune copie archivée n’a été trouvée (aucune capture trouvée)${_}: trouvez à la main une nouvelle URL ou une copie.`,
    `  catalogue/fr.yaml:32 membres [blocked, http-403] ${u.members}${_}: Le serveur a répondu 403${_}: il refuse les accès automatisés${_}; à vérifier à la main.`,
  ];
}

describe('rotwatch fix in the report’s language', () => {
  it('the run chose French from the catalogue', () => {
    expect(report.run.language).toBe('fr');
    expect(report.links.find((l) => l.url === u.nocopy)?.archiveReason).toBe('no-capture');
  });

  it('dry run: the summary, reasons and notes in French; the diff unchanged', async () => {
    const fr = await cli();
    expect(fr.code).toBe(1);
    expect(fr.err.split('\n')).toEqual([...frenchSummary(), '']);
    const en = await cli('--language', 'en');
    expect(en.code).toBe(1);
    expect(en.out).toBe(fr.out); // the catalogue's bytes: the same diff in every language
    expect(en.out).toContain(`+      - ${u.movedTo}`);
    expect(en.err).toContain('rotwatch fix: 2 edits in 1 file');
    expect(en.err).toContain(
      'catalogue/fr.yaml:18 perdu: Dead (http-404) on 2 runs since 2026-11-16; archived copy of 2021-03-01 kept beside the URL.',
    );
    // In English the checker's own sentence, as stored in the report.
    const blocked = report.links.find((l) => l.url === u.members)!;
    expect(en.err).toContain(`[blocked, http-403] ${u.members}: ${blocked.message}`);
    expect(en.err).not.toContain(_);
  });

  it('a report written before run.language is read in English', async () => {
    const { language: _language, ...run } = report.run;
    await writeFile(latest(), JSON.stringify({ ...report, run }));
    try {
      const old = await cli();
      expect(old.code).toBe(1);
      expect(old.err).toMatch(/^rotwatch fix: 2 edits in 1 file/);
      expect(old.err).toContain('needs a person (never edited by fix): 2');
      // `--language fr` still gives it in French.
      expect((await cli('--language', 'fr')).err.split('\n')).toEqual([...frenchSummary(), '']);
    } finally {
      await writeFile(latest(), JSON.stringify(report));
    }
  });

  it('an unknown --language is refused (exit 2)', async () => {
    const bad = await cli('--language', 'de');
    expect(bad.code).toBe(2);
  });

  it('--plan records its language; --apply speaks it; a plan without one applies in English', async () => {
    const planned = await cli('--plan', 'plan.json');
    expect(planned.code).toBe(1);
    expect(planned.err).toContain(
      `plan écrit dans plan.json${_}: retirez les éléments dont vous ne voulez pas, puis lancez rotwatch fix --apply plan.json`,
    );
    const plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as FixPlan;
    expect(plan.schema).toBe('rotwatch/fix-plan@1');
    expect(plan.language).toBe('fr');
    expect(plan.items.map((i) => i.kind)).toEqual(['replace-url', 'add-archive']);
    expect(plan.items[1]!.why).toBe(frenchSummary()[4]!.split(`perdu${_}: `)[1]);
    expect(plan.attention.map((a) => a.reason)).toEqual(['no-archive', 'http-403']);

    // A plan written before round 16: no `language`, English reasons. It still applies.
    const { language: _language, ...older } = plan;
    const archiveOnly = { ...older, items: older.items.filter((i) => i.kind === 'add-archive') };
    await writeFile(join(dir, 'older.json'), JSON.stringify(archiveOnly));
    const original = await readFile(catalogueFile(), 'utf8');
    try {
      const applied = await cli('--apply', 'older.json');
      expect(applied.code).toBe(0);
      expect(applied.err).toMatch(/^rotwatch fix: 1 edit in 1 file/);
      expect(applied.err).toContain('written: catalogue/fr.yaml');
      await writeFile(catalogueFile(), original);
      const french = await cli('--apply', 'plan.json');
      expect(french.code).toBe(0);
      expect(french.err.split('\n')).toEqual([
        `rotwatch fix${_}: 2 modifications dans 1 fichier (d’après le passage ${report.run.id}).`,
        ...frenchSummary().slice(1, 5),
        `fichier écrit${_}: catalogue/fr.yaml`,
        '',
      ]);
    } finally {
      await writeFile(catalogueFile(), original);
    }
  });

  it('--write --pull-request: the pull request’s title and description in French', async () => {
    const original = await readFile(catalogueFile(), 'utf8');
    try {
      const written = await cli('--write', '--pull-request', 'out/pr.txt');
      expect(written.code).toBe(0);
      const pr = await readFile(join(dir, 'out', 'pr.txt'), 'utf8');
      const lines = pr.split('\n');
      expect(lines.slice(0, 4)).toEqual([
        'Corrections du catalogue par rotwatch',
        '',
        `Modifications proposées par \`rotwatch fix\` d’après la dernière vérification hebdomadaire. Relisez chacune d’elles${_};`,
        'les liens marqués `fix: false` dans le catalogue ne sont jamais modifiés.',
      ]);
      // The summary, whole, in a code block; then the diff, folded.
      expect(pr).toContain(`\n\`\`\`\n${frenchSummary().join('\n')}\n\`\`\`\n`);
      expect(pr).toContain(
        '<details><summary>Différences</summary>\n\n```diff\n--- a/catalogue/fr.yaml',
      );
      expect(pr).toContain(`\n-      - ${u.moved}\n+      - ${u.movedTo}\n`);
      expect(pr.endsWith('```\n</details>\n')).toBe(true);
      expect(await readFile(catalogueFile(), 'utf8')).not.toBe(original);

      // The same in English on demand.
      await writeFile(catalogueFile(), original);
      expect((await cli('--language', 'en', '--pull-request', 'pr-en.txt')).code).toBe(1);
      const english = await readFile(join(dir, 'pr-en.txt'), 'utf8');
      expect(english.split('\n').slice(0, 4)).toEqual([
        'Catalogue fixes from rotwatch',
        '',
        'Edits proposed by `rotwatch fix` from the last weekly check. Review each one;',
        'links marked `fix: false` in the catalogue are never touched.',
      ]);
      expect(english).toContain('<details><summary>Diff</summary>');
      expect((await cli('--plan', 'p.json', '--pull-request', 'x.txt')).code).toBe(2);
    } finally {
      await writeFile(catalogueFile(), original);
    }
  });
});
