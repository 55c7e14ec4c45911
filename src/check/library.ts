import { resolve } from 'node:path';
import { archiveConfigSchema } from '../archive/config.js';
import { formatProblem } from '../catalogue/index.js';
import { checkOptionsSchema } from '../config/options.js';
import { collectTargets } from '../inputs/index.js';
import type { Report, RunState, Target } from '../model/index.js';
import { emptyState } from '../state/index.js';
import { deliveryConfigSchema, workerConfigSchema } from '../worker/config.js';
import { checkAndAssemble } from './pipeline.js';
import type { RunCheckOptions } from './run.js';

export interface CheckCallOptions extends Record<string, unknown> {
  cwd?: string;
  signal?: AbortSignal;
  lookup?: RunCheckOptions['lookup'];
  /** History from earlier runs (hysteresis, "new this week"); default: none. */
  state?: RunState;
  /** The `archive:` config section; `{ enabled: false }` to skip archive lookups. */
  archive?: unknown;
}

/**
 * Library entry point: checks catalogue files / URL lists (paths) or ready-made targets and
 * returns the report the CLI would write, without writing anything (the archive lookup cache
 * only when `archive.cache.path` is given). Options are the check
 * options of the config file (camelCase). Throws on invalid options or inputs: a library
 * caller wants an exception, the CLI turns the same problems into exit code 2.
 */
export async function check(
  inputs: string[] | Target[],
  options: CheckCallOptions = {},
): Promise<Report> {
  const { cwd: cwdOption, signal, lookup, state, archive, ...rest } = options;
  const cwd = resolve(cwdOption ?? process.cwd());
  const checkOptions = checkOptionsSchema.parse(rest);
  // A library call writes nothing unless asked: the archive lookup cache only with an explicit path.
  const archiveOptions = archiveConfigSchema.parse(archive ?? {});
  const explicitCache = (archive as { cache?: { path?: unknown } } | undefined)?.cache?.path;
  archiveOptions.cache.path =
    typeof explicitCache === 'string' ? resolve(cwd, explicitCache) : null;
  let targets: Target[];
  let catalogues: string[] = [];
  if (inputs.every((i): i is string => typeof i === 'string')) {
    catalogues = inputs;
    const collected = await collectTargets(
      inputs.map((p) => resolve(cwd, p)),
      { cwd },
    );
    if (collected.problems.length > 0) {
      throw new Error(collected.problems.map(formatProblem).join('\n'));
    }
    targets = collected.targets;
  } else {
    targets = inputs as Target[];
  }
  const { report } = await checkAndAssemble(
    targets,
    checkOptions,
    {
      file: null,
      options: checkOptions,
      archive: archiveOptions,
      worker: workerConfigSchema.parse({}),
      delivery: deliveryConfigSchema.parse({}),
    },
    state ?? emptyState(),
    { catalogues, ...(signal ? { signal } : {}), ...(lookup ? { lookup } : {}) },
  );
  return report;
}
