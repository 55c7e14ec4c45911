import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveFinder } from '../../src/archive/index.js';
import {
  closedPort,
  createTestJudge,
  type FakeArchive,
  type FakeArchiveSetup,
  startFakeArchive,
} from '../support/archives.js';
import { testOptions, UA } from './helpers.js';

const REPORT = 'http://example.org/reports/annual-2019.html';
const ACCESS = '2021-04-10';
const PUBLISHED = '2019-06-01';

let archive: FakeArchive | null = null;
const finders: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const f of finders.splice(0)) await f.close();
  await archive?.close();
  archive = null;
});

async function setup(s: FakeArchiveSetup, over: Parameters<typeof testOptions>[1] = {}) {
  archive = await startFakeArchive(s);
  const judge = createTestJudge();
  const finder = createArchiveFinder(testOptions(archive.base, over), { judge, userAgent: UA });
  finders.push(finder);
  return { archive, judge, finder };
}

const req = (url = REPORT) => ({
  url,
  windowEnd: ACCESS,
  windowStart: PUBLISHED,
  contentType: 'text/html',
});

describe('choosing the capture', () => {
  it('picks the closest good capture at or before the access date', async () => {
    const { archive, finder, judge } = await setup({
      wayback: {
        [REPORT]: [
          { ts: '20190801000000' },
          { ts: '20210301120000' },
          { ts: '20210501000000' },
          { ts: '20200101000000' },
        ],
      },
    });
    const r = await finder.find(req());
    expect(r.reason).toBeNull();
    expect(r.capture).toEqual({
      url: `${archive.base}/web/20210301120000/${REPORT}`,
      timestamp: '2021-03-01T12:00:00.000Z',
      source: 'wayback',
      distanceDays: -40,
    });
    expect(judge.calls).toEqual([`${archive.base}/web/20210301120000id_/${REPORT}`]);
    // One bounded CDX query on each side of the access date (a date: the whole day counts).
    const [before, after] = archive.seen
      .filter((s) => s.path === '/cdx/search/cdx')
      .map((s) => s.url.searchParams);
    for (const q of [before!, after!]) {
      expect(q.get('output')).toBe('json');
      expect(q.get('url')).toBe(REPORT);
      expect(q.get('fl')).toBe('timestamp,original,mimetype,statuscode,digest');
      expect(q.get('filter')).toBe('!statuscode:[345]..');
    }
    expect(before!.get('from')).toBe('20190601000000');
    expect(before!.get('to')).toBe('20210410235959');
    expect(before!.get('limit')).toBe('-25');
    expect(after!.get('from')).toBe('20210411000000');
    expect(after!.get('limit')).toBe('25');
  });

  it('proposes no capture from before the publication date', async () => {
    const old = [{ ts: '20150101000000' }, { ts: '20170505000000' }];
    const { finder, judge } = await setup(
      { wayback: { [REPORT]: old }, memento: { [REPORT]: old } },
      { memento: true },
    );
    const r = await finder.find(req());
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('only-captures-before-publication');
    expect(judge.calls).toEqual([]);
  });

  it('proposes the closest capture after the access date when there is none before', async () => {
    const { finder } = await setup({
      wayback: { [REPORT]: [{ ts: '20230101000000' }, { ts: '20220115000000' }] },
    });
    const r = await finder.find(req());
    expect(r.capture?.timestamp).toBe('2022-01-15T00:00:00.000Z');
    expect(r.capture?.distanceDays).toBe(280);
    expect(r.message).toMatch(/280 days after the access date/);
  });

  it('proposes nothing when only error answers were archived', async () => {
    const { finder, judge } = await setup(
      {
        wayback: {
          [REPORT]: [
            { ts: '20210101000000', status: 404 },
            { ts: '20210201000000', status: 301, redirectTo: 'http://example.org/' },
            { ts: '20210301000000', status: 500 },
          ],
        },
        wikiwix: { [REPORT]: { ts: '20210305000000', status: 404 } },
      },
      { wikiwix: true },
    );
    const r = await finder.find(req());
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('only-error-captures');
    // Error answers are never fetched; the captured redirect is, to see where it leads (here
    // the home page: refused). Round 17: a redirect to the document is a usable copy.
    expect(judge.calls).toHaveLength(1);
    expect(judge.calls[0]).toContain('/web/20210201000000id_/');
  });

  it('skips a soft-404 capture and a redirect to home for the next one', async () => {
    const { archive, finder, judge } = await setup({
      wayback: {
        [REPORT]: [
          { ts: '20210405000000', title: 'Page not found - Example' },
          { ts: '20210320000000', redirectTo: 'http://example.org/' },
          { ts: '20201201000000', title: 'Annual report 2019' },
        ],
      },
    });
    const r = await finder.find(req());
    expect(r.capture?.url).toBe(`${archive.base}/web/20201201000000/${REPORT}`);
    expect(judge.calls).toHaveLength(3);
  });

  it('does not check again a capture identical (same digest) to a refused one', async () => {
    const { finder, judge } = await setup({
      wayback: {
        [REPORT]: [
          { ts: '20210405000000', title: 'Page not found', digest: 'SAME' },
          { ts: '20210401000000', title: 'Page not found', digest: 'SAME' },
          { ts: '20210101000000', digest: 'GOOD' },
        ],
      },
    });
    const r = await finder.find(req());
    expect(r.capture?.timestamp).toBe('2021-01-01T00:00:00.000Z');
    expect(judge.calls).toHaveLength(2);
  });

  it('checks at most maxValidations captures', async () => {
    const bad = ['01', '02', '03', '04', '05', '06'].map((d) => ({
      ts: `202103${d}000000`,
      title: 'Page not found',
    }));
    const { finder, judge } = await setup(
      { wayback: { [REPORT]: [...bad, { ts: '20200101000000' }] } },
      { extra: { maxValidations: 3 } },
    );
    const r = await finder.find(req());
    expect(r.reason).toBe('only-error-captures');
    expect(judge.calls).toHaveLength(3);
  });

  it('says the closest captures are error pages when every checked one fails', async () => {
    const { finder, judge } = await setup({
      wayback: {
        [REPORT]: [
          { ts: '20210405000000', title: 'Page not found' },
          { ts: '20210301000000', title: 'Page Not Found | Example' },
        ],
      },
    });
    const r = await finder.find(req());
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('only-error-captures');
    expect(judge.calls).toHaveLength(2);
  });

  it('does not propose a PDF for an HTML page', async () => {
    const { finder } = await setup({
      wayback: { [REPORT]: [{ ts: '20210301000000', mimetype: 'application/pdf' }] },
    });
    const r = await finder.find(req());
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('no-capture');
  });

  it('answers an honest none when no archive has anything', async () => {
    const { finder } = await setup({}, { wikiwix: true, memento: true });
    const r = await finder.find(req());
    expect(r).toMatchObject({ capture: null, reason: 'no-capture' });
    expect(r.message).toMatch(/Wikiwix has no copy/);
    expect(r.message).toMatch(/Test Memento Archive has no copy/);
  });

  it('uses now as the access date when there is none', async () => {
    const { finder } = await setup({
      wayback: { [REPORT]: [{ ts: '20100101000000' }, { ts: '20200101000000' }] },
    });
    const r = await finder.find({ ...req(), windowEnd: null, windowStart: null });
    expect(r.capture?.timestamp).toBe('2020-01-01T00:00:00.000Z');
    expect(r.capture?.distanceDays).toBeLessThan(0);
  });
});

