import { describe, expect, it } from 'vitest';
import type { ArchiveFinder } from '../../src/archive/index.js';
import { msToWayback } from '../../src/archive/time.js';
import type { FakeArchiveSetup } from '../support/archives.js';
import { archiveFixture } from './helpers.js';

/**
 * The CDX queries as the real server reads them (wayback-cdx-server, CDXServer.java):
 * `fastLatest` reads one index block, `limit=-1` is a reverse read cut short by `to`, and a url
 * ending in `*` without `matchType` is a prefix query. The fake archive does the same.
 */

const fixture = archiveFixture();

function finderOn(setup: FakeArchiveSetup, cdxLimit?: number): Promise<ArchiveFinder> {
  return fixture.finderOn(
    setup,
    {},
    {
      tune: (opts) => {
        if (cdxLimit !== undefined) opts.wayback.cdxLimit = cdxLimit;
      },
    },
  );
}

const cdxQueries = () =>
  fixture
    .archive()
    .seen.filter((s) => s.path === '/cdx/search/cdx')
    .map((s) => s.url.searchParams);

describe('the query before the access date', () => {
  it('reads every capture up to the date, not only the index block of the latest ones', async () => {
    // No publication date (a web page cited without one): nothing bounds the query below.
    const page = 'http://example.org/live/blog';
    // One capture before the date, then forty after it, every six hours from 1 May.
    const after = Array.from({ length: 40 }, (_, i) => ({
      ts: msToWayback(Date.UTC(2021, 4, 1) + i * 6 * 3_600_000),
    }));
    const finder = await finderOn({ wayback: { [page]: [{ ts: '20210301000000' }, ...after] } });
    const r = await finder.find({
      url: page,
      windowEnd: '2021-04-10',
      windowStart: null,
      contentType: null,
    });
    expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
    const before = cdxQueries().find((q) => q.get('to') !== null);
    expect(before?.get('fastLatest')).toBe('false');
  });

  it('with cdxLimit 1, still finds the capture before the date', async () => {
    const page = 'http://example.org/one';
    const finder = await finderOn(
      { wayback: { [page]: [{ ts: '20210301000000' }, { ts: '20210601000000' }] } },
      1,
    );
    const r = await finder.find({
      url: page,
      windowEnd: '2021-04-10',
      windowStart: null,
      contentType: null,
    });
    expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
    expect(cdxQueries().map((q) => q.get('limit'))).not.toContain('-1');
  });
});

describe('a link whose URL ends in *', () => {
  it('is asked for exactly, not as a prefix of other URLs', async () => {
    const finder = await finderOn({
      wayback: {
        'http://example.org/search?q=climate': [{ ts: '20210301000000' }],
        'http://example.org/search?q=*': [],
      },
    });
    const r = await finder.find({
      url: 'http://example.org/search?q=*',
      windowEnd: '2021-04-10',
      windowStart: null,
      contentType: null,
    });
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('no-capture');
    expect(cdxQueries().every((q) => q.get('matchType') === 'exact')).toBe(true);
  });
});
