import { describe, expect, it } from 'vitest';
import type { Classification, LinkState } from '../../src/model/index.js';
import { applyHistory, type HistoryPolicy, nextLinkState } from '../../src/state/index.js';

const URL_ = 'https://www.example.org/report.pdf';
const policy: HistoryPolicy = { minRuns: 3, minDays: 14 };

const ok: Classification = {
  status: 'ok',
  reason: null,
  message: 'The server answered 200: the document is there.',
};
const timeout: Classification = {
  status: 'error',
  reason: 'timeout',
  message: 'The server did not answer in time.',
};
const http503: Classification = {
  status: 'error',
  reason: 'http-503',
  message: 'The server answered 503.',
};
const http404: Classification = {
  status: 'dead',
  reason: 'http-404',
  message: 'The server answered 404 Not Found.',
};
const nxdomain: Classification = {
  status: 'dead',
  reason: 'dns-nxdomain',
  message: 'The host name does not exist.',
};
const blocked: Classification = { status: 'blocked', reason: 'http-403', message: 'Forbidden.' };
const skipped: Classification = { status: 'skipped', reason: 'robots', message: 'Not checked.' };
const http400: Classification = { status: 'error', reason: 'http-400', message: 'Bad request.' };
const netDown: Classification = {
  status: 'error',
  reason: 'network-down',
  message: 'Our network was down.',
};

/** Runs a sequence of (classification, date) through applyHistory + nextLinkState. */
function simulate(steps: [Classification, string][], start?: LinkState) {
  let state = start;
  const out: ReturnType<typeof applyHistory>[] = [];
  for (const [c, at] of steps) {
    const now = new Date(`${at}T06:00:00.000Z`);
    const r = applyHistory(c, state, now, policy);
    out.push(r);
    state = nextLinkState(state, {
      url: URL_,
      classification: r.classification,
      checkedAt: now.toISOString(),
    });
  }
  return { results: out, state: state! };
}

