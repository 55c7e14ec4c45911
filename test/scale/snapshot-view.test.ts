import { describe, expect, it } from 'vitest';
import type { ReportLink, RunSummaryRecord, Target } from '../../src/model/index.js';
import {
  emptyTally,
  snapshotFixed,
  snapshotHead,
  snapshotLink,
  snapshotSince,
  tally,
} from '../../src/scale/snapshot-view.js';

const now = new Date('2026-12-07T05:00:00.000Z');

function record(finishedAt: string): RunSummaryRecord {
  return {
    id: `r-${finishedAt}`,
    startedAt: finishedAt,
    finishedAt,
    complete: true,
    network: 'ok',
    summary: { total: 0, ok: 0, redirected: 0, dead: 0, error: 0, blocked: 0, skipped: 0 },
  };
}

function link(over: Partial<ReportLink>): ReportLink {
  return {
    url: 'https://a.example.org/x',
    status: 'dead',
    reason: 'http-404',
    message: 'gone',
    httpStatus: 404,
    finalUrl: null,
    redirects: [],
    title: null,
    contentType: null,
    checkedAt: '2026-12-05T00:00:00.000Z',
    attempts: 1,
    archive: null,
    archiveReason: null,
    entries: [{ id: 'old', file: 'old.yaml', line: 1, title: 'Old' }],
    failingSince: '2026-12-05T00:00:00.000Z',
    consecutiveFailures: 1,
    newFailure: true,
    suggestedUrl: null,
    meta: { canonical: null, lang: null, contentLength: null, lastModified: null, pdfPages: null },
    drift: null,
    ...over,
  };
}

const target: Target = {
  url: 'https://a.example.org/x',
  citations: [{ id: 'e1', file: 'cat.yaml', line: 7, title: 'Now' }] as Target['citations'],
};

describe('snapshotSince', () => {
  it('starts at the newest recorded report, else one period back', () => {
    expect(snapshotSince([record('2026-11-30T05:00:00.000Z')], now, 7)).toBe(
      '2026-11-30T05:00:00.000Z',
    );
    expect(snapshotSince([], now, 7)).toBe('2026-11-30T05:00:00.000Z');
    // A record from the future (a clock gone wrong) is no start.
    expect(snapshotSince([record('2027-01-01T00:00:00.000Z')], now, 3)).toBe(
      '2026-12-04T05:00:00.000Z',
    );
  });
});

describe('snapshotLink', () => {
  it('cites as the catalogue does today and carries the newness it is given', () => {
    // The stored link says new (its check found the failure); the snapshot's rule decides.
    const fresh = snapshotLink(link({}), target, true);
    expect(fresh.entries).toEqual([{ id: 'e1', file: 'cat.yaml', line: 7, title: 'Now' }]);
    expect(fresh.newFailure).toBe(true);
    const old = snapshotLink(link({}), undefined, false);
    expect(old.newFailure).toBe(false);
    expect(old.entries[0]?.id).toBe('old');
    // A later check that found it failing still: not new by itself, new to this report.
    expect(snapshotLink(link({ newFailure: false }), target, true).newFailure).toBe(true);
  });

  it('keeps a fixed link only when its fix is new', () => {
    const fixed = {
      url: target.url,
      previousStatus: 'dead' as const,
      previousReason: 'http-404' as const,
      status: 'ok' as const,
      entries: [],
    };
    expect(snapshotFixed(fixed, target, true)?.entries).toHaveLength(1);
    expect(snapshotFixed(fixed, undefined, true)?.entries).toEqual([]);
    expect(snapshotFixed(fixed, target, false)).toBeNull();
  });
});

describe('snapshotHead', () => {
  it('counts the listed links, names the never checked ones and is complete only without them', () => {
    const t = emptyTally();
    tally(t, {
      url: 'https://A.example.org/1',
      status: 'ok',
      unchecked: false,
      drifted: true,
      checkedAt: '2026-12-02T00:00:00.000Z',
    });
    tally(t, {
      url: 'https://a.example.org/2',
      status: 'error',
      unchecked: true,
      drifted: false,
      checkedAt: '2026-12-01T00:00:00.000Z',
    });
    tally(t, {
      url: 'http://b.example.org:8080/',
      status: 'dead',
      unchecked: false,
      drifted: false,
      checkedAt: null,
    });
    const base = {
      tally: t,
      fixed: [],
      history: [],
      catalogues: ['cat.yaml'],
      now,
      idTail: '0a1b2c3d',
      since: '2026-11-30T05:00:00.000Z',
      toolVersion: '9.9.9',
    };
    const head = snapshotHead({ ...base, catalogueSize: 5 });
    expect(head.summary).toMatchObject({
      total: 3,
      ok: 1,
      error: 1,
      dead: 1,
      notChecked: 1,
      drifted: 1,
    });
    expect(head.run.complete).toBe(false);
    expect(head.run.network.hostsChecked).toBe(2);
    expect(head.snapshot).toEqual({
      takenAt: now.toISOString(),
      since: base.since,
      neverChecked: 2,
      oldestCheckAt: '2026-12-01T00:00:00.000Z',
    });
    expect(head.run.id).toBe('snapshot-2026-12-07T05-00-00-000Z-0a1b2c3d');
    // Two snapshots of the same millisecond: their ids differ by the tail alone.
    const twin = snapshotHead({ ...base, catalogueSize: 5, idTail: 'ffee0011' });
    expect(twin.run.startedAt).toBe(head.run.startedAt);
    expect(twin.run.id).not.toBe(head.run.id);
    expect(snapshotHead({ ...base, catalogueSize: null }).run.complete).toBe(true);
  });
});
