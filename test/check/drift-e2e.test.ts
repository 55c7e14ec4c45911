/**
 * Content drift end to end (issue 13): a catalogue checked three times, a week apart, against a
 * loopback web where a page was retitled, a PDF lost pages (then answers 304 to the next
 * conditional request), one page stays as it was and one changes for a single run. The JSON
 * report (validated against the schema), the digest, the HTML and the CSV written by the run
 * must tell the same story; the verdicts stay what they are.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import type { Report } from '../../src/model/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { addPageTree, PdfBuilder } from '../extract/pdf-builder.js';
import { html, startTestWeb } from '../support/web.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const schema = JSON.parse(
  await readFile(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validate = ajv.compile(schema);

function pdf(pages: number): Buffer {
  const b = new PdfBuilder();
  const catalog = b.reserve();
  const tree = addPageTree(b, pages);
  b.set(catalog, `<< /Type /Catalog /Pages ${tree} 0 R >>`);
  const info = b.add('<< /Title (Rapport annuel 2019) /Producer (rotwatch tests) >>');
  return b.build({ root: catalog, info });
}

/** A PDF with an ETag that answers 304 to a request that already has it. */
function pdfWithEtag(body: Buffer, etag: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/pdf', etag });
    res.end(body);
  };
}

const page = (title: string, words: string) =>
  html(
    `<html><head><title>${title}</title></head><body><h1>${title}</h1><p>${words}</p></body></html>`,
  );

const PROSE =
  'Ce rapport décrit la pauvreté en France, ses causes, ses formes et les politiques ' +
  'publiques qui la combattent, région par région, avec les chiffres de l’année et leur ' +
  'évolution depuis dix ans, pour les familles, les jeunes et les personnes âgées.';

