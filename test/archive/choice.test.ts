import { describe, expect, it } from 'vitest';
import type { ArchiveFinder } from '../../src/archive/index.js';
import { capturedReason } from '../../src/archive/judge.js';
import { parseCdx } from '../../src/archive/sources.js';
import { makeWindow, waybackToMs } from '../../src/archive/time.js';
import { needsArchive } from '../../src/check/archive-plan.js';
import type { ReportLink } from '../../src/model/index.js';
import { createTestJudge, type FakeArchiveSetup } from '../support/archives.js';
import { archiveFixture, type testOptions } from './helpers.js';

const PAGE = 'http://example.org/news/2021/story.html';
const fixture = archiveFixture();

async function finderOn(
  setup: FakeArchiveSetup,
  over: Parameters<typeof testOptions>[1] = {},
): Promise<{ finder: ArchiveFinder; judge: ReturnType<typeof createTestJudge> }> {
  const judge = createTestJudge();
  return { finder: await fixture.finderOn(setup, over, { judge }), judge };
}

const find = (f: ArchiveFinder, windowEnd: string | null, windowStart: string | null = null) =>
  f.find({ url: PAGE, windowEnd, windowStart, contentType: 'text/html' });

/** `n` daily captures starting at `start` (YYYYMMDD). */
function daily(start: string, n: number) {
  const t0 = Date.UTC(
    Number(start.slice(0, 4)),
    Number(start.slice(4, 6)) - 1,
    Number(start.slice(6, 8)),
    12,
  );
  return Array.from({ length: n }, (_, i) => ({
    ts: new Date(t0 + i * 86_400_000).toISOString().replace(/[-:T]/g, '').slice(0, 14),
  }));
}

describe('the closest capture on each side of the access date', () => {
  it('finds the capture before the date when many lie after it (a busy news page)', async () => {
    // One capture a year before, then 60 captures a day from the day after: a single
    // "closest" query limited to 25 rows only sees captures after the date.
    const { finder } = await finderOn({
      wayback: { [PAGE]: [{ ts: '20200315000000' }, ...daily('20210411', 60)] },
    });
    const r = await find(finder, '2021-04-10');
    expect(r.capture?.timestamp).toBe('2020-03-15T00:00:00.000Z');
    expect(r.capture?.distanceDays).toBeLessThan(0);
  });

  it('finds the first capture after the date when those before are all error pages', async () => {
    // Sixty "not found" captures of one content (one digest) before the date: refused once.
    const before = daily('20210101', 60).map((c) => ({
      ...c,
      title: 'Page not found',
      digest: 'NF',
    }));
    const { finder } = await finderOn({
      wayback: { [PAGE]: [...before, { ts: '20210601000000' }] },
    });
    const r = await find(finder, '2021-04-10');
    expect(r.capture?.timestamp).toBe('2021-06-01T00:00:00.000Z');
    const after = fixture.archive().seen.find((s) => s.url.searchParams.get('limit') === '25');
    expect(after?.url.searchParams.get('from')).toBe('20210411000000');
  });

  it('a date-only access date counts as the whole day', async () => {
    const { finder } = await finderOn({
      wayback: { [PAGE]: [{ ts: '20210410183000' }, { ts: '20210411080000' }] },
    });
    const r = await find(finder, '2021-04-10');
    expect(r.capture?.timestamp).toBe('2021-04-10T18:30:00.000Z');
    expect(r.capture?.distanceDays).toBe(0);
  });
});

describe('revisit captures', () => {
  it('a revisit of a good capture is offered (the closest before the date)', async () => {
    const { finder, judge } = await finderOn({
      wayback: {
        [PAGE]: [
          { ts: '20200101000000', digest: 'SAME' },
          { ts: '20210401000000', digest: 'SAME', revisit: true },
        ],
      },
    });
    const r = await find(finder, '2021-04-10');
    expect(r.capture?.timestamp).toBe('2021-04-01T00:00:00.000Z');
    expect(judge.calls[0]).toContain('/web/20210401000000id_/');
  });

  it('a revisit of an error capture is not offered', async () => {
    const { finder } = await finderOn({
      wayback: {
        [PAGE]: [
          { ts: '20200101000000', digest: 'ERR', status: 404 },
          { ts: '20210401000000', digest: 'ERR', revisit: true },
        ],
      },
    });
    const r = await find(finder, '2021-04-10', '2021-01-01');
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('only-error-captures');
  });

  it('the original outside the rows read is asked for by its digest', async () => {
    const { finder } = await finderOn({
      wayback: {
        [PAGE]: [
          { ts: '20190101000000', digest: 'OLD', status: 500 },
          { ts: '20210401000000', digest: 'OLD', revisit: true },
          { ts: '20210201000000' },
        ],
      },
    });
    // The publication date hides the original (a 500) from the side queries.
    const r = await find(finder, '2021-04-10', '2020-06-01');
    const digestQueries = fixture
      .archive()
      .seen.filter((s) => s.url.searchParams.getAll('filter').includes('digest:OLD'));
    expect(digestQueries).toHaveLength(1);
    // The revisit duplicates a 500: the older good capture is proposed instead.
    expect(r.capture?.timestamp).toBe('2021-02-01T00:00:00.000Z');
  });
});

