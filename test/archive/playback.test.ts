/**
 * Captures the archive lists but cannot play back (its own 404, or its redirect to another
 * capture): skipped for the next best, never counted as error pages, and said so when nothing
 * else is left. Captured error answers (with Memento-Datetime) stay error captures.
 */
import { describe, expect, it } from 'vitest';
import { playbackProblem } from '../../src/archive/judge.js';
import type { FetchOutcome } from '../../src/model/index.js';
import type { FakeCapture } from '../support/archives.js';
import { archiveFixture } from './helpers.js';

const REPORT = 'http://example.org/reports/annual-2019.html';
const fixture = archiveFixture();
const req = { url: REPORT, windowEnd: '2021-04-10', windowStart: null, contentType: 'text/html' };

describe('a Wayback playback that answers 404 (the record is gone or broken)', () => {
  it('is skipped for the next capture, even one with the same digest', async () => {
    const judge = fixture.realJudge();
    const finder = await fixture.finderOn(
      {
        wayback: {
          [REPORT]: [
            { ts: '20210405000000', gone: true, digest: 'SAMECONTENT' },
            { ts: '20210301000000', digest: 'SAMECONTENT' },
          ],
        },
      },
      {},
      { judge },
    );
    const r = await finder.find(req);
    expect(r.reason).toBeNull();
    expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
  });

  it('says no capture could be played back, not "only error captures", when none can', async () => {
    const judge = fixture.realJudge();
    const finder = await fixture.finderOn(
      {
        wayback: {
          [REPORT]: [
            { ts: '20210405000000', gone: true },
            { ts: '20210301000000', gone: true },
          ],
        },
      },
      {},
      { judge },
    );
    const r = await finder.find(req);
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('no-capture');
    expect(r.message).toContain('could not play back the 2 captures it listed');
    expect(r.message).toContain('404');
  });

  it("says archive-excluded when the playbacks name the site's exclusion", async () => {
    const judge = fixture.realJudge();
    const finder = await fixture.finderOn(
      { wayback: { [REPORT]: [{ ts: '20210405000000' }] }, excludedPlayback: [REPORT] },
      {},
      { judge },
    );
    const r = await finder.find(req);
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('archive-excluded');
  });

  it('look-alike: a captured 404 (it carries Memento-Datetime) is still an error capture', async () => {
    const judge = fixture.realJudge();
    const finder = await fixture.finderOn(
      { memento: { [REPORT]: [{ ts: '20210405000000', status: 404, title: 'Not Found' }] } },
      { wayback: false, memento: true },
      { judge },
    );
    const r = await finder.find(req);
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('only-error-captures');
  });
});

describe("a playback the archive redirects to another capture (the Wayback Machine's nearest)", () => {
  it('is not proposed under the listed date: the next capture is checked on its own', async () => {
    const judge = fixture.realJudge();
    const finder = await fixture.finderOn(
      {
        wayback: {
          [REPORT]: [
            // Listed, but played back as the capture of May (after the access date).
            { ts: '20210405000000', playbackMovedTo: '20210510000000' },
            { ts: '20210301000000' },
            { ts: '20210510000000' },
          ],
        },
      },
      {},
      { judge },
    );
    const r = await finder.find(req);
    // Proposed as of 5 April, the editor would have opened the capture of 10 May.
    expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
  });

  it('look-alike: a captured redirect to another page of the site is followed and accepted', async () => {
    const judge = fixture.realJudge();
    const moved = 'http://example.org/reports/annual-2019-final.html';
    const finder = await fixture.finderOn(
      {
        memento: {
          [REPORT]: [{ ts: '20210405000000', status: 302, redirectTo: moved }],
          [moved]: [{ ts: '20210405000000', title: 'Annual report 2019 (final)' }],
        },
      },
      { wayback: false, memento: true },
      { judge },
    );
    const r = await finder.find(req);
    expect(r.capture?.timestamp).toBe('2021-04-05T00:00:00.000Z');
  });
});

