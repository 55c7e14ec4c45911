import { describe, expect, it } from 'vitest';
import { archiveFixture } from './helpers.js';

const REPORT = 'http://example.org/reports/annual-2019.html';
const fixture = archiveFixture();

describe('the real capture judge (src/fetch + src/extract + src/classify)', () => {
  it('refuses soft-404 and redirect-to-home captures and accepts the real page', async () => {
    const judge = fixture.realJudge();
    const finder = await fixture.finderOn(
      {
        wayback: {
          [REPORT]: [
            { ts: '20210405000000', title: 'Page not found' },
            { ts: '20210320000000', redirectTo: 'http://example.org/' },
            { ts: '20201201000000', title: 'Annual report 2019' },
          ],
          'http://example.org/': [{ ts: '20210320000000', title: 'Example home' }],
        },
      },
      {},
      { judge },
    );
    const b = fixture.archive().base;
    expect(await judge(`${b}/web/20210405000000id_/${REPORT}`, REPORT)).toEqual({
      ok: false,
      reason: 'soft-404',
    });
    expect(await judge(`${b}/web/20210320000000id_/${REPORT}`, REPORT)).toEqual({
      ok: false,
      reason: 'redirect-to-home',
    });
    expect(await judge(`${b}/web/20201201000000id_/${REPORT}`, REPORT)).toEqual({
      ok: true,
      reason: null,
    });

    // In the finder, the soft-404 and the redirect are skipped for the real page.
    const r = await finder.find({
      url: REPORT,
      windowEnd: '2021-04-10',
      windowStart: null,
      contentType: 'text/html',
    });
    expect(r.capture?.timestamp).toBe('2020-12-01T00:00:00.000Z');
  });
});
