import { describe, expect, it } from 'vitest';
import { archiveFixture } from './helpers.js';

/** Wikiwix answers whose `timestamp` is not the epoch in seconds it should be. */

const PAGE = 'http://example.fr/actualites/2021/article.html';
const { finderOn } = archiveFixture();

async function findWith(timestamp: unknown, datetime: unknown) {
  const finder = await finderOn(
    {
      wikiwix: { [PAGE]: { ts: '20210410122000' } },
      wikiwixRaw: { [PAGE]: { timestamp, datetime } },
    },
    { wayback: false, wikiwix: true },
  );
  return finder.find({
    url: PAGE,
    windowEnd: '2021-04-20',
    windowStart: null,
    contentType: 'text/html',
  });
}

describe('a Wikiwix timestamp that is no epoch in seconds', () => {
  it('in milliseconds: the Paris datetime is read instead', async () => {
    // 12:20 in Paris on 10 April 2021 is 10:20 UTC (summer time, UTC+2).
    const r = await findWith(Date.parse('2021-04-10T10:20:00Z'), '20210410122000');
    expect(r.capture?.timestamp).toBe('2021-04-10T10:20:00.000Z');
    expect(r.capture?.distanceDays).toBe(-10);
  });

  it('written as YYYYMMDDhhmmss: the Paris datetime is read, the lookup does not fail', async () => {
    const r = await findWith('20210410122000', '20210410122000');
    expect(r.reason).toBeNull();
    expect(r.capture?.timestamp).toBe('2021-04-10T10:20:00.000Z');
  });

  it('zero or negative, without a datetime: no capture rather than a made-up date', async () => {
    const r = await findWith(-1, undefined);
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('no-capture');
  });
});