describe('hysteresis', () => {
  it('3 failing runs over 14 days: dead persistent-error', () => {
    const { results, state } = simulate([
      [timeout, '2026-11-01'],
      [timeout, '2026-11-08'],
      [http503, '2026-11-15'],
    ]);
    expect(results.map((r) => r.classification.status)).toEqual(['error', 'error', 'dead']);
    expect(results[2]!.classification.reason).toBe('persistent-error');
    expect(results[2]!.classification.message).toContain('3 consecutive runs since 2026-11-01');
    expect(results[2]!.consecutiveFailures).toBe(3);
    expect(results[2]!.failingSince).toBe('2026-11-01T06:00:00.000Z');
    expect(results.map((r) => r.newFailure)).toEqual([true, false, false]);
    expect(state.firstFailureAt).toBe('2026-11-01T06:00:00.000Z');
    expect(state.lastStatus).toBe('dead');
  });

  it('3 failing runs within 2 days: still error, with the count', () => {
    const { results } = simulate([
      [timeout, '2026-11-01'],
      [timeout, '2026-11-02'],
      [timeout, '2026-11-03'],
    ]);
    expect(results.map((r) => r.classification.status)).toEqual(['error', 'error', 'error']);
    expect(results[2]!.classification.reason).toBe('timeout');
    expect(results[2]!.classification.message).toBe(
      'The server did not answer in time. Failed in 3 consecutive runs since 2026-11-01; called dead after 3 runs over 14 days.',
    );
    expect(results[0]!.classification.message).toContain('First failure');
  });

  it('2 failing runs over 30 days: still error (too few runs)', () => {
    const { results } = simulate([
      [timeout, '2026-10-01'],
      [timeout, '2026-10-31'],
    ]);
    expect(results[1]!.classification.status).toBe('error');
  });

  it('a success resets the streak', () => {
    const { results, state } = simulate([
      [timeout, '2026-11-01'],
      [timeout, '2026-11-08'],
      [ok, '2026-11-15'],
      [timeout, '2026-11-22'],
      [timeout, '2026-11-29'],
    ]);
    expect(results[2]!).toMatchObject({
      consecutiveFailures: 0,
      failingSince: null,
      newFailure: false,
    });
    expect(results[3]!).toMatchObject({ consecutiveFailures: 1, newFailure: true });
    expect(results[4]!.classification.status).toBe('error');
    expect(state.lastSuccessAt).toBe('2026-11-15T06:00:00.000Z');
    expect(state.firstFailureAt).toBe('2026-11-22T06:00:00.000Z');
  });

  it('404 is dead at once and new', () => {
    const { results } = simulate([
      [ok, '2026-11-01'],
      [http404, '2026-11-08'],
      [http404, '2026-11-15'],
    ]);
    expect(results[1]).toMatchObject({
      classification: http404,
      newFailure: true,
      consecutiveFailures: 1,
    });
    expect(results[2]).toMatchObject({
      classification: http404,
      newFailure: false,
      consecutiveFailures: 2,
    });
  });

  it('dns-nxdomain goes through the same hysteresis and keeps its reason', () => {
    const { results } = simulate([
      [nxdomain, '2026-11-01'],
      [nxdomain, '2026-11-08'],
      [nxdomain, '2026-11-15'],
    ]);
    expect(results.map((r) => [r.classification.status, r.classification.reason])).toEqual([
      ['error', 'dns-nxdomain'],
      ['error', 'dns-nxdomain'],
      ['dead', 'dns-nxdomain'],
    ]);
  });

  it('transient then 404: dead at once, streak continues', () => {
    const { results } = simulate([
      [timeout, '2026-11-01'],
      [http404, '2026-11-02'],
    ]);
    expect(results[1]).toMatchObject({
      classification: http404,
      consecutiveFailures: 2,
      newFailure: false,
    });
  });

  it('blocked and skipped neither count nor reset', () => {
    const { results } = simulate([
      [timeout, '2026-11-01'],
      [blocked, '2026-11-08'],
      [skipped, '2026-11-10'],
      [timeout, '2026-11-15'],
      [timeout, '2026-11-22'],
    ]);
    expect(results[1]).toMatchObject({
      classification: blocked,
      consecutiveFailures: 1,
      newFailure: false,
    });
    expect(results[2]).toMatchObject({ classification: skipped, consecutiveFailures: 1 });
    expect(results[3]!.consecutiveFailures).toBe(2);
    expect(results[4]).toMatchObject({ consecutiveFailures: 3 });
    expect(results[4]!.classification).toMatchObject({
      status: 'dead',
      reason: 'persistent-error',
    });
  });

  it('a run with our network down leaves the streak alone', () => {
    const { results } = simulate([
      [timeout, '2026-11-01'],
      [netDown, '2026-11-08'],
      [timeout, '2026-11-15'],
    ]);
    expect(results[1]).toMatchObject({
      consecutiveFailures: 1,
      newFailure: false,
      classification: netDown,
    });
    expect(results[2]!.consecutiveFailures).toBe(2);
    expect(results[2]!.classification.status).toBe('error');
  });

  it('a failure after blocked is new (the previous run did not see it failing)', () => {
    const { results } = simulate([
      [blocked, '2026-11-01'],
      [http404, '2026-11-08'],
    ]);
    expect(results[1]!.newFailure).toBe(true);
  });

  it('first sight of a failing link is new, blocked included; seen again it is not', () => {
    for (const c of [blocked, timeout, http404]) {
      const { results } = simulate([
        [c, '2026-11-01'],
        [c, '2026-11-08'],
      ]);
      expect(results.map((r) => r.newFailure)).toEqual([true, false]);
    }
  });

  it('blocked after an ok look is new, blocked again is not, dead after blocked is', () => {
    const { results } = simulate([
      [ok, '2026-11-01'],
      [blocked, '2026-11-08'],
      [blocked, '2026-11-15'],
      [http404, '2026-11-22'],
    ]);
    expect(results.map((r) => r.newFailure)).toEqual([false, true, false, true]);
  });

  it('4xx quirks count as failures but are never promoted', () => {
    const { results } = simulate([
      [http400, '2026-10-01'],
      [http400, '2026-10-15'],
      [http400, '2026-11-01'],
      [http400, '2026-11-15'],
    ]);
    expect(results[3]).toMatchObject({ classification: http400, consecutiveFailures: 4 });
  });

  it('policy is honoured', () => {
    const r = applyHistory(timeout, undefined, new Date('2026-11-01T00:00:00Z'), {
      minRuns: 1,
      minDays: 0,
    });
    expect(r.classification).toMatchObject({ status: 'dead', reason: 'persistent-error' });
  });
});

