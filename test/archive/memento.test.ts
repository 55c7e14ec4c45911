import { describe, expect, it } from 'vitest';
import { createTestJudge } from '../support/archives.js';
import { archiveFixture } from './helpers.js';

const PAGE = 'http://example.org/reports/2021.html';
const fixture = archiveFixture();

describe('a TimeMap whose memento URIs are relative (RFC 6690: against the TimeMap URL)', () => {
  it('proposes the memento at its absolute URL, checked through it', async () => {
    const judge = createTestJudge();
    const finder = await fixture.finderOn(
      {
        memento: { [PAGE]: [{ ts: '20210301000000' }, { ts: '20210601000000' }] },
        relativeMementos: true,
      },
      { wayback: false, memento: true },
      { judge },
    );
    const base = fixture.archive().base;
    const r = await finder.find({
      url: PAGE,
      windowEnd: '2021-04-10',
      windowStart: null,
      contentType: 'text/html',
    });
    expect(r.capture).toMatchObject({
      url: `${base}/memento/20210301000000/${PAGE}`,
      source: 'memento',
    });
    expect(judge.calls).toEqual([`${base}/memento/20210301000000/${PAGE}`]);
  });
});
