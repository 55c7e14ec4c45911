import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { type ScheduledTask, schedule, validate } from 'node-cron';
import type { Logger } from 'pino';
import { deliverReport } from '../delivery/index.js';
import { countNew } from '../delivery/notify.js';
import type { WebhookDeps } from '../delivery/webhook.js';
import type { DeliveryConfig, NotifyPolicy } from './config.js';
import { acquireLock, type HeldLock, type LockEnv, type LockInfo } from './lock.js';
import {
  nextDue,
  outcomeOf,
  type RunRecord,
  readStatus,
  STATUS_SCHEMA,
  type WorkerStatus,
  writeStatus,
} from './status.js';
import type { CheckInvocation, CheckResult, CheckRunner, DigestRenderers } from './types.js';

export interface WorkerOptions {
  /** Absolute path of the reports directory: holds the lock and the status file. */
  reportDir: string;
  cron: string;
  timezone: string;
  runNow: boolean;
  notify: NotifyPolicy;
  shutdownGraceMs: number;
  lockStaleMs: number;
  /** Passed to every `runCheck` call (signal and logger are added by the worker). */
  check: Omit<CheckInvocation, 'signal' | 'logger'>;
  delivery: DeliveryConfig;
  env: Record<string, string | undefined>;
  /** How often the lock's heartbeat is refreshed; default a third of lockStaleMs, at most 1 min. */
  heartbeatMs?: number;
}

export interface WorkerDeps extends CheckRunner {
  renderers: DigestRenderers;
  logger: Logger;
  lockEnv?: LockEnv;
  webhookDeps?: WebhookDeps;
}

export type StartOutcome =
  | { ok: true; worker: Worker }
  | { ok: false; code: 'lock-held'; message: string; holder: LockInfo }
  | { ok: false; code: 'invalid-schedule' | 'lock-error'; message: string };

export interface StopResult {
  /** A run was in progress and was asked to stop. */
  aborted: boolean;
  /** It did not finish within shutdownGraceMs; the worker stopped without it. */
  timedOut: boolean;
}

export interface Worker {
  /** Start a run unless one is in progress (then the tick is skipped: resolves null). */
  trigger(trigger?: RunRecord['trigger']): Promise<RunRecord | null>;
  /** Stop the schedule, abort the current run, wait up to the grace bound, release the lock. */
  stop(reason: string): Promise<StopResult>;
  isBusy(): boolean;
  /** Resolves once stop() has finished. */
  readonly stopped: Promise<StopResult>;
  status(): WorkerStatus;
}

export function validateSchedule(cron: string, timezone: string): string | null {
  if (!validate(cron)) return `invalid cron expression: "${cron}"`;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    return `unknown time zone: "${timezone}"`;
  }
  return null;
}

function describeHolder(h: LockInfo, path: string): string {
  return `another rotwatch worker holds ${path} (pid ${h.pid} on ${h.hostname}, since ${h.startedAt})`;
}

/** Take the lock, record the worker in the status file, and start the schedule. */
export async function startWorker(opts: WorkerOptions, deps: WorkerDeps): Promise<StartOutcome> {
  const invalid = validateSchedule(opts.cron, opts.timezone);
  if (invalid) return { ok: false, code: 'invalid-schedule', message: invalid };
  try {
    await mkdir(opts.reportDir, { recursive: true });
  } catch (err) {
    return { ok: false, code: 'lock-error', message: (err as Error).message };
  }
  const taken = await acquireLock(opts.reportDir, { staleMs: opts.lockStaleMs, env: deps.lockEnv });
  if (!taken.ok) {
    if (taken.code === 'lock-held') {
      return {
        ok: false,
        code: 'lock-held',
        holder: taken.holder,
        message: describeHolder(taken.holder, taken.path),
      };
    }
    return {
      ok: false,
      code: 'lock-error',
      message: `cannot lock ${taken.path}: ${taken.message}`,
    };
  }
  const log = deps.logger;
  if (taken.recovered) {
    log.warn(
      { event: 'stale-lock-recovered', previous: taken.recovered },
      'recovered a stale worker lock',
    );
  }
  return { ok: true, worker: await runningWorker(opts, deps, taken.lock) };
}

