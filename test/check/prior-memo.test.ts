import { describe, expect, it } from 'vitest';
import { PriorMemo } from '../../src/check/prior-memo.js';
import type { LinkState } from '../../src/model/index.js';

const state = (url: string): LinkState => ({
  url,
  lastStatus: 'ok',
  lastReason: null,
  lastCheckedAt: '2026-11-24T06:00:00.000Z',
  firstFailureAt: null,
  consecutiveFailures: 0,
  lastSuccessAt: '2026-11-24T06:00:00.000Z',
});

describe('PriorMemo', () => {
  it('gives what it holds once, a new link (no state) included, and names the rest', () => {
    const memo = new PriorMemo();
    memo.remember('http://a.test/', state('http://a.test/'));
    memo.remember('http://new.test/', undefined);
    const first = memo.take(['http://a.test/', 'http://new.test/', 'http://other.test/']);
    expect([...first.found.keys()]).toEqual(['http://a.test/']);
    // The new link is answered (nothing to read), the unknown one is not.
    expect(first.missing).toEqual(['http://other.test/']);
    const again = memo.take(['http://a.test/', 'http://new.test/']);
    expect(again.found.size).toBe(0);
    expect(again.missing).toEqual(['http://a.test/', 'http://new.test/']);
  });

  it('holds at most its size, pushing out the oldest', () => {
    const memo = new PriorMemo(2);
    for (const u of ['http://a.test/', 'http://b.test/', 'http://c.test/'])
      memo.remember(u, state(u));
    expect(memo.size).toBe(2);
    const { found, missing } = memo.take(['http://a.test/', 'http://b.test/', 'http://c.test/']);
    expect(missing).toEqual(['http://a.test/']);
    expect([...found.keys()]).toEqual(['http://b.test/', 'http://c.test/']);
  });

  it('keeps nothing with a size of 0', () => {
    const memo = new PriorMemo(0);
    memo.remember('http://a.test/', state('http://a.test/'));
    expect(memo.take(['http://a.test/']).missing).toEqual(['http://a.test/']);
  });
});
