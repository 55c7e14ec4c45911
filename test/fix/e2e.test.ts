/**
 * The "done when": a hand-written catalogue with comments and mixed styles, checked twice
 * against the loopback web (a permanent move, a trivial move, a dead page with an archived copy,
 * a dead page whose copy the catalogue already keeps, a retitled page, a blocked page, a moved
 * link marked `fix: false`), then `rotwatch fix`: the diff touches only the expected lines,
 * `--write` changes exactly those bytes, and a second `fix` proposes nothing.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseCatalogueText } from '../../src/catalogue/index.js';
import type { FixPlan } from '../../src/fix/types.js';
import type { Report } from '../../src/model/index.js';
import { type FakeArchive, startFakeArchive } from '../support/archives.js';
import { html, redirect, startTestWeb, status, type TestWeb } from '../support/web.js';
import { checkCatalogueAt, fixTestConfig, runFix } from './harness.js';

const page = (title: string) =>
  html(
    `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>Text of ${title}.</p></body></html>`,
  );

let dir: string;
let web: TestWeb;
let fake: FakeArchive;
let source: string;
let u: Record<
  'moved' | 'movedTo' | 'slash' | 'gone' | 'kept' | 'retitled' | 'private' | 'frozen' | 'fine',
  string
>;
let second: Report;

const cli = (...args: string[]) => runFix(dir, args);

const check = (now: string): Promise<Report> => checkCatalogueAt(dir, web, now);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-fix-e2e-'));
  web = await startTestWeb(['alpha.test', 'beta.test']);
  const alpha = web.host('alpha.test');
  const beta = web.host('beta.test');
  u = {
    moved: `${alpha.origin}/old-report`,
    movedTo: `${alpha.origin}/reports/2020`,
    slash: `${alpha.origin}/guide`,
    gone: `${beta.origin}/gone.html`,
    kept: `${beta.origin}/kept.html`,
    retitled: `${beta.origin}/article`,
    private: `${beta.origin}/members`,
    frozen: `${beta.origin}/frozen`,
    fine: `${alpha.origin}/fine`,
  };
  alpha.route('/old-report', redirect(301, '/reports/2020'));
  alpha.route('/reports/2020', page('Rapport annuel sur la santé numérique 2020 – Alpha'));
  alpha.route('/guide', redirect(308, '/guide/'));
  alpha.route('/guide/', page('Alpha'));
  alpha.route('/fine', page('A fine page'));
  beta.route('/gone.html', status(404));
  beta.route('/kept.html', status(410));
  beta.route('/article', page('Something else entirely now'));
  beta.route('/members', status(403));
  beta.route('/frozen', redirect(301, '/elsewhere'));
  beta.route('/elsewhere', page('Frozen link target'));

  fake = await startFakeArchive({
    host: '127.0.0.20',
    wayback: {
      [u.gone]: [{ ts: '20210301000000', title: 'Le guide perdu' }],
      [u.kept]: [{ ts: '20200101000000', title: 'Kept' }],
    },
  });
  await writeFile(join(dir, 'rotwatch.config.yaml'), stringify(fixTestConfig(fake.base)));
  source = [
    '# Test catalogue: comments everywhere, every style.',
    'catalogue:',
    "  title: 'Fix test'   # quoted title",
    '  compiled: 2021-04',
    '',
    'entries:',
    '  # A report that moved for good.',
    '  - id: rapport-2020',
    '    section: { number: "1", title: Rapports }',
    '    creators: Alpha',
    '    title: "Rapport annuel sur la santé numérique 2020"',
    '    medium: report',
    '    links:',
    `      - url: ${u.moved}   # moved in 2022`,
    '        role: report',
    '',
    '  - id: guide',
    '    section: { number: "1", title: Rapports }',
    '    creators: >-',
    '      Alpha',
    '    title: |-',
    '      Guide',
    '    medium: web-page',
    '    links:',
    `      - "${u.slash}"`,
    `      - ${u.fine}`,
    '',
    '  - id: perdu',
    '    section: { number: "2", title: Divers }',
    '    creators: Beta',
    "    title: 'Le guide perdu'",
    '    medium: article',
    `    links: [${u.gone}]   # a flow list`,
    '',
    '  - id: garde',
    '    section: { number: "2", title: Divers }',
    '    creators: Beta',
    '    title: Kept',
    '    medium: article',
    '    links:',
    `      - url: ${u.kept}`,
    `        archive: { url: "${fake.base}/web/20200101000000/${u.kept}", date: 2020-01-01 }`,
    '',
    '  - id: retitled',
    '    section: { number: "2", title: Divers }',
    '    creators: Beta',
    '    title: An article that was replaced',
    '    medium: article',
    `    links: [{ url: '${u.retitled}' }, ${u.private}]`,
    '  - id: frozen',
    '    section: { number: "2", title: Divers }',
    '    creators: Beta',
    '    title: Frozen link target',
    '    medium: article',
    '    links:',
    `      - { url: ${u.frozen}, fix: false }  # editors keep this one`,
    '# end',
    '',
  ].join('\n');
  await mkdir(join(dir, 'catalogue'));
  await writeFile(join(dir, 'catalogue', 'test.yaml'), source);
  expect(parseCatalogueText(source, 'test.yaml').problems).toEqual([]);

  await check('2026-11-16T06:00:00Z');
  second = await check('2026-11-23T06:00:00Z');
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The catalogue after the expected edits, written out by hand. */
function expectedAfterFix(): string {
  const archive = `${fake.base}/web/20210301000000/${u.gone}`;
  return source
    .replace(`      - url: ${u.moved}   #`, `      - url: ${u.movedTo}   #`)
    .replace(`      - "${u.slash}"`, `      - "${u.slash}/"`)
    .replace(
      `    links: [${u.gone}]`,
      `    links: [{ url: ${u.gone}, archive: { url: ${archive}, date: 2021-03-01 } }]`,
    );
}

