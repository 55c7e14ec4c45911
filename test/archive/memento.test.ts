import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveFinder } from '../../src/archive/index.js';
import { createTestJudge, type FakeArchive, startFakeArchive } from '../support/archives.js';
import { testOptions, UA } from './helpers.js';

const PAGE = 'http://example.org/reports/2021.html';
let archive: FakeArchive | null = null;
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await archive?.close();
  archive = null;
});

describe('a TimeMap whose memento URIs are relative (RFC 6690: against the TimeMap URL)', () => {
  it('proposes the memento at its absolute URL, checked through it', async () => {
    archive = await startFakeArchive({
      memento: { [PAGE]: [{ ts: '20210301000000' }, { ts: '20210601000000' }] },
      relativeMementos: true,
    });
    const judge = createTestJudge();
    const finder = createArchiveFinder(
      testOptions(archive.base, { wayback: false, memento: true }),
      {
        judge,
        userAgent: UA,
      },
    );
    closers.push(() => finder.close());
    const r = await finder.find({
      url: PAGE,
      windowEnd: '2021-04-10',
      windowStart: null,
      contentType: 'text/html',
    });
    expect(r.capture).toMatchObject({
      url: `${archive.base}/memento/20210301000000/${PAGE}`,
      source: 'memento',
    });
    expect(judge.calls).toEqual([`${archive.base}/memento/20210301000000/${PAGE}`]);
  });
});
