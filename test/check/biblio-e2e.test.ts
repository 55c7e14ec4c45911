/**
 * Bibliographic metadata end to end: `rotwatch check` over a catalogue whose pages live on the
 * loopback test web; the JSON report (validated against the schema) carries what the pages
 * declare, and "metadata differs" where it disagrees with the entry.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/model/index.js';
import { addPageTree, literal, PdfBuilder } from '../extract/pdf-builder.js';
import { captureIO } from '../support/io.js';
import { bytes, html, startTestWeb, status, type TestWeb } from '../support/web.js';

const schema = JSON.parse(
  await readFile(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validate = ajv.compile(schema);

const ARTICLE = `<!doctype html><html lang="fr"><head><title>Baromètre 2023</title>
<meta property="og:site_name" content="Observatoire">
<meta name="citation_author" content="Martin, Claire"><meta name="citation_publication_date" content="2023-05-04">
<meta name="citation_journal_title" content="Revue des usages"><meta name="citation_doi" content="10.5555/RU.2023.1">
<script type="application/ld+json">{"@type":"ScholarlyArticle","publisher":{"@type":"Organization","name":"Presses de l'Observatoire"},"dateModified":"2023-06-01T09:00:00+02:00",}</script>
</head><body><h1>Baromètre 2023</h1></body></html>`;

/** A one-page PDF whose Info dictionary names its authors and dates. */
function reportPdf(): Buffer {
  const b = new PdfBuilder();
  const catalog = b.reserve();
  const pages = addPageTree(b, 1);
  b.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
  const info = b.add(
    `<< /Title (Rapport annuel) /Author ${literal('Dupont, Jean; Curie, Marie')} /CreationDate (D:20200115093000+01'00') /ModDate (D:20200201) >>`,
  );
  return b.build({ root: catalog, info });
}

let web: TestWeb;
let dir: string;
let savedLevel: string | undefined;
beforeAll(async () => {
  savedLevel = process.env.ROTWATCH_LOG_LEVEL;
  process.env.ROTWATCH_LOG_LEVEL = 'silent';
  web = await startTestWeb(['obs.test']);
  const site = web.host('obs.test');
  site.route('/barometre', html(ARTICLE));
  site.route('/same', html(ARTICLE));
  site.route('/plain', html('<title>Nothing declared</title>'));
  site.route('/gone', status(404));
  site.route('/rapport.pdf', bytes(reportPdf(), 'application/pdf'));
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-biblio-e2e-'));
});
afterAll(async () => {
  await web.close();
  await rm(dir, { recursive: true, force: true });
  if (savedLevel === undefined) delete process.env.ROTWATCH_LOG_LEVEL;
  else process.env.ROTWATCH_LOG_LEVEL = savedLevel;
});

const url = (path: string) => {
  const h = web.host('obs.test');
  return `http://${h.ip}:${h.port}${path}`;
};

function entry(id: string, path: string, over: Record<string, unknown>) {
  return {
    id,
    section: { number: '1', title: 'Tests' },
    creators: 'ANAP',
    title: `Title of ${id}`,
    medium: 'web-page',
    links: [url(path)],
    ...over,
  };
}

describe('check: bibliographic metadata in the JSON report', () => {
  it('reports what pages declare and where it differs from the entry', async () => {
    await writeFile(
      join(dir, 'rotwatch.config.yaml'),
      stringify({
        check: { allowPrivateAddresses: true, perHostInterval: 0, timeout: 3000, retries: 0 },
        archive: { enabled: false },
      }),
    );
    await mkdir(join(dir, 'catalogue'), { recursive: true });
    await writeFile(
      join(dir, 'catalogue', 'c.yaml'),
      stringify({
        catalogue: { title: 'Biblio test' },
        entries: [
          entry('stale', '/barometre', {
            date: { text: '2019', year: 2019 },
            container: 'Cahiers de la santé',
          }),
          entry('fresh', '/same', {
            creators: 'MARTIN Claire',
            date: { text: 'mai 2023', year: 2023, month: 5 },
            container: 'Revue des usages',
          }),
          entry('plain', '/plain', { date: { text: '2019', year: 2019 } }),
          entry('gone', '/gone', { date: { text: '2019', year: 2019 } }),
          entry('rapport', '/rapport.pdf', {
            creators: 'DUPONT Jean',
            date: { text: '2018', year: 2018 },
          }),
        ],
      }),
    );
    const io = captureIO(dir);
    const code = await main(['check', 'catalogue/c.yaml', '--fail-on', 'none', '-q'], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(
      await readFile(join(dir, 'reports', 'latest.json'), 'utf8'),
    ) as Report;
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    const byPath = (p: string) => report.links.find((l) => l.url === url(p))!;

    expect(byPath('/barometre').meta).toMatchObject({
      lang: 'fr',
      authors: ['Claire Martin'],
      published: '2023-05-04',
      modified: '2023-06-01T09:00:00+02:00',
      siteName: 'Observatoire',
      publisher: "Presses de l'Observatoire",
      container: 'Revue des usages',
      doi: '10.5555/ru.2023.1',
    });
    expect(byPath('/barometre').status).toBe('ok');
    expect(byPath('/barometre').metadataDiffers).toEqual([
      { entry: 'stale', field: 'creators', catalogue: 'ANAP', page: 'Claire Martin' },
      { entry: 'stale', field: 'date', catalogue: '2019', page: '2023-05-04' },
      {
        entry: 'stale',
        field: 'container',
        catalogue: 'Cahiers de la santé',
        page: 'Revue des usages',
      },
    ]);
    // Same page, an entry that agrees: nothing differs.
    expect(byPath('/same').metadataDiffers).toEqual([]);
    // Nothing declared: every field null (authors empty), nothing to hold against the entry.
    expect(byPath('/plain').meta).toMatchObject({
      authors: [],
      published: null,
      modified: null,
      siteName: null,
      publisher: null,
      container: null,
      doi: null,
    });
    expect(byPath('/plain').metadataDiffers).toEqual([]);
    // A PDF: Info /Author, /CreationDate, /ModDate.
    expect(byPath('/rapport.pdf').meta).toMatchObject({
      authors: ['Jean Dupont', 'Marie Curie'],
      published: '2020-01-15T09:30:00+01:00',
      modified: '2020-02-01',
      siteName: null,
    });
    expect(byPath('/rapport.pdf').metadataDiffers).toEqual([
      { entry: 'rapport', field: 'date', catalogue: '2018', page: '2020-01-15T09:30:00+01:00' },
    ]);
    // A dead page speaks for nothing.
    expect(byPath('/gone').metadataDiffers).toEqual([]);
  });
});