describe('nextLinkState', () => {
  it('records validators and title from healthy answers only', () => {
    const first = nextLinkState(undefined, {
      url: URL_,
      classification: ok,
      checkedAt: '2026-11-01T06:00:00.000Z',
      etag: '"v1"',
      lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT',
      title: 'Annual report',
    });
    expect(first).toEqual({
      url: URL_,
      lastStatus: 'ok',
      lastReason: null,
      lastCheckedAt: '2026-11-01T06:00:00.000Z',
      firstFailureAt: null,
      consecutiveFailures: 0,
      lastSuccessAt: '2026-11-01T06:00:00.000Z',
      etag: '"v1"',
      lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT',
      lastTitle: 'Annual report',
    });
    const second = nextLinkState(first, {
      url: URL_,
      classification: http404,
      checkedAt: '2026-11-08T06:00:00.000Z',
      etag: '"error-page"',
      title: '404 Not Found',
    });
    expect(second).toMatchObject({
      lastStatus: 'dead',
      lastReason: 'http-404',
      firstFailureAt: '2026-11-08T06:00:00.000Z',
      consecutiveFailures: 1,
      lastSuccessAt: '2026-11-01T06:00:00.000Z',
      etag: '"v1"',
      lastTitle: 'Annual report',
    });
  });

  it('a 304 without new validators keeps the old ones', () => {
    const prior = nextLinkState(undefined, {
      url: URL_,
      classification: ok,
      checkedAt: '2026-11-01T06:00:00.000Z',
      etag: '"v1"',
    });
    const next = nextLinkState(prior, {
      url: URL_,
      classification: ok,
      checkedAt: '2026-11-08T06:00:00.000Z',
    });
    expect(next.etag).toBe('"v1"');
    expect(next.lastCheckedAt).toBe('2026-11-08T06:00:00.000Z');
  });
});

describe('the last conclusive verdict survives runs that could not look', () => {
  it('dead, blocked, dead again: the second 404 is not "new this week"', () => {
    const { results, state } = simulate([
      [http404, '2026-11-01'],
      [blocked, '2026-11-08'],
      [http404, '2026-11-15'],
    ]);
    expect(results[0]!.newFailure).toBe(true);
    expect(results[2]!.newFailure).toBe(false);
    expect(results[2]!.consecutiveFailures).toBe(2);
    expect(state).toMatchObject({ lastStatus: 'dead', lastReason: 'http-404' });
  });

  it('a blocked or skipped run keeps lastStatus, so "fixed" and conditional requests still see it', () => {
    const afterBlocked = simulate([
      [http404, '2026-11-01'],
      [blocked, '2026-11-08'],
    ]).state;
    expect(afterBlocked).toMatchObject({
      lastStatus: 'dead',
      lastReason: 'http-404',
      lastCheckedAt: '2026-11-08T06:00:00.000Z',
    });
    const afterSkipped = simulate([
      [ok, '2026-11-01'],
      [skipped, '2026-11-08'],
    ]).state;
    expect(afterSkipped).toMatchObject({ lastStatus: 'ok', lastReason: null });
    const interrupted: Classification = {
      status: 'error',
      reason: 'interrupted',
      message: 'Stopped.',
    };
    const afterInterrupt = simulate([
      [ok, '2026-11-01'],
      [interrupted, '2026-11-08'],
      [http404, '2026-11-15'],
    ]);
    expect(afterInterrupt.results[2]!.newFailure).toBe(true);
  });

  it('with no prior verdict, a blocked look is all there is', () => {
    expect(simulate([[blocked, '2026-11-01']]).state).toMatchObject({
      lastStatus: 'blocked',
      lastReason: 'http-403',
    });
  });
});

describe('hysteresis counts calendar days', () => {
  it('a weekly job that reaches the URL a few minutes earlier on week 3 still proves it dead', () => {
    let state: LinkState | undefined;
    const times = [
      '2026-11-02T06:12:00.000Z',
      '2026-11-09T06:07:00.000Z',
      '2026-11-16T06:03:00.000Z',
    ];
    let last: ReturnType<typeof applyHistory> | undefined;
    for (const at of times) {
      last = applyHistory(timeout, state, new Date(at), policy);
      state = nextLinkState(state, {
        url: URL_,
        classification: last.classification,
        checkedAt: at,
      });
    }
    expect(last!.consecutiveFailures).toBe(3);
    expect(last!.classification).toMatchObject({ status: 'dead', reason: 'persistent-error' });
  });

  it('13 calendar days are still not 14', () => {
    let state: LinkState | undefined;
    let last: ReturnType<typeof applyHistory> | undefined;
    for (const at of [
      '2026-11-02T00:01:00.000Z',
      '2026-11-08T12:00:00.000Z',
      '2026-11-15T23:59:00.000Z',
    ]) {
      last = applyHistory(timeout, state, new Date(at), policy);
      state = nextLinkState(state, {
        url: URL_,
        classification: last.classification,
        checkedAt: at,
      });
    }
    expect(last!.classification.status).toBe('error');
  });
});
