import { type DeliveryMaterial, deliverReport, prepareDelivery } from '../delivery/index.js';
import type { ReportSource } from '../model/index.js';
import { reportSourceOf } from '../report/source.js';
import { isDeliverable, withError, withResult } from './run-record.js';
import type { RunRecord } from './status.js';
import type { CheckResult, WorkerDeps, WorkerOptions } from './types.js';

/** What one run needs from the worker that holds it (worker.ts). */
export interface RunHolder {
  opts: WorkerOptions;
  deps: WorkerDeps;
  /** The run's record as it stands: records are values, replaced as the run progresses. */
  record(): RunRecord;
  /** Replaces the run's record (ignored once stop() has abandoned the run). */
  update(record: RunRecord): void;
  /** stop() stopped waiting for this run: its late results are dropped. */
  abandoned(): boolean;
}

/**
 * One run of the schedule: the check (which writes the report files), then the delivery of
 * its report, then the run's end time. Failures of the check become the record's error; the
 * delivery reads the report while its links can still be streamed.
 */
export async function executeRun(
  run: RunHolder,
  signal: AbortSignal,
  resume: boolean,
): Promise<void> {
  const { opts, deps } = run;
  let result: CheckResult | null = null;
  // What delivery needs, read from the report while its links can be streamed: counts, and
  // the digest rendered from the stream (an interrupted run is counted, not rendered).
  // (A holder, not a variable: it is set in a callback, which TypeScript does not follow.)
  const read: { material: DeliveryMaterial | null } = { material: null };
  const prepare = async (source: ReportSource) => {
    read.material = await prepareDelivery({
      source,
      config: opts.delivery,
      env: opts.env,
      renderers: deps.renderers,
      render: source.head.run.complete && !signal.aborted,
    });
  };
  try {
    result = await deps.runCheck({
      ...opts.check,
      ...(resume ? { resume: 'auto' as const } : {}),
      signal,
      logger: deps.logger.child({ run: run.record().startedAt }),
      // A run of a million links is never held: delivery reads it from the history.
      collect: false,
      onReport: prepare,
    });
    // A check that returns the whole report instead (a library or a stand-in).
    if (!read.material && result.report) await prepare(reportSourceOf(result.report));
    run.update(withResult(run.record(), result, signal.aborted, read.material?.facts));
  } catch (err) {
    run.update(withError(run.record(), err));
  }
  if (run.abandoned()) return;
  const prepared = read.material;
  if (prepared && result && isDeliverable(run.record()) && !signal.aborted) {
    // The check has written the report already: whatever happens here loses nothing.
    const delivery = await deliverReport({
      material: prepared,
      exitCode: result.exitCode,
      policy: opts.notify,
      config: opts.delivery,
      env: opts.env,
      webhookDeps: deps.webhookDeps,
    });
    if (run.abandoned()) return;
    run.update({ ...run.record(), delivery });
  }
  const end = new Date();
  const record = run.record();
  run.update({
    ...record,
    finishedAt: end.toISOString(),
    durationMs: end.getTime() - Date.parse(record.startedAt),
  });
}
