import { hostname } from 'node:os';
import { type ScheduledTask, schedule, validate } from 'node-cron';
import { ensureDir } from '../fs/dirs.js';
import { executeRun } from './execute-run.js';
import { acquireLock, type HeldLock, type LockInfo, startHeartbeat } from './lock.js';
import { newRunRecord, runFinishedLine, settlePrior } from './run-record.js';
import {
  nextDue,
  type RunRecord,
  readStatus,
  STATUS_SCHEMA,
  statusWriter,
  type WorkerStatus,
} from './status.js';
import type { StartOutcome, StopResult, Worker, WorkerDeps, WorkerOptions } from './types.js';

export type { StartOutcome, StopResult, Worker, WorkerDeps, WorkerOptions } from './types.js';

interface CurrentRun {
  promise: Promise<RunRecord>;
  controller: AbortController;
  record: RunRecord;
  /** stop() stopped waiting for it; its late results are ignored. */
  abandoned: boolean;
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
    await ensureDir(opts.reportDir);
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
  // We hold the lock, so a run still marked running has no worker: it died mid-run.
  const { lastRun, lastCrash, crashed } = settlePrior(prior);
  if (crashed) {
    log.warn(
      { event: 'previous-run-crashed', startedAt: crashed.startedAt, pid: crashed.pid },
      'the previous run did not finish (worker crashed or was killed); it is resumed now',
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
  const writer = statusWriter(opts.reportDir, (err) =>
    log.error(
      { event: 'status-write-failed', err: err.message },
      'could not write the status file',
    ),
  );
  const persist = () => writer(status);

  let stopping = false;
  let current: CurrentRun | null = null;
  let resolveStopped: (r: StopResult) => void = () => undefined;
  const stopped = new Promise<StopResult>((r) => {
    resolveStopped = r;
  });
  let stopPromise: Promise<StopResult> | null = null;

  const heartbeat = startHeartbeat(
    lock,
    opts.heartbeatMs ?? Math.min(60_000, Math.floor(opts.lockStaleMs / 3)),
    log,
  );

  // `current.record` is replaced (records are values) as the run progresses; stop() may
  // finalise it as interrupted, after which the run's own results are dropped.
  const execute = async (controller: AbortController, resume: boolean): Promise<RunRecord> => {
    const me = current as CurrentRun; // set by trigger() just before this call
    await persist();
    await executeRun(
      {
        opts,
        deps,
        record: () => me.record,
        update: (r) => {
          if (current === me) {
            me.record = r;
            status.lastRun = r;
          }
        },
        abandoned: () => me.abandoned,
      },
      controller.signal,
      resume,
    );
    if (me.abandoned) return me.record;
    refreshNextDue();
    await persist();
    const r = me.record;
    const failedDelivery = r.delivery.some((d) => d.status === 'failed');
    const level = r.outcome === 'error' || failedDelivery ? 'warn' : 'info';
    log[level](runFinishedLine(r, status.nextDueAt), `run ${r.outcome}`);
    return r;
  };

  const trigger = async (
    kind: RunRecord['trigger'] = 'scheduled',
    resume = false,
  ): Promise<RunRecord | null> => {
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
    const record = newRunRecord(kind, new Date(), process.pid);
    status.lastRun = record;
    const controller = new AbortController();
    const entry: CurrentRun = {
      controller,
      record,
      abandoned: false,
      promise: Promise.resolve(record),
    };
    current = entry;
    entry.promise = execute(controller, resume).finally(() => {
      if (current === entry) current = null;
    });
    return entry.promise;
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
  // The last run did not finish (the worker was killed, or stopped mid-run): finish it now,
  // checking only what it had not recorded, rather than wait a week with half a report.
  const unfinished = crashed !== null || lastRun?.outcome === 'interrupted';
  if (unfinished) {
    log.info({ event: 'run-resuming' }, 'resuming the unfinished run');
    void trigger('startup', true);
  } else if (opts.runNow) void trigger('startup');

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
          run.abandoned = true;
          const end = new Date();
          run.record = {
            ...run.record,
            outcome: 'interrupted',
            finishedAt: end.toISOString(),
            durationMs: end.getTime() - Date.parse(run.record.startedAt),
            error: `did not stop within ${opts.shutdownGraceMs} ms`,
          };
          status.lastRun = run.record;
          current = null;
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
