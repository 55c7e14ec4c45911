import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveFinder } from '../../src/archive/index.js';
import { createTestJudge, type FakeArchive, startFakeArchive } from '../support/archives.js';
import { testOptions, UA } from './helpers.js';

/** Wikiwix answers whose `timestamp` is not the epoch in seconds it should be. */

const PAGE = 'http://example.fr/actualites/2021/article.html';
let archive: FakeArchive | null = null;
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await archive?.close();
  archive = null;
});

async function findWith(timestamp: unknown, datetime: unknown) {
  archive = await startFakeArchive({
    wikiwix: { [PAGE]: { ts: '20210410122000' } },
    wikiwixRaw: { [PAGE]: { timestamp, datetime } },
  });
  const finder = createArchiveFinder(testOptions(archive.base, { wayback: false, wikiwix: true }), {
    judge: createTestJudge(),
    userAgent: UA,
  });
  closers.push(() => finder.close());
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
