/**
 * CDX answers as servers really write them: the text format of a server that ignores
 * `output=json` (with or without `fl`), resume keys, duplicated rows. Look-alikes: an HTML page
 * answered with a 200 is still an unreadable answer.
 */
import { describe, expect, it } from 'vitest';
import { cdxTextRows } from '../../src/archive/cdx-text.js';
import { createTestJudge } from '../support/archives.js';
import { archiveFixture } from './helpers.js';

const REPORT = 'http://example.org/reports/annual-2019.html';
const fixture = archiveFixture();
const req = { url: REPORT, windowEnd: '2021-04-10', windowStart: null, contentType: 'text/html' };
const history = [
  { ts: '20200101000000' },
  { ts: '20210301000000' },
  { ts: '20210402000000', status: 404 },
  { ts: '20210601000000' },
];

describe('a CDX server that answers text, not JSON', () => {
  for (const cdxText of ['fields', 'default'] as const) {
    it(`is read as the same rows (${cdxText === 'fields' ? 'fl honoured' : 'default fields'})`, async () => {
      const finder = await fixture.finderOn({ wayback: { [REPORT]: history }, cdxText });
      const r = await finder.find(req);
      // Was archive-down on every lookup: "not JSON".
      expect(r.reason).toBeNull();
      expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
    });
  }

  for (const cdxText of ['fields', undefined] as const) {
    it(`stops at the resume key (${cdxText ? 'text' : 'JSON'})`, async () => {
      const finder = await fixture.finderOn({
        wayback: { [REPORT]: history },
        cdxResumeKey: true,
        ...(cdxText ? { cdxText } : {}),
      });
      const r = await finder.find(req);
      expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
    });
  }

  it('says "no capture" for an empty text answer', async () => {
    const finder = await fixture.finderOn({ wayback: {}, cdxText: 'fields' });
    const r = await finder.find(req);
    expect(r.reason).toBe('no-capture');
  });
});

describe('duplicated CDX rows', () => {
  it('judge one capture once, whatever the rows repeat', async () => {
    const judge = createTestJudge();
    const finder = await fixture.finderOn(
      {
        wayback: {
          [REPORT]: [
            { ts: '20210301000000', title: 'Page not found' },
            { ts: '20210301000000', title: 'Page not found' },
            { ts: '20200101000000' },
          ],
        },
      },
      {},
      { judge },
    );
    const r = await finder.find(req);
    expect(r.capture?.timestamp).toBe('2020-01-01T00:00:00.000Z');
    expect(judge.calls.filter((c) => c.includes('/20210301000000'))).toHaveLength(1);
  });
});

describe('cdxTextRows (pure)', () => {
  it('maps the known layouts to the JSON shape', () => {
    expect(cdxTextRows('20210301000000 http://x/ text/html 200 ABC\n')).toEqual([
      ['timestamp', 'original', 'mimetype', 'statuscode', 'digest'],
      ['20210301000000', 'http://x/', 'text/html', '200', 'ABC'],
    ]);
    const eleven = 'x)/ 20210301000000 http://x/ text/html 200 ABC - - 900 12 f.warc.gz';
    expect(cdxTextRows(eleven)?.[1]?.[1]).toBe('20210301000000');
    expect(cdxTextRows('')).toEqual([]);
    expect(cdxTextRows('\n\n')).toEqual([]);
  });

  it('skips a malformed line (wrong field count, a timestamp out of place), not the answer', () => {
    const good = '20210301000000 http://x/ text/html 200 ABC';
    expect(cdxTextRows(`a b c d e\n${good}`)?.slice(1)).toEqual([good.split(' ')]);
    expect(cdxTextRows(`${good}\n20210301000000 http://x/ 200\n${good}`)).toHaveLength(3);
  });

  it('look-alikes: an HTML page, a sentence, mostly other lines are no CDX answer', () => {
    expect(cdxTextRows('<html><head><title>Error</title></head></html>')).toBeNull();
    expect(cdxTextRows('Service temporarily unavailable, try later')).toBeNull();
    expect(cdxTextRows('Service is down right now')).toBeNull();
    const page = ['<html>', '<body>', '20210301000000 http://x/ text/html 200 ABC', '</body>'];
    expect(cdxTextRows(page.join('\n'))).toBeNull();
  });
});