async function runningWorker(
  opts: WorkerOptions,
  deps: WorkerDeps,
  lock: HeldLock,
): Promise<Worker> {
  const log = deps.logger;
  const prior = await readStatus(opts.reportDir);
  let lastCrash = prior?.lastCrash ?? null;
  let lastRun = prior?.lastRun ?? null;
  if (lastRun && lastRun.outcome === 'running') {
    // We hold the lock, so nobody is running it: its worker died mid-run.
    lastRun = { ...lastRun, outcome: 'crashed' };
    lastCrash = lastRun;
    log.warn(
      { event: 'previous-run-crashed', startedAt: lastRun.startedAt, pid: lastRun.pid },
      'the previous run did not finish (worker crashed or was killed); the next run starts afresh',
    );
  }
  const status: WorkerStatus = {
    schema: STATUS_SCHEMA,
    schedule: { cron: opts.cron, timezone: opts.timezone },
    worker: {
      pid: lock.info.pid,
      hostname: hostname(),
      startedAt: lock.info.startedAt,
      stoppedAt: null,
    },
    lastRun,
    lastCrash,
    nextDueAt: null,
    skippedTicks: 0,
    updatedAt: new Date().toISOString(),
  };
  const refreshNextDue = () => {
    status.nextDueAt = nextDue(opts.cron, opts.timezone)?.toISOString() ?? null;
  };
  let writing = Promise.resolve();
  const persist = () => {
    status.updatedAt = new Date().toISOString();
    const snapshot = structuredClone(status);
    // Serialised so an older snapshot never lands after a newer one.
    writing = writing
      .then(() => writeStatus(opts.reportDir, snapshot))
      .catch((err) =>
        log.error(
          { event: 'status-write-failed', err: (err as Error).message },
          'could not write the status file',
        ),
      );
    return writing;
  };

  let stopping = false;
  let current: {
    promise: Promise<RunRecord>;
    controller: AbortController;
    record: RunRecord;
  } | null = null;
  let resolveStopped: (r: StopResult) => void = () => undefined;
  const stopped = new Promise<StopResult>((r) => {
    resolveStopped = r;
  });
  let stopPromise: Promise<StopResult> | null = null;

  const heartbeatMs = opts.heartbeatMs ?? Math.min(60_000, Math.floor(opts.lockStaleMs / 3));
  const heartbeat = setInterval(() => {
    lock.refresh().then(
      (ours) => {
        if (!ours)
          log.error({ event: 'lock-lost', path: lock.path }, 'the worker lock was taken away');
      },
      (err) =>
        log.warn(
          { event: 'lock-refresh-failed', err: (err as Error).message },
          'could not refresh the lock',
        ),
    );
  }, heartbeatMs);
  heartbeat.unref();

  const execute = async (record: RunRecord, controller: AbortController): Promise<RunRecord> => {
    await persist();
    let result: CheckResult | null = null;
    try {
      result = await deps.runCheck({
        ...opts.check,
        signal: controller.signal,
        logger: log.child({ run: record.startedAt }),
      });
    } catch (err) {
      record.outcome = 'error';
      record.error = (err as Error)?.message ?? String(err);
    }
    // stop() gave up waiting and recorded the run as interrupted: leave that record alone.
    if (record.finishedAt !== null) return record;
    if (result && !result.report) {
      record.exitCode = result.exitCode;
      record.outcome = result.exitCode === 2 ? 'usage-error' : 'error';
      record.error = result.problems?.join('; ') || 'the check produced no report';
    }
    if (result?.report) {
      const { report } = result;
      record.runId = report.run.id;
      record.exitCode = result.exitCode;
      record.complete = report.run.complete && !controller.signal.aborted;
      record.outcome = outcomeOf(result.exitCode, record.complete);
      record.summary = report.summary;
      record.newFailures = countNew(report);
      record.fixed = report.fixed.length;
      if (result.problems?.length) record.error = result.problems.join('; ');
      const deliverable = record.outcome !== 'interrupted' && record.outcome !== 'usage-error';
      if (deliverable && !controller.signal.aborted) {
        // The check has written the report already: whatever happens here loses nothing.
        record.delivery = await deliverReport({
          report,
          exitCode: result.exitCode,
          policy: opts.notify,
          config: opts.delivery,
          env: opts.env,
          renderers: deps.renderers,
          webhookDeps: deps.webhookDeps,
        });
      }
    }
    if (record.finishedAt !== null) return record; // stop() gave up while delivering
    const end = new Date();
    record.finishedAt = end.toISOString();
    record.durationMs = end.getTime() - Date.parse(record.startedAt);
    refreshNextDue();
    await persist();
    const failedDelivery = record.delivery.some((d) => d.status === 'failed');
    const level = record.outcome === 'error' || failedDelivery ? 'warn' : 'info';
    log[level](
      {
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
        delivery: record.delivery.map((d) => ({
          channel: d.channel,
          status: d.status,
          code: d.code,
        })),
        error: record.error,
        nextDueAt: status.nextDueAt,
      },
      `run ${record.outcome}`,
    );
    return record;
  };

  const trigger = async (kind: RunRecord['trigger'] = 'scheduled'): Promise<RunRecord | null> => {
    if (stopping) return null;
    if (current) {
      status.skippedTicks++;
      log.warn(
        {
          event: 'tick-skipped',
          trigger: kind,
          runningSince: current.record.startedAt,
          skippedTicks: status.skippedTicks,
        },
        'a run is still in progress; this tick is skipped',
      );
      await persist();
      return null;
    }
    const record: RunRecord = {
      runId: null,
      trigger: kind,
      pid: process.pid,
      startedAt: new Date().toISOString(),
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
    status.lastRun = record;
    const controller = new AbortController();
    const promise = execute(record, controller).finally(() => {
      if (current?.record === record) current = null;
    });
    current = { promise, controller, record };
    return promise;
  };

  const task: ScheduledTask = schedule(
    opts.cron,
    () => {
      void trigger('scheduled');
    },
    { timezone: opts.timezone, name: 'rotwatch-worker' },
  );
  // A tick node-cron could not fire on time (suspended machine, blocked event loop): say so in
  // our log; listening also keeps node-cron from printing its own warning to the console.
  task.on('execution:missed', (ctx) => {
    log.warn({ event: 'tick-missed', due: ctx.date.toISOString() }, 'a scheduled run was missed');
  });
  refreshNextDue();
  await persist();
  log.info(
    {
      event: 'worker-started',
      cron: opts.cron,
      timezone: opts.timezone,
      reportDir: opts.reportDir,
      nextDueAt: status.nextDueAt,
    },
    'worker started',
  );
  if (opts.runNow) void trigger('startup');

  const stop = (reason: string): Promise<StopResult> => {
    if (stopPromise) return stopPromise;
    stopping = true;
    stopPromise = (async () => {
      await task.stop();
      await task.destroy();
      clearInterval(heartbeat);
      const result: StopResult = { aborted: false, timedOut: false };
      const run = current;
      if (run) {
        result.aborted = true;
        log.info(
          { event: 'run-aborting', reason, graceMs: opts.shutdownGraceMs },
          'stopping the current run',
        );
        run.controller.abort(new Error(reason));
        let timer: NodeJS.Timeout | undefined;
        const finished = await Promise.race([
          run.promise.then(() => true),
          new Promise<boolean>((r) => {
            timer = setTimeout(() => r(false), opts.shutdownGraceMs);
          }),
        ]);
        clearTimeout(timer);
        if (!finished) {
          result.timedOut = true;
          const r = run.record;
          r.outcome = 'interrupted';
          r.finishedAt = new Date().toISOString();
          r.durationMs = Date.parse(r.finishedAt) - Date.parse(r.startedAt);
          r.error = `did not stop within ${opts.shutdownGraceMs} ms`;
          log.warn(
            { event: 'run-abandoned', graceMs: opts.shutdownGraceMs },
            'the run did not stop in time',
          );
        }
      }
      if (status.worker) status.worker.stoppedAt = new Date().toISOString();
      await persist();
      await lock.release();
      log.info({ event: 'worker-stopped', reason, ...result }, 'worker stopped');
      resolveStopped(result);
      return result;
    })();
    return stopPromise;
  };

  return {
    trigger,
    stop,
    isBusy: () => current !== null,
    stopped,
    status: () => structuredClone(status),
  };
}