describe('honest reasons', () => {
  it('a site the archive excludes: archive-excluded, not archive-down', async () => {
    const { finder } = await finderOn({
      excluded: [PAGE],
      wayback: { [PAGE]: [{ ts: '20210101000000' }] },
    });
    const r = await find(finder, '2021-04-10');
    expect(r).toMatchObject({ capture: null, reason: 'archive-excluded' });
    expect(r.message).toMatch(/excludes this site/);
  });

  it('only redirects archived: only-error-captures', async () => {
    const { finder } = await finderOn({
      wayback: {
        [PAGE]: [{ ts: '20200101000000', status: 301, redirectTo: 'http://example.org/' }],
      },
    });
    expect((await find(finder, '2021-04-10')).reason).toBe('only-error-captures');
  });

  it('only captures before the publication date: only-captures-before-publication', async () => {
    const { finder, judge } = await finderOn({
      wayback: { [PAGE]: [{ ts: '20150101000000' }, { ts: '20160101000000' }] },
    });
    const r = await find(finder, '2021-04-10', '2020-01-01');
    expect(r.reason).toBe('only-captures-before-publication');
    expect(judge.calls).toEqual([]);
  });

  it('never archived: no-capture', async () => {
    const { finder } = await finderOn({ wayback: {} });
    expect((await find(finder, '2021-04-10')).reason).toBe('no-capture');
  });
});

describe('a capture of a 429 page is not the archive throttling', () => {
  it('the real judge refuses it as the capture it is, and the next capture is used', async () => {
    const judge = fixture.realJudge();
    const finder = await fixture.finderOn(
      {
        memento: {
          [PAGE]: [
            { ts: '20210405000000', status: 429 },
            { ts: '20210301000000', title: 'The story' },
          ],
        },
      },
      { wayback: false, memento: true },
      {
        judge,
        tune: (opts) => {
          opts.memento.archives = [{ ...opts.memento.archives[0]!, rawPlayback: false }];
        },
      },
    );
    const r = await find(finder, '2021-04-10');
    expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
    expect(await judge(`${fixture.archive().base}/memento/20210405000000/${PAGE}`, PAGE)).toEqual({
      ok: false,
      reason: 'captured-http-429',
    });
  });

  it('capturedReason marks only the reasons that would read as an archive problem', () => {
    expect(capturedReason('http-429')).toBe('captured-http-429');
    expect(capturedReason('http-503')).toBe('captured-http-503');
    expect(capturedReason('http-404')).toBe('http-404');
    expect(capturedReason('soft-404')).toBe('soft-404');
  });
});

describe('reading archive answers', () => {
  it('out-of-range timestamps are refused, not rolled over', () => {
    expect(waybackToMs('20211301000000')).toBeNull();
    expect(waybackToMs('20210230000000')).toBeNull();
    expect(waybackToMs('20210101240000')).toBeNull();
    expect(waybackToMs('20210101236000')).toBeNull();
    expect(waybackToMs('2021')).toBe(Date.UTC(2021, 0, 1));
    expect(waybackToMs('20240229120000')).toBe(Date.UTC(2024, 1, 29, 12));
  });

  it('a malformed row is skipped, not the rest of the answer', () => {
    const header = ['timestamp', 'original', 'mimetype', 'statuscode', 'digest'];
    const r = parseCdx(
      [
        header,
        ['20210101000000', PAGE, 'text/html', '200', 'A'],
        'garbage',
        ['20211301000000', PAGE, 'text/html', '200', 'B'],
        ['20210201000000', PAGE],
        { not: 'a row' },
        ['20210301000000', PAGE, 'warc/revisit', '-', 'A'],
        [],
        ['resume-key'],
      ],
      'https://wb.example',
      PAGE,
    );
    expect(r.ok && r.candidates.map((c) => [c.timestampMs, c.status, c.mimetype])).toEqual([
      [Date.UTC(2021, 0, 1), 200, 'text/html'],
      [Date.UTC(2021, 2, 1), null, 'warc/revisit'],
    ]);
  });

  it('the window of a date-only access date ends at the end of that day', () => {
    const w = makeWindow(null, '2021-04-10', 0);
    expect(new Date(w.endInclusiveMs).toISOString()).toBe('2021-04-10T23:59:59.999Z');
  });
});

describe('which links get an archive lookup', () => {
  const link = (status: ReportLink['status']) => ({ status }) as ReportLink;
  it('dead, moved and failing links; skipped ones only never', () => {
    expect(needsArchive(link('dead'), false)).toBe(true);
    expect(needsArchive(link('redirected'), false)).toBe(true);
    expect(needsArchive(link('error'), false)).toBe(true);
    expect(needsArchive(link('ok'), false)).toBe(false);
    expect(needsArchive(link('blocked'), false)).toBe(false);
    expect(needsArchive(link('skipped'), true)).toBe(false);
  });
});
