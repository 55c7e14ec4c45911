import { describe, expect, it } from 'vitest';
import { decideNotify, isoWeek, subjectFor } from '../../src/delivery/notify.js';
import { link, makeReport } from '../worker/support.js';

const quiet = makeReport([link('https://example.org/a', 'ok')]);
const oldFailure = makeReport([link('https://example.org/b', 'dead', { newFailure: false })]);
const newFailure = makeReport([link('https://example.org/b', 'dead', { newFailure: true })]);
const fixed = makeReport([link('https://example.org/b', 'ok')], {
  fixed: [
    {
      url: 'https://example.org/b',
      previousStatus: 'dead',
      previousReason: 'http-404',
      status: 'ok',
      entries: [],
    },
  ],
});

describe('notify policy', () => {
  it('always sends with "always"', () => {
    expect(decideNotify('always', quiet, 0).send).toBe(true);
  });
  it('"changes" sends for a new failure or a fix, not for the same old failures', () => {
    expect(decideNotify('changes', quiet, 0).send).toBe(false);
    expect(decideNotify('changes', oldFailure, 1).send).toBe(false);
    expect(decideNotify('changes', newFailure, 1).send).toBe(true);
    expect(decideNotify('changes', fixed, 0).send).toBe(true);
  });
  it('"failures" sends whenever a link is failing', () => {
    expect(decideNotify('failures', quiet, 0).send).toBe(false);
    expect(decideNotify('failures', fixed, 0).send).toBe(false);
    expect(decideNotify('failures', oldFailure, 1).send).toBe(true);
    expect(decideNotify('failures', quiet, 1).send).toBe(true);
  });
});

describe('isoWeek and subject', () => {
  it('numbers weeks the ISO way, year boundaries included', () => {
    expect(isoWeek(new Date('2026-11-28T12:00:00Z'))).toBe('2026-W48');
    expect(isoWeek(new Date('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    expect(isoWeek(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
  });
  it('says how many are dead, new and fixed, and whether the run was cut short', () => {
    expect(subjectFor(newFailure, '[rotwatch]')).toBe(
      '[rotwatch] Link report 2026-W48: 1 dead, 1 new, 0 fixed',
    );
    const partial = makeReport([], { complete: false });
    expect(subjectFor(partial, '')).toMatch(/^Link report 2026-W48: .*\(incomplete\)$/);
  });
});
