import type { Report, ReportEntryRef, ReportLink } from '../../src/model/index.js';

/** Titles and URLs a hostile server could send; every renderer must render them harmless. */
export const HOSTILE = {
  imgTitle: '<img src=x onerror=alert(1)>',
  scriptTitle: '</script><script>alert(1)</script>',
  mdLink: '[click](javascript:alert(1))',
  mdImage: '![x](https://evil.test/t.png)',
  mention: '@everyone see #123',
  formula: '=HYPERLINK("http://evil.test")',
  osc8: '\u001b]8;;http://evil.test\u0007click\u001b]8;;\u0007',
  clear: '\u001b[2Jgone',
  separator: 'line\u2028break\u2029para',
} as const;

export function entry(id: string, over: Partial<ReportEntryRef> = {}): ReportEntryRef {
  return {
    id,
    file: 'catalogue/dossier.yaml',
    line: 10,
    title: `Title of ${id}`,
    section: '1 Sources',
    ...over,
  };
}

export function link(url: string, over: Partial<ReportLink> = {}): ReportLink {
  return {
    url,
    status: 'ok',
    reason: null,
    message: 'The server answered 200 OK.',
    httpStatus: 200,
    finalUrl: url,
    redirects: [],
    title: null,
    contentType: 'text/html',
    checkedAt: '2026-11-28T06:00:05.000Z',
    attempts: 1,
    archive: null,
    archiveReason: null,
    entries: [entry(`e-${url.length}`)],
    failingSince: null,
    consecutiveFailures: 0,
    newFailure: false,
    suggestedUrl: null,
    catalogueArchive: null,
    meta: {
      canonical: null,
      lang: 'fr',
      contentLength: 1234,
      lastModified: null,
      pdfPages: null,
      authors: [],
      published: null,
      modified: null,
      siteName: null,
      publisher: null,
      container: null,
      doi: null,
    },
    metadataDiffers: [],
    drift: null,
    ...over,
  };
}

/** A report with every status, digest section and remedy kind, plus hostile text. */
export function sampleReport(): Report {
  const links: ReportLink[] = [
    link('https://alpha.test/ok', {
      title: 'Bienvenue à l\u2019Élysée',
      drift: {
        reasons: ['title-mismatch', 'title-changed'],
        confirmed: true,
        since: '2026-11-21T06:00:05.000Z',
        runs: 2,
        catalogueTitle: 'Allocution du président, été 2019',
        title: 'Bienvenue à l\u2019Élysée',
        previousTitle: 'Allocution du président – Élysée',
        similarity: 0,
        pages: null,
        previousPages: null,
        cataloguePages: null,
        contentType: 'text/html',
        previousContentType: 'text/html',
        textDistance: 29,
      },
      entries: [
        entry('elysee', {
          title: 'Allocution du président, été 2019',
          line: 4,
          section: '1 Sources',
        }),
      ],
    }),
    link('https://beta.test/gone', {
      status: 'dead',
      reason: 'http-404',
      message: 'The server answered 404 Not Found.',
      httpStatus: 404,
      newFailure: true,
      failingSince: '2026-11-28T06:00:05.000Z',
      consecutiveFailures: 1,
      archive: {
        url: 'https://web.archive.org/web/20190304000000/https://beta.test/gone',
        timestamp: '2019-03-04T00:00:00Z',
        source: 'wayback',
        distanceDays: -12,
      },
      catalogueArchive: {
        url: 'https://web.archive.org/web/20190101000000/https://beta.test/gone',
        date: '2019-01-01',
        status: 'unplayable',
        reason: 'http-404',
      },
      entries: [
        entry('rapport-2019', {
          title: HOSTILE.imgTitle,
          line: 22,
          section: '2 Rapports',
          fix: false,
        }),
      ],
    }),
    link('https://gamma.test/old', {
      status: 'dead',
      reason: 'dns-nxdomain',
      message: 'The host name does not exist.',
      httpStatus: null,
      finalUrl: null,
      failingSince: '2026-11-07T06:00:00.000Z',
      consecutiveFailures: 4,
      archiveReason: 'no-capture',
      entries: [
        entry('hostile-script', { title: HOSTILE.scriptTitle, line: 30 }),
        entry('hostile-md', {
          title: `${HOSTILE.mdLink} ${HOSTILE.mdImage}`,
          line: 31,
          file: 'catalogue/other.yaml',
        }),
      ],
    }),
    link('https://delta.test/flaky', {
      status: 'error',
      reason: 'timeout',
      message: `Timed out ${HOSTILE.osc8} ${HOSTILE.clear}`,
      httpStatus: null,
      newFailure: true,
      failingSince: '2026-11-28T06:00:05.000Z',
      consecutiveFailures: 1,
      entries: [entry('mention', { title: HOSTILE.mention, line: 40 })],
    }),
    link('https://epsilon.test/moved', {
      status: 'redirected',
      reason: 'moved-permanently',
      message: 'Moved permanently to https://epsilon.test/new.',
      httpStatus: 200,
      finalUrl: 'https://epsilon.test/new',
      redirects: [
        { url: 'https://epsilon.test/moved', status: 301, location: 'https://epsilon.test/new' },
      ],
      suggestedUrl: 'https://epsilon.test/new',
      entries: [entry('formula', { title: HOSTILE.formula, line: 50, section: '3 Presse' })],
    }),
    link('https://zeta.test/private', {
      status: 'blocked',
      reason: 'http-403',
      message: 'The server answered 403 Forbidden.',
      httpStatus: 403,
      failingSince: '2026-10-01T06:00:00.000Z',
      consecutiveFailures: 8,
      entries: [entry('separator', { title: HOSTILE.separator, line: 60, section: '3 Presse' })],
    }),
    link('javascript:alert(1)', {
      status: 'skipped',
      reason: 'unsupported-scheme',
      message: 'Only http and https URLs are checked.',
      httpStatus: null,
      finalUrl: null,
      contentType: null,
      entries: [entry('js-url', { title: 'A javascript: link', line: 70 })],
    }),
  ];
  return {
    schema: 'rotwatch/report@1',
    run: {
      id: '2026-11-28T06-00-00Z',
      startedAt: '2026-11-28T06:00:00.000Z',
      finishedAt: '2026-11-28T06:01:30.000Z',
      toolVersion: '0.1.0',
      catalogues: ['catalogue/dossier.yaml', 'catalogue/other.yaml'],
      complete: true,
      network: { status: 'ok', hostsChecked: 7, hostsUnreachable: 0 },
      language: 'en',
    },
    summary: {
      ok: 1,
      redirected: 1,
      dead: 2,
      error: 1,
      blocked: 1,
      skipped: 1,
      total: 7,
      drifted: 1,
    },
    links,
    fixed: [
      {
        url: 'https://eta.test/back',
        previousStatus: 'error',
        previousReason: 'http-503',
        status: 'ok',
        entries: [entry('back-again', { title: 'Revenu', line: 80 })],
      },
    ],
    history: [
      {
        id: '2026-11-14T06-00-00Z',
        startedAt: '2026-11-14T06:00:00.000Z',
        finishedAt: '2026-11-14T06:01:00.000Z',
        complete: true,
        network: 'ok',
        summary: { ok: 5, redirected: 0, dead: 1, error: 1, blocked: 1, skipped: 1, total: 9 },
      },
      {
        id: '2026-11-21T06-00-00Z',
        startedAt: '2026-11-21T06:00:00.000Z',
        finishedAt: '2026-11-21T06:01:00.000Z',
        complete: true,
        network: 'ok',
        summary: { ok: 4, redirected: 1, dead: 1, error: 1, blocked: 1, skipped: 1, total: 9 },
      },
    ],
  };
}

