import { describe, expect, it } from 'vitest';
import type { FakeArchiveSetup } from '../support/archives.js';
import { archiveFixture, type testOptions } from './helpers.js';

/** "Only error captures" is said only when no capture and no archive was left unchecked. */

const PAGE = 'http://example.org/reports/annual-2020.html';
const fixture = archiveFixture();

async function find(setup: FakeArchiveSetup, over: Parameters<typeof testOptions>[1] = {}) {
  const finder = await fixture.finderOn(setup, over);
  return finder.find({
    url: PAGE,
    windowEnd: '2021-04-10',
    windowStart: null,
    contentType: 'text/html',
  });
}

describe('a miss with something left unchecked', () => {
  it('an archive not asked: its reason, not only-error-captures', async () => {
    // The Wayback Machine's captures are error pages; Wikiwix, which may hold the page, fails.
    const r = await find(
      {
        wayback: { [PAGE]: [{ ts: '20210301000000', title: 'Page not found' }] },
        wikiwix: { [PAGE]: { ts: '20210305000000' } },
        failing: ['/cache/'],
      },
      { wikiwix: true },
    );
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('archive-down');
    expect(r.message).toContain('the 1 capture checked is an error page');
  });

  it('the closest capture whose playback did not answer: archive-down', async () => {
    const r = await find({
      wayback: {
        [PAGE]: [{ ts: '20210101000000', title: 'Page not found' }, { ts: '20210301000000' }],
      },
      failing: ['/web/20210301000000id_/'],
    });
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('archive-down');
  });

  it('everything checked and refused: only-error-captures', async () => {
    const r = await find({
      wayback: {
        [PAGE]: [
          { ts: '20210101000000', title: 'Page not found' },
          { ts: '20210301000000', title: 'Page not found', digest: 'X' },
        ],
      },
    });
    expect(r.reason).toBe('only-error-captures');
  });
});
