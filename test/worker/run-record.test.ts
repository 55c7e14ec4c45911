import { describe, expect, it } from 'vitest';
import { describeHealth } from '../../src/worker/health.js';
import {
  isDeliverable,
  newRunRecord,
  settlePrior,
  withError,
  withResult,
} from '../../src/worker/run-record.js';
import type { WorkerStatus } from '../../src/worker/status.js';
import { link, makeReport } from './support.js';

const start = newRunRecord('scheduled', new Date('2026-11-23T05:00:00Z'), 42);

describe('run records', () => {
  it('a check that could not start is a usage error carrying its problems, never delivered', () => {
    const r = withResult(
      start,
      { report: null, exitCode: 2, written: [], problems: ['rotwatch.config.yaml:3: bad'] },
      false,
    );
    expect(r).toMatchObject({
      outcome: 'usage-error',
      exitCode: 2,
      error: 'rotwatch.config.yaml:3: bad',
    });
    expect(isDeliverable(r)).toBe(false);
  });

  it('a report from an aborted run is interrupted even if it claims to be complete', () => {
    const report = makeReport([link('https://example.org/a', 'ok')]);
    const r = withResult(start, { report, exitCode: 0, written: [] }, true);
    expect(r).toMatchObject({ outcome: 'interrupted', complete: false, runId: report.run.id });
    expect(isDeliverable(r)).toBe(false);
  });

  it('a run stopped before it had a report is interrupted, not an error', () => {
    const r = withResult(start, { report: null, exitCode: 0, written: [], problems: [] }, true);
    expect(r).toMatchObject({ outcome: 'interrupted', runId: null });
    expect(r.error).toContain('stopped');
    expect(isDeliverable(r)).toBe(false);
    // Not stopped: the check failed to produce one.
    const failed = withResult(start, { report: null, exitCode: 0, written: [] }, false);
    expect(failed.outcome).toBe('error');
  });

  it('counts new failures and fixes, maps exit codes to outcomes', () => {
    const report = makeReport([link('https://example.org/a', 'dead', { newFailure: true })]);
    const r = withResult(start, { report, exitCode: 1, written: [] }, false);
    expect(r).toMatchObject({
      outcome: 'failures',
      newFailures: 1,
      fixed: 0,
      summary: { dead: 1 },
    });
    expect(isDeliverable(r)).toBe(true);
    expect(withResult(start, { report, exitCode: 3, written: [] }, false).outcome).toBe(
      'inconclusive',
    );
    expect(withError(start, new Error('boom'))).toMatchObject({ outcome: 'error', error: 'boom' });
  });

  it('a tick whose snapshot another worker took is neither an error nor delivered', () => {
    const r = withResult(
      start,
      { report: null, exitCode: 0, written: [], problems: [], takenElsewhere: true },
      false,
    );
    expect(r).toMatchObject({ outcome: 'taken-elsewhere', exitCode: 0, error: null, runId: null });
    expect(isDeliverable(r)).toBe(false);
    const status = {
      schedule: { cron: '0 6 * * 1', timezone: 'UTC' },
      lastRun: { ...r, finishedAt: r.startedAt, durationMs: 5 },
      lastCrash: null,
      skippedTicks: 0,
    } as unknown as WorkerStatus;
    const view = describeHealth(status, {
      holder: null,
      holderAlive: false,
      nextDueAt: null,
      now: new Date('2026-11-23T06:00:00Z'),
    });
    expect(view.lines.find((l) => l.startsWith('Outcome:'))).toContain('another worker');
    expect(view.problems).toEqual([]);
  });

  it('turns a run left "running" by a dead worker into a crash', () => {
    const prior = {
      lastRun: { ...start, outcome: 'running' },
      lastCrash: null,
    } as unknown as WorkerStatus;
    const settled = settlePrior(prior);
    expect(settled.crashed?.outcome).toBe('crashed');
    expect(settled.lastCrash).toEqual(settled.crashed);
    const fine = {
      lastRun: { ...start, outcome: 'ok' },
      lastCrash: null,
    } as unknown as WorkerStatus;
    expect(settlePrior(fine).crashed).toBeNull();
    expect(settlePrior(null)).toEqual({ lastRun: null, lastCrash: null, crashed: null });
  });
});