/**
 * A report made to overflow a careless layout: URLs of hundreds of characters without a break,
 * long titles and sections, every verdict, drift, a moved link, archive remedies, metadata that
 * differs, and many ok links (which must come after the links that need work).
 */
export function crowdedReport(language?: 'en' | 'fr'): Report {
  const report = sampleReport();
  if (language) report.run.language = language;
  const long = 'tres-long-segment-sans-espace-'.repeat(12);
  const title =
    'Rapport annuel sur la transformation numérique des établissements sociaux et médico-sociaux, ' +
    'avec ses annexes statistiques régionales et ses recommandations détaillées (édition révisée)';
  const extra: ReportLink[] = [
    link(
      `https://very-long-host-name-for-a-public-agency.example.org/${long}/dead.pdf?session=${'x'.repeat(120)}`,
      {
        status: 'dead',
        reason: 'http-410',
        message: 'The server answered 410 Gone.',
        httpStatus: 410,
        newFailure: true,
        failingSince: '2026-09-01T06:00:00.000Z',
        consecutiveFailures: 12,
        title: `${title} ${title}`,
        archive: {
          url: `https://web.archive.org/web/20200101000000/https://very-long-host-name-for-a-public-agency.example.org/${long}/dead.pdf`,
          timestamp: '2020-01-01T00:00:00Z',
          source: 'wayback',
          distanceDays: 30,
        },
        metadataDiffers: [
          { entry: 'long-entry', field: 'date', catalogue: '2019', page: '2021-05-04' },
        ],
        entries: [
          entry('long-entry', {
            title,
            line: 120,
            section: `12 ${title}`,
            file: `catalogue/${'sous-dossier-'.repeat(6)}catalogue.yaml`,
          }),
        ],
      },
    ),
    link(`https://moved.example.org/${long}/old`, {
      status: 'redirected',
      reason: 'moved-permanently',
      message: 'Moved permanently.',
      finalUrl: `https://moved.example.org/${long}/new-home-of-the-document-${'z'.repeat(80)}`,
      suggestedUrl: `https://moved.example.org/${long}/new-home-of-the-document-${'z'.repeat(80)}`,
      redirects: [
        {
          url: 'https://moved.example.org/old',
          status: 301,
          location: 'https://moved.example.org/new',
        },
      ],
      entries: [entry('moved-long', { title, line: 130 })],
    }),
    link(`https://drift.example.org/${long}`, {
      title: 'Page d’accueil',
      drift: {
        reasons: ['title-mismatch', 'content-changed'],
        confirmed: false,
        since: '2026-11-28T06:00:05.000Z',
        runs: 1,
        catalogueTitle: title,
        title: 'Page d’accueil',
        previousTitle: title,
        similarity: 0.12,
        pages: null,
        previousPages: null,
        cataloguePages: null,
        contentType: 'text/html',
        previousContentType: 'text/html',
        textDistance: 31,
      },
      entries: [entry('drift-long', { title, line: 140 })],
    }),
    ...Array.from({ length: 12 }, (_, i) =>
      link(`https://ok.example.org/${long}/${i}`, {
        title: `${title} ${i}`,
        entries: [entry(`ok-${i}`, { title: `${title} ${i}`, line: 200 + i })],
      }),
    ),
  ];
  report.links = [...report.links, ...extra].sort((a, b) => (a.url < b.url ? -1 : 1));
  for (const l of extra) {
    report.summary[l.status]++;
    report.summary.total++;
  }
  return report;
}

/** The whole text of a writer's chunks. */
export async function textOf(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}