describe('sources', () => {
  it('finds a capture through CDX when the availability API answers empty', async () => {
    const { archive, finder } = await setup({
      wayback: { [REPORT]: [{ ts: '20210301000000' }] },
      availabilityMisses: [REPORT],
    });
    const r = await finder.find(req());
    expect(r.capture?.source).toBe('wayback');
    // The availability API is a fallback only: not asked when CDX answers.
    expect(archive.count('/wayback/available')).toBe(0);
  });

  it('falls back to the availability API when CDX fails', async () => {
    const { archive, finder } = await setup({
      wayback: { [REPORT]: [{ ts: '20210301000000' }] },
      failing: ['/cdx/'],
    });
    const r = await finder.find(req());
    expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
    expect(archive.count('/wayback/available')).toBe(1);
    const q = archive.seen.find((s) => s.path === '/wayback/available')!.url.searchParams;
    expect(q.get('timestamp')).toBe('20210410');
  });

  it('reads a CDX answer gzipped without a Content-Encoding header', async () => {
    const { finder } = await setup({
      wayback: { [REPORT]: [{ ts: '20210301000000' }] },
      gzipCdxBody: true,
    });
    expect((await finder.find(req())).capture?.source).toBe('wayback');
  });

  it('reads Wikiwix copies', async () => {
    const { archive, finder } = await setup(
      { wikiwix: { [REPORT]: { ts: '20210115083000' } } },
      { wayback: false, wikiwix: true },
    );
    const r = await finder.find(req());
    expect(r.capture).toMatchObject({
      url: `${archive.base}/cache/20210115083000/${REPORT}`,
      source: 'wikiwix',
      timestamp: '2021-01-15T08:30:00.000Z',
    });
    const q = archive.seen.find((s) => s.path === '/cache/')!.url.searchParams;
    expect(q.get('apiresponse')).toBe('1');
    expect(q.get('url')).toBe(REPORT);
  });

  it('reads Memento TimeMaps and names the archive', async () => {
    const { archive, finder } = await setup(
      {
        memento: {
          [REPORT]: [{ ts: '20200101000000' }, { ts: '20210401000000' }, { ts: '20211201000000' }],
        },
      },
      { wayback: false, memento: true },
    );
    const r = await finder.find(req());
    expect(r.capture).toMatchObject({
      url: `${archive.base}/memento/20210401000000/${REPORT}`,
      source: 'memento',
      archive: 'Test Memento Archive',
      distanceDays: -9,
    });
    const tm = archive.seen.find((s) => s.path.startsWith('/timemap/'))!;
    expect(tm.headers.accept).toBe('application/link-format');
  });

  it('prefers the closest capture across archives', async () => {
    const { finder } = await setup(
      {
        wayback: { [REPORT]: [{ ts: '20200101000000' }] },
        wikiwix: { [REPORT]: { ts: '20210401000000' } },
      },
      { wikiwix: true },
    );
    const r = await finder.find(req());
    expect(r.capture?.source).toBe('wikiwix');
  });

  it('reports archive-disabled when every source is off', async () => {
    const { finder } = await setup({}, { wayback: false });
    expect((await finder.find(req())).reason).toBe('archive-disabled');
  });
});

