import type { Logger } from 'pino';
import type { Report } from '../model/index.js';

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
}

export interface CheckResult {
  /** Null when the check could not start (bad config or inputs: exit code 2). */
  report: Report | null;
  exitCode: 0 | 1 | 2 | 3;
  written: string[];
  /** Problems with the config, inputs or state, each naming file:line. */
  problems?: string[];
}

/**
 * The check, injected. Declared with method syntax on purpose: parameters of methods are
 * compared bivariantly, so the real `runCheck` (whose `overrides` is `Partial<CheckOptions>`)
 * fits without a cast.
 */
export interface CheckRunner {
  runCheck(opts: CheckInvocation): Promise<CheckResult>;
}

/** The renderers from src/report (contracts.md), injected so delivery is tested on its own. */
export interface DigestRenderers {
  renderMarkdown(report: Report): string;
  renderHtml(report: Report): string;
}
