/**
 * Archive fallbacks end to end: real runs (`runCheck`, `check`) over the loopback test web,
 * with fake archives on loopback answering in the archives' formats. The live check decides
 * which links are dead; the archive part must propose the right capture for each, judged by
 * the real classifier through the live fetcher, and stay out of the way when the archives
 * are down, slow or throttling.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ArchiveConfigInput } from '../../src/archive/index.js';
import { archiveRequestFor } from '../../src/check/archive-plan.js';
import type { LinkObservation } from '../../src/check/engine.js';
import { check, runCheck } from '../../src/check/index.js';
import type { Citation, Report, ReportLink, Target } from '../../src/model/index.js';
import { renderMarkdown } from '../../src/report/index.js';
import {
  closedPort,
  type FakeArchive,
  type FakeArchiveSetup,
  startFakeArchive,
} from '../support/archives.js';
import {
  hang,
  html,
  redirect,
  startTestWeb,
  status,
  type TestHost,
  type TestWeb,
} from '../support/web.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const page = (title: string) =>
  html(
    `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>Some real content about ${title}.</p></body></html>`,
  );

const FAST_RATE = { requests: 100, intervalMs: 1000 };

/** The `archive:` section, every source pointed at `base`, test-sized timings. */
function archiveSection(base: string, over: Partial<ArchiveConfigInput> = {}): ArchiveConfigInput {
  return {
    lookupTimeoutMs: 5000,
    requestTimeoutMs: 2000,
    backoffMs: 50,
    retryAfterMaxMs: 5000,
    cache: { path: 'cache/archive.json' },
    wayback: {
      baseUrl: base,
      availabilityBaseUrl: base,
      rate: FAST_RATE,
      playbackRate: FAST_RATE,
    },
    wikiwix: { baseUrl: base, rate: FAST_RATE, playbackRate: FAST_RATE },
    memento: {
      archives: [{ name: 'Test Memento Archive', timemapUrl: `${base}/timemap/link/{url}` }],
      rate: FAST_RATE,
      playbackRate: FAST_RATE,
    },
    ...over,
  };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rotwatch-archive-e2e-'));
  closers.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function writeConfig(dir: string, archive: ArchiveConfigInput): Promise<void> {
  const config = {
    check: { allowPrivateAddresses: true, retries: 0, timeout: 3000, perHostInterval: 0 },
    archive,
  };
  await writeFile(join(dir, 'rotwatch.config.yaml'), stringify(config));
}

interface EntrySpec {
  id: string;
  url: string;
  date?: { text: string; year: number; month?: number };
  /** Link-level `accessed`. */
  accessed?: string;
}

async function writeCatalogue(
  dir: string,
  entries: EntrySpec[],
  compiled: string | null,
): Promise<string> {
  const doc = {
    catalogue: { title: 'Archive test catalogue', ...(compiled ? { compiled } : {}) },
    entries: entries.map((e) => ({
      id: e.id,
      section: { number: '1', title: 'Tests' },
      creators: 'Test authors',
      title: `Title of ${e.id}`,
      ...(e.date ? { date: e.date } : {}),
      medium: 'web-page',
      links: [e.accessed ? { url: e.url, accessed: e.accessed } : e.url],
    })),
  };
  await mkdir(join(dir, 'catalogue'), { recursive: true });
  const file = join(dir, 'catalogue', 'test.yaml');
  await writeFile(file, stringify(doc));
  return file;
}

async function startWeb(names: string[]): Promise<TestWeb> {
  const web = await startTestWeb(names);
  closers.push(() => web.close());
  return web;
}

async function startArchive(setup: FakeArchiveSetup): Promise<FakeArchive> {
  const fake = await startFakeArchive({ host: '127.0.0.20', ...setup });
  closers.push(() => fake.close());
  return fake;
}

async function run(dir: string, web: TestWeb, now?: string): Promise<Report> {
  const result = await runCheck({
    cwd: dir,
    inputs: ['catalogue'],
    lookup: web.lookup,
    ...(now ? { now: () => new Date(now) } : {}),
  });
  expect(result.problems).toEqual([]);
  expect(result.report).not.toBeNull();
  return result.report as Report;
}

const linkOf = (report: Report, url: string): ReportLink => {
  const l = report.links.find((x) => x.url === url);
  if (!l) throw new Error(`no link ${url} in the report`);
  return l;
};

/** Requests an archive saw about `url` (queries naming it, playbacks and TimeMaps of it). */
const requestsAbout = (fake: FakeArchive, url: string) =>
  fake.seen.filter((s) => s.url.searchParams.get('url') === url || s.path.endsWith(`/${url}`));

const wb = (fake: FakeArchive, ts: string, url: string) => `${fake.base}/web/${ts}/${url}`;

/** The test web of the main scenario: one host of pages that died in different ways. */
function deadWeb(alpha: TestHost, beta: TestHost) {
  alpha.route('/', page('Alpha home'));
  alpha.route('/reports/annual-2019.html', status(404));
  alpha.route('/docs/guide.html', redirect(301, '/'));
  alpha.route('/old-page', redirect(301, '/new-page'));
  alpha.route('/new-page', page('The new page'));
  alpha.route('/fine', page('A fine page'));
  beta.route('/', page('Beta home'));
  beta.route('/news/item-42', page('Page not found'));
  beta.route('/lost.pdf', status(404));
  beta.route('/errors', status(410));
  beta.route('/early', status(404));
  beta.route('/memento-only', status(404));
  return {
    gone: `${alpha.origin}/reports/annual-2019.html`,
    home: `${alpha.origin}/docs/guide.html`,
    moved: `${alpha.origin}/old-page`,
    fine: `${alpha.origin}/fine`,
    soft: `${beta.origin}/news/item-42`,
    lost: `${beta.origin}/lost.pdf`,
    errors: `${beta.origin}/errors`,
    early: `${beta.origin}/early`,
    memento: `${beta.origin}/memento-only`,
  };
}

function deadCatalogue(u: ReturnType<typeof deadWeb>): EntrySpec[] {
  return [
    { id: 'gone', url: u.gone, date: { text: '2019', year: 2019 } },
    { id: 'home', url: u.home, accessed: '2021-06-15' },
    { id: 'moved', url: u.moved },
    { id: 'fine', url: u.fine },
    { id: 'soft', url: u.soft, date: { text: 'mai 2020', year: 2020, month: 5 } },
    { id: 'lost', url: u.lost },
    { id: 'errors', url: u.errors },
    { id: 'early', url: u.early, date: { text: 'janvier 2021', year: 2021, month: 1 } },
    { id: 'memento', url: u.memento },
  ];
}

function deadArchives(u: ReturnType<typeof deadWeb>): FakeArchiveSetup {
  const notFound = 'Page not found';
  return {
    wayback: {
      // Published 2019, accessed 2021-04-30 (the catalogue's month): the 2018 capture is some
      // other page, the 2021-04-20 one is a soft-404, so 2021-03-01 is the one.
      [u.gone]: [
        { ts: '20180601000000', title: 'Something else entirely' },
        { ts: '20200115000000' },
        { ts: '20210301000000' },
        { ts: '20210420000000', title: notFound },
        { ts: '20210601000000' },
      ],
      // Accessed 2021-06-15: five days before beats five days after.
      [u.home]: [{ ts: '20210101000000' }, { ts: '20210610000000' }, { ts: '20210620000000' }],
      [u.moved]: [{ ts: '20210401000000', title: 'The old page' }],
      [u.fine]: [{ ts: '20210401000000', title: 'A fine page' }],
      // Published May 2020: the March 2020 capture predates it; only captures after the access
      // date remain, the closest after is proposed.
      [u.soft]: [
        { ts: '20200301000000' },
        { ts: '20220101000000', title: 'Item 42' },
        { ts: '20210601000000', title: 'Item 42' },
      ],
      // Only error pages were archived with a 200.
      [u.errors]: [
        { ts: '20200101000000', title: notFound },
        { ts: '20201001000000', title: notFound },
        { ts: '20210101000000', title: notFound },
      ],
      // Only non-200 captures: the CDX filter leaves nothing.
      [u.lost]: [{ ts: '20200101000000', status: 404, mimetype: 'application/pdf' }],
    },
    // Wikiwix holds a copy of /early, but from before its publication.
    wikiwix: { [u.early]: { ts: '20200101000000', title: 'Early' } },
    memento: { [u.memento]: [{ ts: '20210410000000', title: 'Memento copy' }] },
  };
}

describe('archive fallbacks through runCheck', () => {
  it('proposes the capture the editors saw for every dead or moved link, and says why not', async () => {
    const web = await startWeb(['alpha.test', 'beta.test']);
    const u = deadWeb(web.host('alpha.test'), web.host('beta.test'));
    const fake = await startArchive(deadArchives(u));
    const dir = await tempDir();
    await writeCatalogue(dir, deadCatalogue(u), '2021-04');
    await writeConfig(dir, archiveSection(fake.base));

    const report = await run(dir, web);
    const byId = (url: string) => linkOf(report, url);

    // The verdicts the archive part builds on.
    expect(byId(u.gone)).toMatchObject({ status: 'dead', reason: 'http-404' });
    expect(byId(u.home)).toMatchObject({ status: 'dead', reason: 'redirect-to-home' });
    expect(byId(u.soft)).toMatchObject({ status: 'dead', reason: 'soft-404' });
    expect(byId(u.moved).status).toBe('redirected');
    expect(byId(u.fine).status).toBe('ok');

    expect(byId(u.gone).archive).toEqual({
      url: wb(fake, '20210301000000', u.gone),
      timestamp: '2021-03-01T00:00:00.000Z',
      source: 'wayback',
      distanceDays: -60,
    });
    expect(byId(u.gone).archiveReason).toBeNull();
    // The soft-404 capture closest to the access date was fetched, judged and passed over.
    expect(fake.count(`/web/20210420000000id_/${u.gone}`)).toBe(1);

    expect(byId(u.home).archive).toEqual({
      url: wb(fake, '20210610000000', u.home),
      timestamp: '2021-06-10T00:00:00.000Z',
      source: 'wayback',
      distanceDays: -5,
    });
    expect(byId(u.soft).archive).toEqual({
      url: wb(fake, '20210601000000', u.soft),
      timestamp: '2021-06-01T00:00:00.000Z',
      source: 'wayback',
      distanceDays: 32,
    });
    expect(byId(u.moved).archive).toMatchObject({
      url: wb(fake, '20210401000000', u.moved),
      source: 'wayback',
      distanceDays: -29,
    });
    expect(byId(u.memento).archive).toEqual({
      url: `${fake.base}/memento/20210410000000/${u.memento}`,
      timestamp: '2021-04-10T00:00:00.000Z',
      source: 'memento',
      archive: 'Test Memento Archive',
      distanceDays: -20,
    });
    for (const url of [u.home, u.soft, u.moved, u.memento]) {
      expect(byId(url).archiveReason).toBeNull();
    }

    // Honest "none": nothing archived, only error pages, only copies older than the document.
    // Its only capture is a 404: the census query after two empty sides tells so.
    expect(byId(u.lost)).toMatchObject({ archive: null, archiveReason: 'only-error-captures' });
    expect(byId(u.errors)).toMatchObject({ archive: null, archiveReason: 'only-error-captures' });
    expect(byId(u.early)).toMatchObject({
      archive: null,
      archiveReason: 'only-captures-before-publication',
    });

    // A live link is not looked up, and the archives never heard of it.
    expect(byId(u.fine)).toMatchObject({ archive: null, archiveReason: null });
    expect(requestsAbout(fake, u.fine)).toEqual([]);
    expect(requestsAbout(fake, u.gone).length).toBeGreaterThan(0);

    // The digest offers the archived copy as the remedy, with its date.
    const md = renderMarkdown(report);
    const goneItem = md.slice(md.indexOf(u.gone));
    const remedy = goneItem.slice(goneItem.indexOf('Remedy:')).split('\n')[0]!;
    expect(remedy).toContain(wb(fake, '20210301000000', u.gone));
    expect(remedy).toContain('2021-03-01');
    expect(md).toContain('no archived copy');

    // A second run answers from the cache: the archives see no request at all.
    const seenBefore = fake.seen.length;
    const again = await run(dir, web);
    expect(fake.seen.length).toBe(seenBefore);
    expect(linkOf(again, u.gone).archive).toEqual(byId(u.gone).archive);
    expect(linkOf(again, u.errors).archiveReason).toBe('only-error-captures');
  });

  it('with lookupAll, live links are looked up too (library entry point)', async () => {
    const web = await startWeb(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/fine', page('A fine page'));
    const fine = `${alpha.origin}/fine`;
    const fake = await startArchive({ wayback: { [fine]: [{ ts: '20210401000000' }] } });
    const dir = await tempDir();
    const targets: Target[] = [
      {
        url: fine,
        citations: [
          { id: 'fine', file: 'x.yaml', line: 1, title: 'Fine', accessedAt: '2021-04-30' },
        ],
      },
    ];
    const report = await check(targets, {
      cwd: dir,
      lookup: web.lookup,
      allowPrivateAddresses: true,
      retries: 0,
      perHostInterval: 0,
      archive: archiveSection(fake.base, { lookupAll: true }),
    });
    expect(report.links[0]).toMatchObject({ status: 'ok', archiveReason: null });
    expect(report.links[0]?.archive?.url).toBe(wb(fake, '20210401000000', fine));
    expect(requestsAbout(fake, fine).length).toBeGreaterThan(0);
  });
});

describe('when the archives misbehave', () => {
  it('an archive that is down leaves the verdicts alone and gives archive-down', async () => {
    const web = await startWeb(['alpha.test', 'beta.test']);
    const u = deadWeb(web.host('alpha.test'), web.host('beta.test'));
    const down = await closedPort('127.0.0.21');
    const dir = await tempDir();
    await writeCatalogue(dir, deadCatalogue(u), '2021-04');
    await writeConfig(dir, archiveSection(down, { lookupTimeoutMs: 1000, requestTimeoutMs: 500 }));

    const report = await run(dir, web);
    expect(report.run.complete).toBe(true);
    for (const url of [u.gone, u.home, u.soft, u.lost, u.errors, u.early, u.memento, u.moved]) {
      expect(linkOf(report, url)).toMatchObject({ archive: null, archiveReason: 'archive-down' });
    }
    expect(linkOf(report, u.gone)).toMatchObject({ status: 'dead', reason: 'http-404' });
    expect(linkOf(report, u.home)).toMatchObject({ status: 'dead', reason: 'redirect-to-home' });
    expect(linkOf(report, u.moved).status).toBe('redirected');
    expect(linkOf(report, u.fine)).toMatchObject({ status: 'ok', archiveReason: null });
    expect(report.summary).toMatchObject({ dead: 7, redirected: 1, ok: 1 });
  });

  it('an archive that never answers costs one lookup time, not a request timeout per link', async () => {
    const web = await startWeb(['alpha.test', 'beta.test']);
    const u = deadWeb(web.host('alpha.test'), web.host('beta.test'));
    const slow = await startTestWeb(['slow-archive.test']);
    closers.push(() => slow.close());
    const s = slow.host('slow-archive.test');
    s.route('*', hang());
    const dir = await tempDir();
    await writeCatalogue(dir, deadCatalogue(u), '2021-04');
    // Requests may take a minute each; only the lookup bound lets this test end in time. The
    // bound is generous for a loaded machine (300 ms was tight under a full, busy suite).
    await writeConfig(
      dir,
      archiveSection(`http://${s.ip}:${s.port}`, {
        lookupTimeoutMs: 2000,
        requestTimeoutMs: 60_000,
      }),
    );
    const report = await run(dir, web);
    expect(report.run.complete).toBe(true);
    for (const url of [u.gone, u.home, u.soft, u.lost, u.errors, u.early, u.memento, u.moved]) {
      const l = linkOf(report, url);
      expect(l.archive).toBeNull();
      // Down, not throttled: the archive never said it was busy, it just did not answer.
      expect(l.archiveReason).toBe('archive-down');
    }
    expect(linkOf(report, u.gone)).toMatchObject({ status: 'dead', reason: 'http-404' });
    expect(s.requests.length).toBeGreaterThan(0);
  });

  it('a run stopped during the lookups ends at once, not after the lookup time', async () => {
    const web = await startWeb(['alpha.test', 'beta.test']);
    const u = deadWeb(web.host('alpha.test'), web.host('beta.test'));
    const slow = await startTestWeb(['slow-archive.test']);
    closers.push(() => slow.close());
    const s = slow.host('slow-archive.test');
    const controller = new AbortController();
    // The first archive request stops the run (SIGTERM in the worker), then never answers.
    s.route('*', (req, res) => {
      controller.abort();
      return hang()(req, res);
    });
    const dir = await tempDir();
    await writeCatalogue(dir, deadCatalogue(u), '2021-04');
    await writeConfig(
      dir,
      archiveSection(`http://${s.ip}:${s.port}`, {
        lookupTimeoutMs: 60_000,
        requestTimeoutMs: 60_000,
      }),
    );
    const result = await runCheck({
      cwd: dir,
      inputs: ['catalogue'],
      lookup: web.lookup,
      signal: controller.signal,
    });
    expect(controller.signal.aborted).toBe(true);
    const report = result.report as Report;
    expect(linkOf(report, u.gone)).toMatchObject({
      status: 'dead',
      archive: null,
      archiveReason: 'archive-down',
    });
    expect(s.requests.length).toBeGreaterThan(0);
  });

  it('a throttling archive is waited for (429, Retry-After) and then answers', async () => {
    const web = await startWeb(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/gone', status(404));
    const gone = `${alpha.origin}/gone`;
    // 429 to the first CDX request with Retry-After: 1; any CDX request less than 800 ms after
    // another is a rate violation.
    const fake = await startArchive({
      wayback: { [gone]: [{ ts: '20210301000000' }] },
      throttle: { prefix: '/cdx/', count: 1, retryAfterSeconds: 1 },
      enforce: { prefix: '/cdx/', requests: 1, windowMs: 800 },
    });
    const dir = await tempDir();
    await writeCatalogue(dir, [{ id: 'gone', url: gone }], '2021-04');
    // Our own rate (one CDX query a second) keeps the second query of the lookup polite too.
    const section = archiveSection(fake.base, {
      wikiwix: { enabled: false },
      memento: { enabled: false },
      wayback: {
        baseUrl: fake.base,
        availabilityBaseUrl: fake.base,
        rate: { requests: 1, intervalMs: 1000 },
        playbackRate: FAST_RATE,
      },
    });
    await writeConfig(dir, section);
    const report = await run(dir, web);
    expect(linkOf(report, gone)).toMatchObject({ status: 'dead', archiveReason: null });
    expect(linkOf(report, gone).archive?.url).toBe(wb(fake, '20210301000000', gone));
    // The query before the access date (throttled, then retried) and the one after it.
    expect(fake.count('/cdx/')).toBe(3);
    expect(fake.violations).toEqual([]);
  });
});

describe('a throttled playback', () => {
  it('pauses the playback queue and asks for the same capture again', async () => {
    const web = await startWeb(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/gone', status(404));
    const gone = `${alpha.origin}/gone`;
    // The first raw playback is answered 429; a playback less than 40 ms after another breaks
    // the rate (the client's backoff is 50 ms). The live fetcher does not retry (retries: 0).
    const fake = await startArchive({
      wayback: { [gone]: [{ ts: '20210301000000' }, { ts: '20200101000000' }] },
      throttle: { prefix: '/web/', count: 1, retryAfterSeconds: 0 },
      enforce: { prefix: '/web/', requests: 1, windowMs: 40 },
    });
    const dir = await tempDir();
    await writeCatalogue(dir, [{ id: 'gone', url: gone }], '2021-04');
    await writeConfig(
      dir,
      archiveSection(fake.base, { wikiwix: { enabled: false }, memento: { enabled: false } }),
    );
    const report = await run(dir, web);
    // The best capture, not the next one because the archive was busy for a moment.
    expect(linkOf(report, gone).archive?.url).toBe(wb(fake, '20210301000000', gone));
    expect(fake.count(`/web/20210301000000id_/${gone}`)).toBe(2);
    expect(fake.count('/web/20200101000000')).toBe(0);
    expect(fake.violations).toEqual([]);
  });

  it('a playback throttled twice ends the use of that archive: archive-throttled', async () => {
    const web = await startWeb(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/gone', status(404));
    const gone = `${alpha.origin}/gone`;
    const fake = await startArchive({
      wayback: { [gone]: [{ ts: '20210301000000' }, { ts: '20200101000000' }] },
      throttle: { prefix: '/web/', count: 100, retryAfterSeconds: 0 },
    });
    const dir = await tempDir();
    await writeCatalogue(dir, [{ id: 'gone', url: gone }], '2021-04');
    await writeConfig(
      dir,
      archiveSection(fake.base, { wikiwix: { enabled: false }, memento: { enabled: false } }),
    );
    const report = await run(dir, web);
    expect(linkOf(report, gone)).toMatchObject({
      archive: null,
      archiveReason: 'archive-throttled',
    });
    // Two tries of the best capture, then nothing more: not one request per candidate.
    expect(fake.count('/web/')).toBe(2);
  });
});

describe('the access date and the address guard', () => {
  it('without any access date, the last time rotwatch saw the link alive ends the window', async () => {
    const web = await startWeb(['gamma.test']);
    const gamma = web.host('gamma.test');
    gamma.route('/later-dead', page('Alive for now'));
    const url = `${gamma.origin}/later-dead`;
    const fake = await startArchive({
      wayback: { [url]: [{ ts: '20261101000000' }, { ts: '20261125000000' }] },
    });
    const dir = await tempDir();
    await writeCatalogue(dir, [{ id: 'later-dead', url }], null);
    await writeConfig(dir, archiveSection(fake.base));

    const first = await run(dir, web, '2026-11-21T06:00:00Z');
    expect(linkOf(first, url)).toMatchObject({ status: 'ok', archive: null });
    expect(requestsAbout(fake, url)).toEqual([]);

    gamma.route('/later-dead', status(404));
    const second = await run(dir, web, '2026-11-28T06:00:00Z');
    const l = linkOf(second, url);
    expect(l.status).toBe('dead');
    // Closest before 2026-11-21T06:00Z (last seen alive), not before "now" (the 25th).
    expect(l.archive?.timestamp).toBe('2026-11-01T00:00:00.000Z');
    expect(l.archive?.distanceDays).toBeGreaterThan(-20.5);
    expect(l.archive?.distanceDays).toBeLessThan(-20);
  });

  it('in production a playback on a private address is refused, not fetched', async () => {
    // allowPrivateAddresses off: the fake archive (loopback) answers the CDX query through the
    // archive client, but the judge's fetcher must refuse to fetch its playback.
    const fake = await startArchive({
      wayback: { 'http://unknown.test/report': [{ ts: '20210301000000' }] },
    });
    const web = await startWeb(['alpha.test']);
    const dir = await tempDir();
    const report = await check(
      [
        {
          url: 'http://unknown.test/report',
          citations: [{ id: 'r', file: 'x.yaml', line: 1, title: 'R', accessedAt: '2021-04-30' }],
        },
        // A host that answers the guard (refused, not unreachable): the network is not "down".
        { url: `${web.host('alpha.test').origin}/`, citations: [] },
      ],
      {
        cwd: dir,
        lookup: web.lookup,
        retries: 0,
        perHostInterval: 0,
        archive: archiveSection(fake.base, { lookupAll: true }),
      },
    );
    const l = report.links.find((x) => x.url === 'http://unknown.test/report')!;
    expect(l.archive).toBeNull();
    expect(l.archiveReason).toBe('archive-down');
    expect(fake.count('/cdx/')).toBe(2); // one query on each side of the access date
    expect(fake.count('/web/')).toBe(0);
  });
});

describe('what is asked of the archives (archive-plan)', () => {
  const URL_ = 'http://example.org/docs/annual-report';
  const link = (over: Partial<ReportLink> = {}) =>
    ({ url: URL_, status: 'dead', contentType: 'text/html', ...over }) as ReportLink;
  const obs = (citations: Partial<Citation>[], url = URL_): LinkObservation => ({
    target: {
      url,
      citations: citations.map((c, i) => ({
        id: `e${i}`,
        file: 'c.yaml',
        line: i + 1,
        title: 't',
        ...c,
      })),
    },
    outcome: null,
    meta: null,
    classification: { status: 'dead', reason: 'http-404', message: '' },
    checkedAt: '2026-11-28T06:00:00.000Z',
    connectionFailure: false,
  });

  it('with several citations: the latest access date, the earliest publication before it', () => {
    const r = archiveRequestFor(
      link(),
      obs([
        { accessedAt: '2018-05-31' },
        { accessedAt: '2021-04-30', publishedAt: '2019-01-01' },
        { accessedAt: '2020-02-29', publishedAt: '2019-06-01' },
      ]),
      undefined,
    );
    expect(r).toMatchObject({ windowEnd: '2021-04-30', windowStart: '2019-01-01' });
  });

  it('a publication date after the access date does not empty the window', () => {
    const r = archiveRequestFor(
      link(),
      obs([{ accessedAt: '2020-04-30', publishedAt: '2018-01-01' }, { publishedAt: '2022-01-01' }]),
      undefined,
    );
    expect(r).toMatchObject({ windowEnd: '2020-04-30', windowStart: '2018-01-01' });
  });

  it('without access dates, the last time the link was seen alive; else now', () => {
    const prior = {
      url: URL_,
      lastStatus: 'ok',
      lastReason: null,
      lastCheckedAt: '2026-11-21T06:00:00.000Z',
      firstFailureAt: null,
      consecutiveFailures: 0,
      lastSuccessAt: '2026-11-21T06:00:00.000Z',
    } as const;
    expect(archiveRequestFor(link(), obs([{}]), prior).windowEnd).toBe('2026-11-21T06:00:00.000Z');
    expect(archiveRequestFor(link(), obs([{}]), undefined).windowEnd).toBeNull();
  });

  it("a dead link's own content type is not trusted; the URL's extension is", () => {
    // The 404 page is HTML, but says nothing about the document that was there.
    expect(archiveRequestFor(link(), obs([]), undefined).contentType).toBeNull();
    const pdf = `${URL_}.PDF`;
    expect(archiveRequestFor(link({ url: pdf }), obs([], pdf), undefined).contentType).toBe(
      'application/pdf',
    );
    const page = `${URL_}.html?lang=fr`;
    expect(archiveRequestFor(link({ url: page }), obs([], page), undefined).contentType).toBe(
      'text/html',
    );
    // A query naming a file is not the path: no guess.
    const q = 'http://example.org/get?file=report.pdf';
    expect(archiveRequestFor(link({ url: q }), obs([], q), undefined).contentType).toBeNull();
    // Neither is an error page's type (lookupAll), nor a bot wall's.
    const err = link({ status: 'error', contentType: 'text/html' });
    expect(archiveRequestFor(err, obs([]), undefined).contentType).toBeNull();
    // A live answer is: ok, or where a permanent redirect leads.
    const moved = link({ status: 'redirected', contentType: 'application/pdf' });
    expect(archiveRequestFor(moved, obs([]), undefined).contentType).toBe('application/pdf');
  });
});
