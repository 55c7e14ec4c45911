import { describe, expect, it } from 'vitest';
import { dispositionOf } from '../../src/check/publish.js';

describe('dispositionOf', () => {
  it('publishes and records a complete run of every input', () => {
    expect(dispositionOf({ complete: true, unreadInputs: 0, subset: false })).toEqual({
      reports: 'latest',
      recordLinks: true,
      recordRun: true,
      forgetUnseen: true,
      failed: false,
    });
  });

  it('never publishes nor records a run with an unread input, interrupted or not', () => {
    for (const complete of [true, false]) {
      for (const subset of [true, false]) {
        const d = dispositionOf({ complete, unreadInputs: 1, subset });
        expect(d).toEqual({
          reports: 'failed',
          recordLinks: false,
          recordRun: false,
          forgetUnseen: false,
          failed: true,
        });
      }
    }
  });

  it('keeps latest.* from an interrupted run, records what it saw, forgets nothing', () => {
    const d = dispositionOf({ complete: false, unreadInputs: 0, subset: false });
    expect(d.reports).toBe('partial');
    expect(d.recordLinks).toBe(true);
    expect(d.forgetUnseen).toBe(false);
    expect(d.failed).toBe(false);
  });

  it('a subset run updates its links but is no run of the catalogue', () => {
    const d = dispositionOf({ complete: true, unreadInputs: 0, subset: true });
    expect(d).toMatchObject({ reports: 'latest', recordLinks: true, recordRun: false });
    expect(d.forgetUnseen).toBe(false);
  });
});
