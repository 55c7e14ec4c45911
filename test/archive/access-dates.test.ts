import { describe, expect, it } from 'vitest';
import { distanceDays, makeWindow, parseDate } from '../../src/archive/time.js';
import { archiveFixture } from './helpers.js';

/** Access and publication dates as catalogues and callers write them: periods and instants. */

const PAGE = 'http://example.org/reports/annual.html';
const iso = (ms: number) => new Date(ms).toISOString();
const fixture = archiveFixture();

describe('an access date without a time is the whole period it names', () => {
  it('a year or a month ends at its last instant, like a day', () => {
    const year = makeWindow(null, '2019', 0);
    expect([iso(year.endMs), iso(year.endInclusiveMs)]).toEqual([
      '2019-01-01T00:00:00.000Z',
      '2019-12-31T23:59:59.999Z',
    ]);
    expect(iso(makeWindow(null, '2020-02', 0).endInclusiveMs)).toBe('2020-02-29T23:59:59.999Z');
    expect(iso(makeWindow(null, '2021-04-10', 0).endInclusiveMs)).toBe('2021-04-10T23:59:59.999Z');
  });

  it('counts the distance from the period: 0 inside it, whole days outside', () => {
    const w = makeWindow(null, '2019-06', 0);
    expect(distanceDays(Date.parse('2019-06-01T00:00:00Z'), w)).toBe(0);
    expect(distanceDays(Date.parse('2019-06-30T22:00:00Z'), w)).toBe(0);
    expect(distanceDays(Date.parse('2019-05-31T12:00:00Z'), w)).toBe(-1);
    expect(distanceDays(Date.parse('2019-07-01T01:00:00Z'), w)).toBe(1);
    expect(distanceDays(Date.parse('2019-07-03T01:00:00Z'), w)).toBe(3);
  });

  it('a publication date within the access period is no catalogue error', () => {
    // Published at noon and cited the same day; published in June, accessed "2019".
    expect(makeWindow('2021-04-10T12:00:00Z', '2021-04-10', 0).startMs).toBe(
      Date.parse('2021-04-10T12:00:00Z'),
    );
    expect(makeWindow('2019-06-15', '2019', 0).startMs).toBe(Date.parse('2019-06-15T00:00:00Z'));
    expect(makeWindow('2020-01-01', '2019', 0).startMs).toBeNull();
  });

  it('refuses dates that do not exist rather than rolling them over', () => {
    for (const bad of [
      '2021-02-30',
      '2021-13',
      '2021-00',
      '2021-04-31',
      '0099',
      '2021-04-10T24:00Z',
    ]) {
      expect(parseDate(bad), bad).toBeNull();
    }
    expect(iso(parseDate('2020-02-29')!.ms)).toBe('2020-02-29T00:00:00.000Z');
  });

  it('reads a date-time without a zone as UTC, whatever the machine time zone', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(iso(parseDate('2021-04-10T12:00')!.ms)).toBe('2021-04-10T12:00:00.000Z');
      expect(iso(parseDate('2021-04-10 12:00:30')!.ms)).toBe('2021-04-10T12:00:30.000Z');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    expect(iso(parseDate('2021-04-10T12:00:00+02:00')!.ms)).toBe('2021-04-10T10:00:00.000Z');
    expect(iso(parseDate('2021-04-10T12:00:00-0530')!.ms)).toBe('2021-04-10T17:30:00.000Z');
    expect(iso(parseDate('2021-04-10T12:00:00.250Z')!.ms)).toBe('2021-04-10T12:00:00.250Z');
  });
});

describe('the capture chosen for an access date given as a year', () => {
  it('is the latest of that year, not one from the year before', async () => {
    const finder = await fixture.finderOn({
      wayback: {
        [PAGE]: [{ ts: '20181215000000' }, { ts: '20190601000000' }, { ts: '20200301000000' }],
      },
    });
    const r = await finder.find({
      url: PAGE,
      windowEnd: '2019',
      windowStart: null,
      contentType: 'text/html',
    });
    expect(r.capture?.timestamp).toBe('2019-06-01T00:00:00.000Z');
    expect(r.capture?.distanceDays).toBe(0);
    const before = fixture.archive().seen.find((s) => s.url.searchParams.get('limit') === '-25');
    expect(before?.url.searchParams.get('to')).toBe('20191231235959');
  });
});
