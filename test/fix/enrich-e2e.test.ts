/**
 * `rotwatch fix --enrich` end to end: a loopback web whose pages declare their metadata
 * (Highwire tags, JSON-LD, Dublin Core), two catalogues (block style with comments; flow style
 * with CRLF and a byte order mark), checked once (nothing proposed: one run only), then twice:
 * the dry run shows the enrichment as its own marked diff, `--write --enrich` is refused,
 * `--plan` then `--apply` of a pruned plan writes exactly the expected bytes, and a second
 * `fix --enrich` proposes nothing. Entries that have a date, and pages that disagree, are left
 * alone.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseCatalogueText } from '../../src/catalogue/index.js';
import type { FixPlan } from '../../src/fix/types.js';
import type { Report } from '../../src/model/index.js';
import { html, startTestWeb, type TestWeb } from '../support/web.js';
import { checkCatalogueAt, runFix } from './harness.js';

let dir: string;
let web: TestWeb;
let block: string;
let flow: string;
let u: Record<'article' | 'dated' | 'one' | 'two' | 'news' | 'doiPage' | 'replaced', string>;
let first: Report;

const cli = (...args: string[]) => runFix(dir, args);

const check = (now: string): Promise<Report> => checkCatalogueAt(dir, web, now);

const read = (name: string) => readFile(join(dir, 'catalogue', name), 'utf8');

function page(head: string, title: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><h1>${title}</h1><p>Texte.</p></body></html>`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-enrich-e2e-'));
  web = await startTestWeb(['revue.test', 'gouv.test']);
  const revue = web.host('revue.test');
  const gouv = web.host('gouv.test');
  u = {
    article: `${revue.origin}/article/42`,
    dated: `${revue.origin}/article/43`,
    one: `${gouv.origin}/rapport`,
    two: `${gouv.origin}/rapport.html`,
    news: `${gouv.origin}/actualite`,
    doiPage: `${revue.origin}/doi/10.5555/linked.7`,
    replaced: `${revue.origin}/article/44`,
  };
  // Another work now: another title, other authors, another year than the entry's.
  revue.route(
    '/article/44',
    html(
      page(
        '<meta name="citation_author" content="Lefèvre, Hélène"><meta name="citation_publication_date" content="2024-02-01">',
        'Recettes d’été pour toute la famille',
      ),
    ),
  );
  revue.route(
    '/article/42',
    html(
      page(
        [
          '<meta name="citation_title" content="Les déserts médicaux">',
          '<meta name="citation_author" content="Dupont, Jean">',
          '<meta name="citation_author" content="Curie, Marie">',
          '<meta name="citation_publication_date" content="2019/03/12">',
          '<meta name="citation_journal_title" content="Revue de santé">',
          '<meta name="citation_doi" content="10.1234/RSP.2019.42">',
        ].join(''),
        'Les déserts médicaux – Revue de santé',
      ),
    ),
  );
  revue.route(
    '/article/43',
    html(
      page(
        '<meta name="citation_author" content="Martin, Paul"><meta name="citation_publication_date" content="2018-01-05">',
        'La télémédecine',
      ),
    ),
  );
  revue.route(
    '/doi/10.5555/linked.7',
    html(page('<meta name="citation_doi" content="10.5555/linked.7">', 'Un article lié')),
  );
  // Two pages of one work that disagree on the date.
  gouv.route('/rapport', html(page('<meta name="DC.date" content="2020-02-01">', 'Rapport')));
  gouv.route(
    '/rapport.html',
    html(page('<meta name="DC.date" content="2021-06-30">', 'Rapport – version HTML')),
  );
  gouv.route(
    '/actualite',
    html(
      page(
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Le plan numérique","datePublished":"2020-05-04T10:00:00+02:00","author":{"@type":"Organization","name":"Ministère de la Santé"}}</script>',
        'Le plan numérique',
      ),
    ),
  );

  await writeFile(
    join(dir, 'rotwatch.config.yaml'),
    stringify({
      check: { allowPrivateAddresses: true, retries: 0, timeout: 3000, perHostInterval: 0 },
      archive: { enabled: false },
    }),
  );
  block = [
    '# Block style, comments everywhere.',
    'catalogue:',
    '  title: "Enrich test"',
    'entries:',
    '  - id: deserts',
    '    section: { number: "1", title: Articles }',
    '    creators: "[s.n.]"   # unknown when compiled',
    '    title: "Les déserts médicaux"',
    '    container: "Revue de santé"',
    '    medium: article',
    '    links:',
    `      - url: ${u.article}   # the article`,
    '        role: article',
    '',
    '  - id: telemedecine',
    '    section: { number: "1", title: Articles }',
    '    creators: "MARTIN Paul"',
    '    title: "La télémédecine"',
    '    date: { text: "2017", year: 2017 }   # the page says 2018: metadata differs, not filled',
    '    medium: article',
    '    links:',
    `      - ${u.dated}`,
    '',
    '  - id: lie',
    '    section: { number: "1", title: Articles }',
    '    creators: "DURAND Anne"',
    '    title: "Un article lié"',
    '    date: { text: "2015", year: 2015 }',
    '    medium: article',
    '    links:',
    `      - ${u.doiPage}`,
    '# end',
    '',
  ].join('\n');
  flow = [
    'catalogue: { title: Flow }',
    'entries:',
    `  - { id: rapport, section: { number: '2', title: Rapports }, creators: Ministère, title: Rapport, medium: report, links: [${u.one}, ${u.two}] }`,
    `  - { id: plan, section: { number: '2', title: Rapports }, creators: 'Ministère de la Santé', title: 'Le plan numérique', medium: web-page, links: [${u.news}] }`,
    `  - { id: remplace, section: { number: '2', title: Rapports }, creators: 'DUPONT Jean', title: 'Les usages du numérique en EHPAD', date: { text: '2019', year: 2019 }, medium: article, links: [${u.replaced}] }`,
    '',
  ].join('\r\n');
  await mkdir(join(dir, 'catalogue'));
  await writeFile(join(dir, 'catalogue', 'block.yaml'), block);
  await writeFile(join(dir, 'catalogue', 'flow.yaml'), `\ufeff${flow}`);
  expect(parseCatalogueText(block, 'block.yaml').problems).toEqual([]);
  expect(parseCatalogueText(flow, 'flow.yaml').problems).toEqual([]);
  first = await check('2026-11-16T06:00:00Z');
}, 60_000);

afterAll(async () => {
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('rotwatch fix --enrich, end to end', () => {
  it('the first check already counts a page whose title, authors and year all changed', () => {
    const drift = first.links.find((l) => l.url === u.replaced)!.drift;
    expect(drift).toMatchObject({
      reasons: ['title-mismatch'],
      confirmed: true,
      runs: 1,
      metadata: {
        authors: ['Hélène Lefèvre'],
        published: '2024-02-01',
        creators: 'DUPONT Jean',
        year: 2019,
      },
    });
    expect(first.summary.drifted).toBe(1);
    const schema = JSON.parse(
      readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
    );
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/);
    const validate = ajv.compile(schema);
    expect(validate(JSON.parse(JSON.stringify(first))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('after one run: nothing proposed, each value listed as read once', async () => {
    const { code, out, err } = await cli('--enrich');
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(err).toMatch(/deserts \[ok, enrich-once\].*publication date 2019-03-12, read on 1 run/);
    expect(err).toMatch(/rapport \[ok, enrich-conflict\].*2020-02-01.*2021-06-30/);
  });

  it('after two runs: a dry run shows the enrichment as its own marked diff, exit 1', async () => {
    await check('2026-11-23T06:00:00Z');
    const { code, out, err } = await cli('--enrich');
    expect(code).toBe(1);
    const [repairs, enrichment] = out.split(/^# enrichment .*\n/m);
    expect(repairs).toBe(''); // no moves nor dead links here
    const changed = enrichment!.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));
    expect(changed).toEqual([
      '-    creators: "[s.n.]"   # unknown when compiled',
      '+    creators: "DUPONT Jean, CURIE Marie"   # unknown when compiled',
      '+    date: { text: "2019-03-12", year: 2019, month: 3, day: 12 }',
      '+      - url: https://doi.org/10.1234/rsp.2019.42',
      '+        role: doi',
      `-  - { id: plan, section: { number: '2', title: Rapports }, creators: 'Ministère de la Santé', title: 'Le plan numérique', medium: web-page, links: [${u.news}] }\r`,
      `+  - { id: plan, section: { number: '2', title: Rapports }, creators: 'Ministère de la Santé', title: 'Le plan numérique', date: { text: '2020-05-04', year: 2020, month: 5, day: 4 }, medium: web-page, links: [${u.news}] }\r`,
    ]);
    expect(err).toMatch(/enrichment from the pages.* own metadata .*: 4/);
    // Refused: an entry that has a date, pages that disagree, a DOI already linked.
    expect(err).not.toMatch(/telemedecine: Enrichment|lie: Enrichment|rapport: Enrichment/);
    expect(await read('block.yaml')).toBe(block);
  });

  it('--write --enrich is refused with exit 2 and writes nothing', async () => {
    const { code, err } = await cli('--write', '--enrich');
    expect(code).toBe(2);
    expect(err).toMatch(/--enrich is never written directly.*--plan FILE.*--apply FILE/);
    expect(await read('block.yaml')).toBe(block);
    expect(await readFile(join(dir, 'catalogue', 'flow.yaml'), 'utf8')).toBe(`\ufeff${flow}`);
  });

  it('--plan, pruned by a person, then --apply writes exactly the kept items', async () => {
    const planned = await cli('--enrich', '--plan', 'plan.json');
    expect(planned.code).toBe(1);
    const plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as FixPlan;
    expect(plan.items.map((i) => [i.kind, i.entry])).toEqual([
      ['add-date', 'deserts'],
      ['add-creators', 'deserts'],
      ['add-doi-link', 'deserts'],
      ['add-date', 'plan'],
    ]);
    expect(plan.items[0]).toMatchObject({
      enrichment: true,
      line: 5,
      new: { text: '2019-03-12', year: 2019, month: 3, day: 12 },
      evidence: { sources: [{ url: u.article, value: '2019-03-12', runs: 2 }] },
    });
    // The reviewer drops the creators.
    const pruned = { ...plan, items: plan.items.filter((i) => i.kind !== 'add-creators') };
    await writeFile(join(dir, 'pruned.json'), JSON.stringify(pruned));
    const applied = await cli('--apply', 'pruned.json');
    expect(applied.code).toBe(0);
    expect(await read('block.yaml')).toBe(
      block
        .replace(
          '    container: "Revue de santé"\n',
          '    container: "Revue de santé"\n    date: { text: "2019-03-12", year: 2019, month: 3, day: 12 }\n',
        )
        .replace(
          '        role: article\n',
          '        role: article\n      - url: https://doi.org/10.1234/rsp.2019.42\n        role: doi\n',
        ),
    );
    const flowAfter = await readFile(join(dir, 'catalogue', 'flow.yaml'));
    expect(flowAfter.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(flowAfter.toString('utf8').slice(1)).toBe(
      flow.replace(
        "title: 'Le plan numérique', medium",
        "title: 'Le plan numérique', date: { text: '2020-05-04', year: 2020, month: 5, day: 4 }, medium",
      ),
    );
  });

  it('a second fix --enrich proposes only what was pruned', async () => {
    const { code, out, err } = await cli('--enrich');
    expect(code).toBe(1);
    expect(err).toMatch(/: 1\n.*deserts: Enrichment: creators "\[s\.n\.\]"/);
    const changed = out.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));
    expect(changed).toEqual([
      '-    creators: "[s.n.]"   # unknown when compiled',
      '+    creators: "DUPONT Jean, CURIE Marie"   # unknown when compiled',
    ]);
  });
});
