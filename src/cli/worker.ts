import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { validate } from 'node-cron';
import pino, { type Logger } from 'pino';
import { loadConfig } from '../check/config.js';
import { STDIN_INPUT } from '../inputs/index.js';
import { digestRenderers } from '../report/index.js';
import { startDueLoop } from '../scale/due-loop.js';
import { type ScaleConfig, type ScaleSettings, scaleSettingsFrom } from '../scale/settings.js';
import { claimWindowMs } from '../scale/snapshot-claim.js';
import { runSnapshotReport } from '../scale/snapshot-report.js';
import { storeTarget } from '../store/index.js';
import { isTimeZone, NOTIFY_POLICIES, type NotifyPolicy } from '../worker/config.js';
import type { LockEnv } from '../worker/lock.js';
import { onShutdownSignals, type SignalSource } from '../worker/shutdown.js';
import type { CheckRunner, DigestRenderers, WorkerDeps } from '../worker/types.js';
import { startWorker } from '../worker/worker.js';
import type { CliIO } from './io.js';

export interface WorkerCommandArgs {
  cron?: string;
  timezone?: string;
  runNow?: boolean;
  notify?: NotifyPolicy;
  configFile?: string;
  reportDir?: string;
  /** Where the run history lives (sqlite:PATH or a path), as `check --store`. */
  store?: string;
  /** Catalogue files or directories, passed to every check (default: the config file's). */
  inputs?: string[];
  /**
   * The check options given on the command line (`--concurrency`, `--allow-private-addresses`,
   * `--report-dir` ...), as `rotwatch check` takes them: they win over the config file in
   * every run.
   */
  checkOverrides?: Record<string, unknown>;
}

export interface WorkerCommandDeps extends CheckRunner {
  /** Default: src/report's digest and HTML page, read from the streamed report. */
  renderers?: DigestRenderers;
  /** Default: process. */
  signals?: SignalSource;
  /** Default: process.env. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  lockEnv?: LockEnv;
}

/**
 * `rotwatch worker`: run the check on a schedule until SIGTERM/SIGINT. Resolves 0 after a clean
 * stop, 2 on bad options/config or when another worker holds the reports directory, 1 when a
 * second signal cut the shutdown short. The caller should exit the process with the code.
 */
export async function runWorkerCommand(
  args: WorkerCommandArgs,
  io: CliIO,
  deps: WorkerCommandDeps,
): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`rotwatch worker: ${message}\n`);
    return 2;
  };
  if (args.notify && !NOTIFY_POLICIES.includes(args.notify)) {
    return fail(`--notify must be one of ${NOTIFY_POLICIES.join(', ')}`);
  }
  // The command line's schedule, named as given (the config file's is checked with its line).
  if (args.cron !== undefined && !validate(args.cron)) {
    return fail(
      `--cron ${JSON.stringify(args.cron)}: not a valid cron expression (5 fields, or 6 with seconds first)`,
    );
  }
  if (args.timezone !== undefined && !isTimeZone(args.timezone)) {
    return fail(`--timezone ${JSON.stringify(args.timezone)}: not a known IANA time zone`);
  }
  if (args.inputs?.includes(STDIN_INPUT)) {
    return fail('- (a URL list on standard input) cannot be read again at every run: use a file');
  }
  // The same file and rules as `rotwatch check`: the reports directory is the check's, and
  // the check options are validated now, not at the first run a week later.
  const overrides = {
    ...args.checkOverrides,
    ...(args.reportDir ? { reportDir: args.reportDir } : {}),
    ...(args.store ? { store: args.store } : {}),
  };
  const loaded = await loadConfig(io.cwd, args.configFile, overrides);
  if (!loaded.ok) return fail(loaded.problems.join('\n'));
  const env = deps.env ?? process.env;
  const logger =
    deps.logger ??
    pino(
      { name: 'rotwatch', level: env.ROTWATCH_LOG_LEVEL ?? 'info' },
      { write: (line: string) => io.stderr(line) },
    );
  const renderers: DigestRenderers = deps.renderers ?? digestRenderers;
  const cfg = loaded.config.worker;
  const reportDir = resolve(io.cwd, loaded.config.options.reportDir);
  const check = {
    cwd: io.cwd,
    ...(args.configFile ? { configFile: args.configFile } : {}),
    ...(args.inputs?.length ? { inputs: args.inputs } : {}),
    ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
  };
  // A shared PostgreSQL store in due-only mode: due links are checked all the time, and the
  // schedule sends the snapshot of the store instead of checking.
  const due = dueMode(loaded.config.options.store, reportDir, io.cwd, env, loaded.config.scale);
  if (due && !due.ok) return fail(due.problem);
  const cron = args.cron ?? cfg.cron;
  const timezone = args.timezone ?? cfg.timezone;
  // Every due-only worker of the store has this schedule: one of them sends each tick's report.
  const windowMs = due ? claimWindowMs(cron, timezone) : null;
  const claim = windowMs
    ? { windowMs, claimant: `${hostname()}:${process.pid}:${randomUUID()}` }
    : null;
  const runScheduled: WorkerDeps['runCheck'] = due
    ? (o) => runSnapshotReport({ ...o, ...(claim ? { claim } : {}) })
    : (o) => deps.runCheck(o);
  const started = await startWorker(
    {
      reportDir,
      cron,
      timezone,
      runNow: args.runNow ?? cfg.runNow,
      notify: args.notify ?? cfg.notify,
      shutdownGraceMs: cfg.shutdownGraceMs,
      lockStaleMs: cfg.lockStaleMs,
      check,
      delivery: loaded.config.delivery,
      env,
    },
    { runCheck: runScheduled, renderers, logger, lockEnv: deps.lockEnv },
  );
  if (!started.ok) return fail(started.message);
  const { worker } = started;
  const dueLoop = due
    ? startDueLoop({
        // Each pass's own report goes to <reportDir>/due: latest.* is the weekly snapshot.
        pass: (signal) =>
          deps.runCheck({
            ...check,
            overrides: { ...overrides, reportDir: join(reportDir, 'due') },
            signal,
            logger: logger.child({ due: true }),
          }),
        everyMs: due.settings.duePollMs,
        logger,
      })
    : null;
  const signals = deps.signals ?? process;
  return new Promise<number>((done) => {
    const dispose = onShutdownSignals(signals, {
      onFirst: (signal) => {
        logger.info({ event: 'signal', signal }, `${signal} received: shutting down`);
        void worker.stop(signal);
        void dueLoop?.stop();
      },
      onRepeat: (signal) => {
        logger.warn({ event: 'signal', signal }, `${signal} again: exiting without waiting`);
        dispose();
        done(1);
      },
    });
    void worker.stopped
      .then(() => dueLoop?.stop())
      .then(() => {
        dispose();
        done(0);
      });
  });
}

/**
 * Due-only mode: a PostgreSQL store with `scale.dueOnly` (or `ROTWATCH_DUE_ONLY=1`). Null otherwise (the schedule
 * runs the check, as always); a bad shared-mode setting is a problem naming it.
 */
function dueMode(
  store: string | undefined,
  reportDir: string,
  cwd: string,
  env: Record<string, string | undefined>,
  config: ScaleConfig,
): { ok: true; settings: ScaleSettings } | { ok: false; problem: string } | null {
  if (storeTarget({ reportDir, cwd, ...(store ? { store } : {}) }).kind !== 'postgres') return null;
  const settings = scaleSettingsFrom(env, config);
  if (!settings.ok) return settings;
  return settings.settings.dueOnly ? settings : null;
}
