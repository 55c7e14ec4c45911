import { countNew, type ReportFacts } from '../delivery/notify.js';
import { outcomeOf, type RunRecord, type WorkerStatus } from './status.js';
import type { CheckResult } from './types.js';

export function newRunRecord(trigger: RunRecord['trigger'], now: Date, pid: number): RunRecord {
  return {
    runId: null,
    trigger,
    pid,
    startedAt: now.toISOString(),
    finishedAt: null,
    durationMs: null,
    outcome: 'running',
    exitCode: null,
    complete: null,
    summary: null,
    newFailures: null,
    fixed: null,
    error: null,
    delivery: [],
  };
}

/**
 * Fill a record from what the check returned (pure: returns a new record). `facts`: the counts
 * read from the streamed report (a check that returned no whole report); null when unknown.
 */
export function withResult(
  record: RunRecord,
  result: CheckResult,
  aborted: boolean,
  facts: Pick<ReportFacts, 'newFailures'> | null = null,
): RunRecord {
  const problems = result.problems?.length ? result.problems.join('; ') : null;
  const report = result.report ?? result.head ?? null;
  if (result.takenElsewhere) {
    return { ...record, exitCode: result.exitCode, outcome: 'taken-elsewhere', error: problems };
  }
  if (!report && aborted) {
    // Stopped before there was anything to report: resumed at the next start, never delivered.
    return {
      ...record,
      exitCode: result.exitCode,
      outcome: 'interrupted',
      error: problems ?? 'stopped before the check produced a report',
    };
  }
  if (!report) {
    return {
      ...record,
      exitCode: result.exitCode,
      outcome: result.exitCode === 2 ? 'usage-error' : 'error',
      error: problems ?? 'the check produced no report',
    };
  }
  const complete = report.run.complete && !aborted;
  return {
    ...record,
    runId: report.run.id,
    exitCode: result.exitCode,
    complete,
    outcome: outcomeOf(result.exitCode, complete),
    summary: report.summary,
    newFailures: facts?.newFailures ?? (result.report ? countNew(result.report) : null),
    fixed: report.fixed.length,
    error: problems,
  };
}

export function withError(record: RunRecord, err: unknown): RunRecord {
  return { ...record, outcome: 'error', error: (err as Error)?.message ?? String(err) };
}

/** Whether a finished run's report goes out: not when cut short or when the check could not start. */
export function isDeliverable(record: RunRecord): boolean {
  return (
    record.outcome !== 'interrupted' && record.outcome !== 'usage-error' && record.runId !== null
  );
}

/** The one structured log line of a finished run. */
export function runFinishedLine(record: RunRecord, nextDueAt: string | null) {
  return {
    event: 'run-finished',
    runId: record.runId,
    trigger: record.trigger,
    outcome: record.outcome,
    exitCode: record.exitCode,
    complete: record.complete,
    durationMs: record.durationMs,
    summary: record.summary,
    newFailures: record.newFailures,
    fixed: record.fixed,
    delivery: record.delivery.map((d) => ({ channel: d.channel, status: d.status, code: d.code })),
    error: record.error,
    nextDueAt,
  };
}

/**
 * What a new worker keeps of the previous status: a run still marked `running` was cut off by
 * a crash (the new worker holds the lock, so nobody else runs it) and becomes `crashed`.
 */
export function settlePrior(prior: WorkerStatus | null): {
  lastRun: RunRecord | null;
  lastCrash: RunRecord | null;
  crashed: RunRecord | null;
} {
  const last = prior?.lastRun ?? null;
  if (last?.outcome === 'running') {
    const crashed: RunRecord = { ...last, outcome: 'crashed' };
    return { lastRun: crashed, lastCrash: crashed, crashed };
  }
  return { lastRun: last, lastCrash: prior?.lastCrash ?? null, crashed: null };
}
