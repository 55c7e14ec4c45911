/**
 * Paged Memento TimeMaps (RFC 7089 section 5: `timemap` links with from/until; `next`/`prev`):
 * the pages holding the closest mementos are read, within a bounded number of pages, each
 * request paced by the archive's queue.
 */
import { describe, expect, it } from 'vitest';
import { parseLinkFormat } from '../../src/archive/linkformat.js';
import {
  MAX_TIMEMAP_PAGES,
  nextPage,
  type PageLink,
  pageLinks,
} from '../../src/archive/timemap-pages.js';
import type { FakeArchiveSetup, FakeCapture } from '../support/archives.js';
import { createTestJudge } from '../support/archives.js';
import { archiveFixture } from './helpers.js';

const PAGE = 'http://example.org/reports/2020.html';
const fixture = archiveFixture();
/** One memento on the first of each month of 2020, oldest first: 12 mementos. */
const monthly: FakeCapture[] = Array.from({ length: 12 }, (_, i) => ({
  ts: `2020${String(i + 1).padStart(2, '0')}01000000`,
}));
const req = (windowEnd: string) => ({
  url: PAGE,
  windowEnd,
  windowStart: null,
  contentType: 'text/html',
});
const timemapRequests = () =>
  fixture.archive().seen.filter((s) => s.path.startsWith('/timemap')).length;

async function paged(style: NonNullable<FakeArchiveSetup['timemapPages']>['style'], size = 4) {
  return fixture.finderOn(
    { memento: { [PAGE]: monthly }, timemapPages: { size, style } },
    { wayback: false, memento: true },
    { judge: createTestJudge() },
  );
}

describe('a paged TimeMap', () => {
  it('follows rel="next" to the page holding the access date (the first page is the oldest)', async () => {
    const finder = await paged('next');
    const r = await finder.find(req('2020-10-15'));
    // Only the first page read, the closest memento before the date was April's.
    expect(r.capture?.timestamp).toBe('2020-10-01T00:00:00.000Z');
    expect(timemapRequests()).toBe(3);
  });

  it('finds the closest after the date on the next page when the date ends a page', async () => {
    const finder = await paged('next');
    // Pages: Jan-Apr, May-Aug, Sep-Dec. No memento on or before 31 Dec 2019: the closest
    // after is January's, on the first page (the next page is tried, in case the archive pages
    // newest first, and the walk stops there: it went away from the date); for 20 August, the
    // closest before is August's.
    expect((await finder.find(req('2019-12-31'))).capture?.timestamp).toBe(
      '2020-01-01T00:00:00.000Z',
    );
    expect(timemapRequests()).toBe(2);
    expect((await finder.find(req('2020-08-20'))).capture?.timestamp).toBe(
      '2020-08-01T00:00:00.000Z',
    );
  });

  it('walks an archive that pages newest first (its rel="next" is the older page)', async () => {
    const finder = await fixture.finderOn(
      { memento: { [PAGE]: monthly }, timemapPages: { size: 4, style: 'next', newestFirst: true } },
      { wayback: false, memento: true },
      { judge: createTestJudge() },
    );
    // Pages: Dec-Sep, Aug-May, Apr-Jan. The date lies on the last one.
    const r = await finder.find(req('2020-02-15'));
    expect(r.capture?.timestamp).toBe('2020-02-01T00:00:00.000Z');
    expect(timemapRequests()).toBe(3);
  });

  it('jumps to the page whose from/until covers the date (rel="timemap" ranges)', async () => {
    const finder = await paged('ranges');
    const r = await finder.find(req('2020-10-15'));
    expect(r.capture?.timestamp).toBe('2020-10-01T00:00:00.000Z');
    expect(timemapRequests()).toBe(2);
  });

  it('reads an index TimeMap (pages only, no memento) through the page covering the date', async () => {
    const finder = await paged('index');
    const r = await finder.find(req('2020-06-15'));
    expect(r.capture?.timestamp).toBe('2020-06-01T00:00:00.000Z');
    expect(timemapRequests()).toBe(2);
  });

  it(`reads at most ${MAX_TIMEMAP_PAGES} pages, and proposes the best of what it read`, async () => {
    const finder = await paged('next', 1);
    const r = await finder.find(req('2020-12-15'));
    expect(timemapRequests()).toBe(MAX_TIMEMAP_PAGES);
    expect(r.capture?.timestamp).toBe('2020-05-01T00:00:00.000Z');
  });

  it('reads pages listed without dates in order, within the cap', async () => {
    const finder = await paged('unordered');
    const r = await finder.find(req('2020-10-15'));
    expect(r.capture?.timestamp).toBe('2020-10-01T00:00:00.000Z');
    expect(timemapRequests()).toBe(3);
  });

  it('paces its pages with the archive: never a burst', async () => {
    const finder = await fixture.finderOn(
      { memento: { [PAGE]: monthly }, timemapPages: { size: 2, style: 'next' } },
      { wayback: false, memento: true, rate: { requests: 1, intervalMs: 200 } },
      { judge: createTestJudge() },
    );
    const r = await finder.find(req('2020-09-15'));
    expect(r.capture?.timestamp).toBe('2020-09-01T00:00:00.000Z');
    expect(timemapRequests()).toBe(5);
    // What the archive saw: one TimeMap request in any 120 ms (the rate is one in 200 ms; a
    // first request slowed by its new connection arrives closer to the next one).
    expect(fixture.archive().maxInWindow('/timemap', 120)).toBe(1);
  });

  it('keeps what it read when a later page fails, without caching it as the answer', async () => {
    const finder = await fixture.finderOn(
      {
        memento: { [PAGE]: monthly },
        timemapPages: { size: 4, style: 'next' },
        failing: ['/timemap-page/'],
      },
      { wayback: false, memento: true },
      { judge: createTestJudge() },
    );
    const first = await finder.find(req('2020-10-15'));
    expect(first.capture?.timestamp).toBe('2020-04-01T00:00:00.000Z');
    expect(timemapRequests()).toBe(2);
    // Not cached: the next lookup walks the pages again.
    await finder.find(req('2020-10-15'));
    expect(timemapRequests()).toBe(4);
  });

  it('look-alike: an unpaged TimeMap is one request', async () => {
    const finder = await fixture.finderOn(
      { memento: { [PAGE]: monthly } },
      { wayback: false, memento: true },
      { judge: createTestJudge() },
    );
    const r = await finder.find(req('2020-10-15'));
    expect(r.capture?.timestamp).toBe('2020-10-01T00:00:00.000Z');
    expect(timemapRequests()).toBe(1);
  });
});

