import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { NOTIFY_POLICIES, type NotifyPolicy } from '../worker/config.js';
import { loadWorkerConfig } from '../worker/load-config.js';
import type { LockEnv } from '../worker/lock.js';
import { onShutdownSignals, type SignalSource } from '../worker/shutdown.js';
import type { CheckRunner, DigestRenderers } from '../worker/types.js';
import { startWorker } from '../worker/worker.js';
import type { CliIO } from './io.js';

export interface WorkerCommandArgs {
  cron?: string;
  timezone?: string;
  runNow?: boolean;
  notify?: NotifyPolicy;
  configFile?: string;
  reportDir?: string;
  /** Catalogue files or directories, passed to every check (default: the config file's). */
  inputs?: string[];
}

export interface WorkerCommandDeps extends CheckRunner {
  /** Default: src/report's renderMarkdown and renderHtml. */
  renderers?: DigestRenderers;
  /** Default: process. */
  signals?: SignalSource;
  /** Default: process.env. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  lockEnv?: LockEnv;
}

async function defaultRenderers(): Promise<DigestRenderers> {
  // Resolved at run time so this command builds while src/report is written in parallel.
  const spec = '../report/index.js';
  const mod = (await import(spec)) as DigestRenderers;
  return { renderMarkdown: mod.renderMarkdown, renderHtml: mod.renderHtml };
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
  const loaded = await loadWorkerConfig(io.cwd, args.configFile);
  if (!loaded.ok) return fail(loaded.message);
  const env = deps.env ?? process.env;
  const logger =
    deps.logger ??
    pino(
      { name: 'rotwatch', level: env.ROTWATCH_LOG_LEVEL ?? 'info' },
      { write: (line: string) => io.stderr(line) },
    );
  let renderers: DigestRenderers;
  try {
    renderers = deps.renderers ?? (await defaultRenderers());
  } catch (err) {
    return fail(`cannot load the report renderers: ${(err as Error).message}`);
  }
  const cfg = loaded.worker;
  const reportDir = resolve(io.cwd, args.reportDir ?? 'reports');
  const overrides = args.reportDir ? { reportDir } : undefined;
  const started = await startWorker(
    {
      reportDir,
      cron: args.cron ?? cfg.cron,
      timezone: args.timezone ?? cfg.timezone,
      runNow: args.runNow ?? cfg.runNow,
      notify: args.notify ?? cfg.notify,
      shutdownGraceMs: cfg.shutdownGraceMs,
      lockStaleMs: cfg.lockStaleMs,
      check: {
        cwd: io.cwd,
        ...(args.configFile ? { configFile: args.configFile } : {}),
        ...(args.inputs?.length ? { inputs: args.inputs } : {}),
        ...(overrides ? { overrides } : {}),
      },
      delivery: loaded.delivery,
      env,
    },
    { runCheck: (o) => deps.runCheck(o), renderers, logger, lockEnv: deps.lockEnv },
  );
  if (!started.ok) return fail(started.message);
  const { worker } = started;
  const signals = deps.signals ?? process;
  return new Promise<number>((done) => {
    const dispose = onShutdownSignals(signals, {
      onFirst: (signal) => {
        logger.info({ event: 'signal', signal }, `${signal} received: shutting down`);
        void worker.stop(signal);
      },
      onRepeat: (signal) => {
        logger.warn({ event: 'signal', signal }, `${signal} again: exiting without waiting`);
        dispose();
        done(1);
      },
    });
    void worker.stopped.then(() => {
      dispose();
      done(0);
    });
  });
}