describe('a URL the archive holds only as captured redirects (Wayback CDX 3xx rows)', () => {
  const DOC = 'http://example.org/doc?id=5';
  const PDF = 'http://example.org/files/report-5.pdf';
  const find = async (captures: FakeCapture[], extra: Record<string, FakeCapture[]> = {}) => {
    const judge = fixture.realJudge();
    const finder = await fixture.finderOn(
      { wayback: { [DOC]: captures, ...extra } },
      {},
      { judge },
    );
    return finder.find({ ...req, url: DOC, contentType: null });
  };

  it('proposes the closest redirect whose chain leads to the document', async () => {
    // The link always answered a 302 to its PDF; the site is gone now.
    const r = await find(
      [
        { ts: '20190101000000', status: 302, redirectTo: PDF },
        { ts: '20210301000000', status: 302, redirectTo: PDF },
      ],
      {
        [PDF]: [
          { ts: '20190101000000', mimetype: 'application/pdf', title: 'Report 5' },
          { ts: '20210301000000', mimetype: 'application/pdf', title: 'Report 5' },
        ],
      },
    );
    // Was only-error-captures ("only error answers or redirects were archived").
    expect(r.reason).toBeNull();
    expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
    expect(r.capture?.url).toContain('/web/20210301000000/http://example.org/doc?id=5');
  });

  it('look-alike: a redirect history to the home page stays only-error-captures', async () => {
    const r = await find(
      [
        { ts: '20210301000000', status: 301, redirectTo: 'http://example.org/' },
        { ts: '20210302000000', status: 302, redirectTo: 'http://example.org/' },
      ],
      { 'http://example.org/': [{ ts: '20210301000000' }, { ts: '20210302000000' }] },
    );
    expect(r.capture).toBeNull();
    expect(r.reason).toBe('only-error-captures');
  });

  it('look-alike: error captures (404, 500) are never fetched, and say only-error-captures', async () => {
    const judge = fixture.realJudge();
    const finder = await fixture.finderOn(
      {
        wayback: {
          [DOC]: [
            { ts: '20210301000000', status: 404 },
            { ts: '20210302000000', status: 500 },
          ],
        },
      },
      {},
      { judge },
    );
    const r = await finder.find({ ...req, url: DOC, contentType: null });
    expect(r.reason).toBe('only-error-captures');
    expect(fixture.archive().count('/web/')).toBe(0);
  });
});

describe('playbackProblem (pure)', () => {
  const base = 'https://web.archive.org/web';
  const outcome = (hops: FetchOutcome['hops'], status: number, headers = {}): FetchOutcome => ({
    requestedUrl: hops[0]?.url ?? `${base}/20210405000000id_/${REPORT}`,
    hops,
    response: {
      url: 'x',
      status,
      headers,
      body: new Uint8Array(0),
      bodyTruncated: false,
    },
    error: null,
    attempts: 1,
  });
  const hop = (from: string, to: string) => ({ url: from, status: 302, location: to });

  it("reads a first hop to the same URL's other timestamp as the archive's move (scheme, www aside)", () => {
    const from = `${base}/20210405000000id_/http://example.org/a`;
    for (const to of [
      `${base}/20210510000000id_/http://example.org/a`,
      `${base}/20210510000000id_/https://www.example.org/a`,
      `${base}/20210510000000id_/https:/example.org/a`,
    ]) {
      expect(playbackProblem(outcome([hop(from, to)], 200))).toBe('playback-moved');
    }
  });

  it('leaves captured redirects alone: same timestamp, or another URL', () => {
    const from = `${base}/20210405000000id_/http://example.org/a`;
    for (const to of [
      `${base}/20210405000000id_/https://example.org/a`,
      `${base}/20210510000000id_/http://example.org/b`,
      'https://archive.example/AbCd1',
    ]) {
      expect(playbackProblem(outcome([hop(from, to)], 200))).toBeNull();
    }
  });

  it("reads a 4xx without Memento-Datetime as the archive's, with it as the capture's", () => {
    expect(playbackProblem(outcome([], 404))).toBe('playback-http-404');
    expect(playbackProblem(outcome([], 403))).toBe('playback-http-403');
    expect(playbackProblem(outcome([], 404, { 'memento-datetime': 'x' }))).toBeNull();
    // Throttling and outages are the queue's business (retried, or archive-down).
    expect(playbackProblem(outcome([], 429))).toBeNull();
    expect(playbackProblem(outcome([], 503))).toBeNull();
    expect(playbackProblem(outcome([], 200))).toBeNull();
  });
});