describe('content drift over runs', () => {
  it('shows a retitled page and a shrunken PDF in every report, and nothing for the rest', async () => {
    const web = await startTestWeb(['news.test', 'docs.test']);
    closers.push(() => web.close());
    const news = web.host('news.test');
    const docs = web.host('docs.test');
    news.route('/retitled', page('Recettes d’été – Le Journal', 'Des tomates et du basilic.'));
    news.route('/same', page('Le logement des jeunes – Le Journal', PROSE));
    news.route('/flip', page('La santé au travail – Le Journal', PROSE));
    docs.route('/rapport.pdf', pdfWithEtag(pdf(40), '"v1"'));

    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-drift-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    const entry = (id: string, title: string, url: string, extra: string[] = []) => [
      `  - id: ${id}`,
      '    section: { number: "1", title: "Sources" }',
      '    creators: "Someone"',
      `    title: "${title}"`,
      ...extra,
      '    medium: report',
      '    links:',
      `      - ${url}`,
    ];
    await writeFile(
      join(dir, 'dossier.yaml'),
      [
        'catalogue:',
        '  title: Dossier',
        'entries:',
        ...entry('pauvrete', 'Le rapport sur la pauvreté', `${news.origin}/retitled`),
        ...entry('logement', 'Le logement des jeunes', `${news.origin}/same`),
        ...entry('sante', 'La santé au travail', `${news.origin}/flip`),
        ...entry('annuel', 'Rapport annuel 2019', `${docs.origin}/rapport.pdf`, [
          '    extent: { text: "40 pages", pages: 40 }',
        ]),
        '',
      ].join('\n'),
    );
    await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');

    const run = async (day: string) => {
      const result = await runCheck({
        cwd: dir,
        inputs: ['dossier.yaml'],
        lookup: web.lookup,
        now: () => new Date(`${day}T06:00:00Z`),
        overrides: { allowPrivateAddresses: true, perHostInterval: 0, timeout: 3_000, retries: 0 },
      });
      expect(result.problems).toEqual([]);
      const report = JSON.parse(
        await readFile(join(dir, 'reports', 'latest.json'), 'utf8'),
      ) as Report;
      expect(validate(report) ? [] : validate.errors).toEqual([]);
      const files = Object.fromEntries(
        await Promise.all(
          ['md', 'html', 'csv'].map(
            async (ext) =>
              [ext, await readFile(join(dir, 'reports', `latest.${ext}`), 'utf8')] as const,
          ),
        ),
      );
      const of = (path: string) => {
        const found = report.links.find((l) => new URL(l.url).pathname === path);
        if (!found) throw new Error(`no ${path} in the report`);
        return found;
      };
      return { report, files, of };
    };

    // Run 1: the retitled page already differs from the catalogue: shown as changed, not counted.
    const first = await run('2026-11-14');
    expect(first.of('/retitled').drift).toMatchObject({
      reasons: ['title-mismatch'],
      confirmed: false,
      catalogueTitle: 'Le rapport sur la pauvreté',
      title: 'Recettes d’été – Le Journal',
    });
    expect(first.of('/same').drift).toBeNull();
    expect(first.of('/flip').drift).toBeNull();
    expect(first.of('/rapport.pdf').drift).toBeNull();
    expect(first.report.summary.drifted).toBe(0);

    // A week later the PDF has lost pages; /flip shows a cookie wall for this run only.
    docs.route('/rapport.pdf', pdfWithEtag(pdf(12), '"v2"'));
    news.route(
      '/flip',
      page('Gérer vos cookies – Le Journal', 'Accepter ou refuser les traceurs.'),
    );
    const second = await run('2026-11-21');
    const retitled = second.of('/retitled');
    expect(retitled.status).toBe('ok'); // the verdict stays what it is
    expect(retitled.drift).toMatchObject({
      reasons: ['title-mismatch'],
      confirmed: true,
      since: first.of('/retitled').checkedAt,
      runs: 2,
    });
    const shrunk = second.of('/rapport.pdf');
    expect(shrunk.status).toBe('ok');
    expect(shrunk.drift).toMatchObject({
      reasons: ['pages-mismatch', 'pages-changed'],
      confirmed: false,
      pages: 12,
      previousPages: 40,
      cataloguePages: 40,
    });
    expect(second.of('/flip').drift).toMatchObject({ confirmed: false });
    expect(second.of('/same').drift).toBeNull();
    expect(second.report.summary.drifted).toBe(1);

    // Run 3: the PDF answers 304 (unchanged since run 2): its change held. /flip is back.
    news.route('/flip', page('La santé au travail – Le Journal', PROSE));
    const third = await run('2026-11-28');
    expect(docs.requests.at(-1)?.headers['if-none-match']).toBe('"v2"');
    expect(third.of('/rapport.pdf').httpStatus).toBe(304);
    expect(third.of('/rapport.pdf').drift).toMatchObject({
      reasons: ['pages-mismatch', 'pages-changed'],
      confirmed: true,
      runs: 2,
      pages: 12,
    });
    expect(third.of('/retitled').drift).toMatchObject({ confirmed: true, runs: 3 });
    expect(third.of('/flip').drift).toBeNull();
    expect(third.of('/same').drift).toBeNull();
    expect(third.report.summary.drifted).toBe(2);

    // The digest, the HTML and the CSV written by the run carry the same findings.
    const { md = '', html: page3 = '', csv = '' } = third.files;
    const changed = md.slice(md.indexOf('## Content changed ('));
    expect(changed).toContain('## Content changed (2)');
    expect(changed).toContain(`<${news.origin}/retitled>`);
    expect(changed).toContain(`<${docs.origin}/rapport.pdf>`);
    expect(changed).toContain('PDF pages 40 \u2192 12');
    expect(changed).not.toContain('/same');
    expect(changed).not.toContain('/flip');
    expect(page3).toContain('page: Recettes d\u2019\u00e9t\u00e9 \u2013 Le Journal');
    expect(page3.match(/data-drift="drifted"/g)).toHaveLength(2);
    const rows = csv.split('\r\n').filter(Boolean).slice(1);
    expect(rows).toHaveLength(4);
    // Both drifted rows lead the worklist (nothing fails), with their reasons.
    expect(rows[0]).toContain(`${docs.origin}/rapport.pdf`);
    expect(rows[0]).toContain(',drifted,pages-mismatch pages-changed');
    expect(rows[1]).toContain(`${news.origin}/retitled`);
    expect(rows[1]).toContain(',Le rapport sur la pauvreté,Recettes d’été – Le Journal,');
    expect(rows[1]).toContain(',drifted,title-mismatch');

    // The history keeps what the next run compares with, and the evidence while it lasts.
    const opened = openSqliteStore(join(dir, 'reports', 'history.sqlite'));
    if (!opened.ok) throw new Error(opened.error.message);
    const states = await opened.store.readLinks([
      `${docs.origin}/rapport.pdf`,
      `${news.origin}/same`,
    ]);
    await opened.store.close();
    const kept = states.get(`${docs.origin}/rapport.pdf`);
    expect(kept?.page).toMatchObject({ pdfPages: 12, contentType: 'application/pdf' });
    expect(kept?.drift?.before?.pdfPages).toBe(40);
    const same = states.get(`${news.origin}/same`);
    expect(same?.page?.textPrint).toMatch(/^[0-9a-f]{16}$/);
    expect(same?.drift).toBeUndefined();
  });
});