describe('nextPage (pure)', () => {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const link = (url: string, over: Partial<PageLink> = {}): PageLink => ({
    url,
    dir: null,
    fromMs: null,
    untilMs: null,
    ...over,
  });
  const endMs = day('2020-06-15');

  it('stops on a page holding both sides of the date', () => {
    const page = [day('2020-06-01'), day('2020-07-01')];
    const links = [link('p2', { dir: 'next' })];
    expect(nextPage({ links, page, seen: page, read: new Set(), endMs })).toBeNull();
  });

  it('goes back (rel="prev") from a page wholly after the date, as newest-first archives page', () => {
    const page = [day('2020-09-01'), day('2020-12-01')];
    const links = [link('newer', { dir: 'next' }), link('older', { dir: 'prev' })];
    expect(nextPage({ links, page, seen: page, read: new Set(), endMs })).toBe('older');
  });

  it('follows the only link there is when an archive pages newest first (rel="next": older)', () => {
    const page = [day('2020-11-01'), day('2020-12-01')];
    const links = [link('older', { dir: 'next' })];
    expect(nextPage({ links, page, seen: page, read: new Set(), endMs })).toBe('older');
    // The page read before is left out: the walk goes on the same way.
    const page2 = [day('2020-09-01'), day('2020-10-01')];
    const links2 = [link('first', { dir: 'prev' }), link('older2', { dir: 'next' })];
    const read = new Set(['first']);
    expect(nextPage({ links: links2, page: page2, seen: [...page, ...page2], read, endMs })).toBe(
      'older2',
    );
  });

  it('stops when the other way led further from the date (pages oldest first after all)', () => {
    const first = [day('2020-07-01'), day('2020-08-01')];
    const page = [day('2020-09-01'), day('2020-10-01')];
    const links = [link('p1', { dir: 'prev' }), link('p3', { dir: 'next' })];
    const read = new Set(['p1', 'p2']);
    expect(nextPage({ links, page, seen: [...first, ...page], read, endMs })).toBeNull();
  });

  it('stops once the walk crossed the date between two pages', () => {
    const page = [day('2020-09-01')];
    const seen = [day('2020-05-01'), day('2020-09-01')];
    const links = [link('p3', { dir: 'next' })];
    expect(nextPage({ links, page, seen, read: new Set(['p1', 'p2']), endMs })).toBeNull();
  });

  it('takes page links only: not self, original, timegate or memento links; relative resolved', () => {
    const text = [
      '<http://example.org/a>; rel="original"',
      '<https://arch.example/timegate/http://example.org/a>; rel="timegate"',
      '<https://arch.example/timemap/link/http://example.org/a>; rel="self"; type="application/link-format"',
      '</timemap/link/2/http://example.org/a>; rel="next"; type="application/link-format"',
      '<https://arch.example/timemap/link/0/http://example.org/a>; rel="timemap"; from="Tue, 01 Jan 2019 00:00:00 GMT"; until="Tue, 31 Dec 2019 00:00:00 GMT"',
      '<https://arch.example/20200101000000/http://example.org/a>; rel="first memento"; datetime="Wed, 01 Jan 2020 00:00:00 GMT"',
    ].join(',\n');
    const self = 'https://arch.example/timemap/link/http://example.org/a';
    expect(pageLinks(parseLinkFormat(text), self)).toEqual([
      {
        url: 'https://arch.example/timemap/link/2/http://example.org/a',
        dir: 'next',
        fromMs: null,
        untilMs: null,
      },
      {
        url: 'https://arch.example/timemap/link/0/http://example.org/a',
        dir: null,
        fromMs: day('2019-01-01'),
        untilMs: day('2019-12-31'),
      },
    ]);
  });

  it('takes a rel="timemap" link to the page itself, percent-encoded or not, for no other page', () => {
    const self = 'https://arquivo.example/wayback/timemap/link/http%3A%2F%2Fexample.org%2Fa';
    const text = [
      '<https://arquivo.example/wayback/timemap/link/http://example.org/a>; rel="timemap"; type="application/link-format"',
      '<https://arquivo.example/wayback/20200101000000/http://example.org/a>; rel="memento"; datetime="Wed, 01 Jan 2020 00:00:00 GMT"; collection="AWP"',
    ].join(',\n');
    expect(pageLinks(parseLinkFormat(text), self)).toEqual([]);
  });

  it('never reads a page twice', () => {
    const page = [day('2020-01-01')];
    const links = [link('p1', { dir: 'next' })];
    expect(nextPage({ links, page, seen: page, read: new Set(['p1']), endMs })).toBeNull();
  });
});