describe('archives down', () => {
  it('says captures could not be checked when the playback fails', async () => {
    const { finder, judge } = await setup({
      wayback: { [REPORT]: [{ ts: '20210301000000' }] },
      failing: ['/web/'],
    });
    const r = await finder.find(req());
    expect(r).toMatchObject({ capture: null, reason: 'archive-down' });
    expect(r.message).toMatch(/could not be checked/);
    expect(judge.calls).toHaveLength(1);
  });

  it('completes with archive-down when the archive refuses connections', async () => {
    const dead = await closedPort();
    const judge = createTestJudge();
    const finder = createArchiveFinder(testOptions(dead), { judge, userAgent: UA });
    finders.push(finder);
    const r = await finder.find(req());
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('archive-down');
    expect(r.message).toMatch(/ECONNREFUSED|failed/);
  });

  it('completes with archive-down when the archive answers 500', async () => {
    const { finder, archive } = await setup({
      wayback: { [REPORT]: [{ ts: '20210301000000' }] },
      failing: ['/cdx/', '/wayback/'],
    });
    const r = await finder.find(req());
    expect(r.reason).toBe('archive-down');
    expect(r.message).toMatch(/HTTP 500/);
    // Down after two failures in a row (downAfterFailures): later lookups do not ask again.
    await finder.find(req('http://example.org/second'));
    const before = archive.seen.length;
    const again = await finder.find(req('http://example.org/third'));
    expect(again.reason).toBe('archive-down');
    expect(again.message).toMatch(/looks down/);
    expect(archive.seen.length).toBe(before);
  });

  it('still finds a capture in another archive when one is down', async () => {
    const dead = await closedPort();
    archive = await startFakeArchive({ wikiwix: { [REPORT]: { ts: '20210301000000' } } });
    const opts = testOptions(archive.base, { wikiwix: true });
    opts.wayback.baseUrl = dead;
    opts.wayback.availabilityBaseUrl = dead;
    const finder = createArchiveFinder(opts, { judge: createTestJudge(), userAgent: UA });
    finders.push(finder);
    const r = await finder.find(req());
    expect(r.capture?.source).toBe('wikiwix');
  });
});

describe('a run over several dead links', () => {
  it('gives each link its capture or an honest none, whatever one archive does', async () => {
    const links = {
      good: 'http://example.org/good.html',
      wikiwixOnly: 'http://example.org/wikiwix-only.html',
      mementoOnly: 'http://example.org/memento-only.html',
      old: 'http://example.org/old.html',
      gone: 'http://example.org/gone.html',
      pdf: 'http://example.org/paper.pdf',
    };
    const { finder, archive } = await setup(
      {
        wayback: {
          [links.good]: [{ ts: '20210301000000' }],
          [links.old]: [{ ts: '20100101000000' }],
          [links.pdf]: [{ ts: '20200101000000', mimetype: 'application/pdf' }],
        },
        wikiwix: { [links.wikiwixOnly]: { ts: '20210201000000' } },
        memento: { [links.mementoOnly]: [{ ts: '20210315000000' }] },
        throttle: { prefix: '/cdx/', count: 1, retryAfterSeconds: 0 },
      },
      { wikiwix: true, memento: true },
    );
    const run = await Promise.all(
      Object.values(links).map((url) =>
        finder.find({
          url,
          windowEnd: ACCESS,
          windowStart: PUBLISHED,
          contentType: url.endsWith('.pdf') ? 'application/pdf' : 'text/html',
        }),
      ),
    );
    const by = Object.fromEntries(Object.keys(links).map((k, i) => [k, run[i]!]));
    expect(by.good!.capture?.source).toBe('wayback');
    expect(by.wikiwixOnly!.capture?.source).toBe('wikiwix');
    expect(by.mementoOnly!.capture?.source).toBe('memento');
    expect(by.old!.reason).toBe('only-captures-before-publication');
    expect(by.gone!.reason).toBe('no-capture');
    expect(by.pdf!.capture?.url).toBe(`${archive.base}/web/20200101000000/${links.pdf}`);
    // Two CDX queries per link (one each side of the access date), a census for the four
    // without a Wayback capture in the window, and the one retried after the 429.
    expect(archive.count('/cdx/')).toBe(2 * Object.keys(links).length + 4 + 1);
  });
});
