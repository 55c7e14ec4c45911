import { resolve } from 'node:path';
import type { z } from 'zod';
import { archiveConfigSchema } from '../archive/config.js';
import { formatProblem } from '../catalogue/index.js';
import { issueText } from '../config/file.js';
import { checkOptionsSchema } from '../config/options.js';
import { chooseLanguage, isLanguage, LANGUAGES, type Language } from '../i18n/language.js';
import { collectTargets, inputLabel, isUrlInput, STDIN_INPUT } from '../inputs/index.js';
import type { Report, RunState, Target } from '../model/index.js';
import { collectReport } from '../report/index.js';
import { createMemoryStore } from '../store/index.js';
import { deliveryConfigSchema, workerConfigSchema } from '../worker/config.js';
import { checkRun } from './pipeline.js';
import type { RunCheckOptions } from './run-options.js';

export interface CheckCallOptions extends Record<string, unknown> {
  cwd?: string;
  signal?: AbortSignal;
  lookup?: RunCheckOptions['lookup'];
  /** History from earlier runs (hysteresis, "new this week"); default: none. */
  state?: RunState;
  /** The `archive:` config section; `{ enabled: false }` to skip archive lookups. */
  archive?: unknown;
  /** Language of the report's human texts (en, fr); default: the catalogues', else en. */
  language?: Language;
}

/**
 * Library entry point: checks catalogue files / URL lists (paths) or ready-made targets and
 * returns the report the CLI would write, without writing anything (the archive lookup cache
 * only when `archive.cache.path` is given). The history is kept in memory for the call and the
 * whole report is returned as one object, as callers of this function asked for: fine for
 * catalogues of thousands of links. A catalogue of millions is the command's job (`rotwatch
 * check`, or `runCheck({ collect: false })`): its history lives in the store and every report
 * file is streamed from it, the run holding only counts and the few links its summary names.
 * Options are the check
 * options of the config file (camelCase). Throws on invalid options or inputs: a library
 * caller wants an exception, the CLI turns the same problems into exit code 2.
 */
export async function check(
  inputs: string[] | Target[],
  options: CheckCallOptions = {},
): Promise<Report> {
  const { cwd: cwdOption, signal, lookup, state, archive, language, ...rest } = options;
  if (language !== undefined && !isLanguage(language)) {
    throw new CheckOptionsError([`language: expected one of ${LANGUAGES.join(', ')}`]);
  }
  const cwd = resolve(cwdOption ?? process.cwd());
  const checkOptions = parseOptions(checkOptionsSchema, rest, []);
  // A library call writes nothing unless asked: the archive lookup cache only with an explicit path.
  const archiveOptions = parseOptions(archiveConfigSchema, archive ?? {}, ['archive']);
  const explicitCache = (archive as { cache?: { path?: unknown } } | undefined)?.cache?.path;
  archiveOptions.cache.path =
    typeof explicitCache === 'string' ? resolve(cwd, explicitCache) : null;
  let targets: Target[];
  let catalogues: string[] = [];
  let declared: (string | undefined)[] = [];
  if (inputs.every((i): i is string => typeof i === 'string')) {
    catalogues = inputs.map(inputLabel);
    const isPath = (p: string) => !isUrlInput(p) && p !== STDIN_INPUT;
    const collected = await collectTargets(
      inputs.map((p) => (isPath(p) ? resolve(cwd, p) : p)),
      { cwd },
    );
    if (collected.problems.length > 0) {
      throw new Error(collected.problems.map(formatProblem).join('\n'));
    }
    targets = collected.targets;
    declared = collected.catalogues.map((c) => c.language);
  } else {
    targets = inputs as Target[];
  }
  const store = createMemoryStore({
    links: Object.values(state?.links ?? {}),
    runs: state?.runs ?? [],
  });
  const run = await checkRun(
    targets,
    checkOptions,
    {
      file: null,
      options: checkOptions,
      archive: archiveOptions,
      worker: workerConfigSchema.parse({}),
      delivery: deliveryConfigSchema.parse({}),
      report: language ? { language } : {},
      scale: {},
    },
    { store, resume: null, recordLinks: true, archiveCacheInStore: false },
    {
      catalogues,
      language: chooseLanguage(language, declared).language,
      ...(signal ? { signal } : {}),
      ...(lookup ? { lookup } : {}),
    },
  );
  return collectReport(run.source);
}

/**
 * An option `check()` cannot take: a sentence naming each one ("check(): invalid option
 * concurrency: Too small: expected number to be >=1"), never zod's JSON dump of its issues.
 */
export class CheckOptionsError extends Error {
  readonly code = 'invalid-option';
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `check(): invalid option ${problems[0]}`
        : `check(): invalid options: ${problems.join('; ')}`,
    );
    this.name = 'CheckOptionsError';
  }
}

function parseOptions<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: z.ZodError };
  },
  value: unknown,
  prefix: PropertyKey[],
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CheckOptionsError(parsed.error.issues.map((issue) => issueText(issue, prefix)));
}