describe('rotwatch fix, end to end', () => {
  it('the report shows the catalogue\u2019s archived copy, checked, and the fix: false marker', () => {
    const kept = second.links.find((l) => l.url === u.kept)!;
    expect(kept.status).toBe('dead');
    expect(kept.catalogueArchive).toMatchObject({ date: '2020-01-01', status: 'ok', reason: null });
    expect(kept.newFailure).toBe(false);
    expect(kept.archive).toBeNull(); // no lookup for a link the catalogue already remedies
    expect(second.links.find((l) => l.url === u.frozen)!.entries[0]!.fix).toBe(false);
    expect(second.links.find((l) => l.url === u.gone)!.catalogueArchive).toBeNull();
  });

  it('dry run: a diff of exactly the expected lines, exit 1, reasons for the rest', async () => {
    const { code, out, err } = await cli();
    expect(code).toBe(1);
    const changed = out.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));
    expect(changed).toEqual([
      `-      - url: ${u.moved}   # moved in 2022`,
      `+      - url: ${u.movedTo}   # moved in 2022`,
      `-      - "${u.slash}"`,
      `+      - "${u.slash}/"`,
      `-    links: [${u.gone}]   # a flow list`,
      `+    links: [{ url: ${u.gone}, archive: { url: ${fake.base}/web/20210301000000/${u.gone}, date: 2021-03-01 } }]   # a flow list`,
    ]);
    expect(out).not.toContain('\u001b['); // no colour off a terminal
    expect(err).toMatch(/3 edits in 1 file/);
    expect(err).toMatch(/trivial moves \(http to https, www\., trailing slash\): 1/);
    expect(err).toMatch(/permanent moves: 1/);
    expect(err).toMatch(/archived copies added beside dead URLs: 1/);
    expect(err).toMatch(/needs a person .*: 1\n.*retitled \[blocked, http-403\] .*members/);
    expect(err).toMatch(/left alone \(fix: false\): 1\n.*frozen/);
    // Nothing was written by the dry run.
    expect(await readFile(join(dir, 'catalogue', 'test.yaml'), 'utf8')).toBe(source);
  });

  it('--plan writes a reviewable plan; --apply of a pruned plan applies only what is left', async () => {
    const planned = await cli('--plan', 'plan.json');
    expect(planned.code).toBe(1);
    const plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as FixPlan;
    expect(plan.items.map((i) => [i.kind, i.entry, i.line])).toEqual([
      ['replace-url', 'rapport-2020', 14],
      ['replace-url', 'guide', 25],
      ['add-archive', 'perdu', 33],
    ]);
    expect(plan.items[0]).toMatchObject({
      old: u.moved,
      new: u.movedTo,
      evidence: { runs: 2, titleMatched: 'catalogue' },
    });
    // A person keeps only the archive; the plan is applied to a copy of the file.
    const copy = { ...plan, items: plan.items.filter((i) => i.kind === 'add-archive') };
    await writeFile(join(dir, 'pruned.json'), JSON.stringify(copy));
    const original = await readFile(join(dir, 'catalogue', 'test.yaml'));
    const applied = await cli('--apply', 'pruned.json');
    expect(applied.code).toBe(0);
    const after = await readFile(join(dir, 'catalogue', 'test.yaml'), 'utf8');
    expect(after).toBe(
      source.replace(
        `    links: [${u.gone}]`,
        expectedAfterFix().split('\n')[32]!.replace('   # a flow list', ''),
      ),
    );
    // The file changed since the plan: applying it again is refused, nothing written.
    const again = await cli('--apply', 'plan.json');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(
      /refused: 3 item\(s\) for catalogue\/test\.yaml: changed since the plan was made/,
    );
    expect(await readFile(join(dir, 'catalogue', 'test.yaml'), 'utf8')).toBe(after);
    await writeFile(join(dir, 'catalogue', 'test.yaml'), original);
  });

  it('--write changes exactly the planned bytes; a second fix proposes nothing', async () => {
    const written = await cli('--write');
    expect(written.code).toBe(0);
    const bytes = await readFile(join(dir, 'catalogue', 'test.yaml'));
    expect(bytes.equals(Buffer.from(expectedAfterFix(), 'utf8'))).toBe(true);
    const reread = parseCatalogueText(bytes.toString('utf8'), 'test.yaml');
    expect(reread.problems).toEqual([]);
    expect(reread.catalogue!.entries[2]!.links[0]!.archive?.date).toBe('2021-03-01');

    const nothing = await cli();
    expect(nothing.out).toBe('');
    expect(nothing.err).toMatch(/nothing to edit/);
    expect(nothing.code).toBe(0);
  });

  it('refuses a report from an interrupted run, and conflicting modes (exit 2)', async () => {
    const latest = join(dir, 'reports', 'latest.json');
    const report = JSON.parse(await readFile(latest, 'utf8')) as Report;
    await writeFile(latest, JSON.stringify({ ...report, run: { ...report.run, complete: false } }));
    const partial = await cli();
    expect(partial.code).toBe(2);
    expect(partial.err).toMatch(/was interrupted; fix only works from a complete run/);
    const down = {
      ...report,
      run: { ...report.run, network: { ...report.run.network, status: 'down' } },
    };
    await writeFile(latest, JSON.stringify(down));
    expect((await cli()).code).toBe(2);
    await writeFile(latest, JSON.stringify(report));
    expect((await cli('--write', '--plan', 'x.json')).code).toBe(2);
  });
});
