import type { Logger } from 'pino';
import type { WebhookDeps } from '../delivery/webhook.js';
import type { Report, ReportSource } from '../model/index.js';
import type { DeliveryConfig, NotifyPolicy } from './config.js';
import type { LockEnv, LockInfo } from './lock.js';
import type { RunRecord, WorkerStatus } from './status.js';

/**
 * The part of `RunCheckOptions` (src/check, contracts.md) the worker uses. Mirrored here so the
 * worker compiles and is tested before, and independently of, the check module.
 */
export interface CheckInvocation {
  cwd?: string;
  inputs?: string[];
  configFile?: string;
  overrides?: Record<string, unknown>;
  signal?: AbortSignal;
  logger?: Logger;
  /** Continue the history's unfinished run, if any (see RunCheckOptions.resume). */
  resume?: boolean | 'auto';
  /** False: do not read the whole report back into memory (see RunCheckOptions.collect). */
  collect?: boolean;
  /**
   * Called once the report is written, while its links can still be streamed from the history
   * (see RunCheckOptions.onReport): the worker prepares its delivery there. Never throws.
   */
  onReport?: (source: ReportSource) => Promise<void>;
}

export interface CheckResult {
  /** Null when the check could not start (bad config or inputs: exit code 2). */
  report: Report | null;
  /** The report without its links, whenever a run was made (also with `collect: false`). */
  head?: ReportSource['head'];
  exitCode: 0 | 1 | 2 | 3;
  written: string[];
  /** Problems with the config, inputs or state, each naming file:line. */
  problems?: string[];
  /** A due-only worker's snapshot of this tick was taken by another worker of the store. */
  takenElsewhere?: true;
}

/**
 * The check, injected. Declared with method syntax on purpose: parameters of methods are
 * compared bivariantly, so the real `runCheck` (whose `overrides` is `Partial<CheckOptions>`)
 * fits without a cast.
 */
export interface CheckRunner {
  runCheck(opts: CheckInvocation): Promise<CheckResult>;
}

/**
 * The renderers from src/report (contracts.md), injected so delivery is tested on its own. They
 * read the report as a stream (`links()` as often as they need), never as one array.
 */
export interface DigestRenderers {
  renderMarkdown(source: ReportSource): string | Promise<string>;
  renderHtml(source: ReportSource): string | Promise<string>;
}

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
