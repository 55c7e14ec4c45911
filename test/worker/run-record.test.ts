import { describe, expect, it } from 'vitest';
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
