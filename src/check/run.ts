// The whole `rotwatch check` job, in order: config, inputs, history, check, outputs. Each
// step lives in its own module; this file decides what stops the run and what goes on.

import { resolve } from 'node:path';
import type { CheckOptions } from '../config/options.js';
import { chooseLanguage, type Language } from '../i18n/language.js';
import { inputLabel } from '../inputs/index.js';
import type { Target } from '../model/index.js';
import { terminalSafe } from '../report/escape.js';
import { sharedRunFor } from '../scale/index.js';
import type { HistoryStore, JournalRun } from '../store/index.js';
import { type LoadedConfig, loadConfig } from './config.js';
import { patternProblems } from './pattern-problems.js';
import { checkRun } from './pipeline.js';
import { dispositionOf } from './publish.js';
import { resumeConflict, runInfoOf } from './run-fingerprint.js';
import { readRunInputs } from './run-inputs.js';
import type { RunCheckOptions, RunCheckResult } from './run-options.js';
import { publishChecked } from './run-outputs.js';
import { openRunStore } from './run-store.js';

export { type ExitCode, exitCodeFor, exitCodeOf } from './exit-code.js';

export type { RunCheckOptions, RunCheckResult } from './run-options.js';

/** The whole `rotwatch check` job: config, inputs, check, history, archives, reports, exit code. */
export async function runCheck(opts: RunCheckOptions = {}): Promise<RunCheckResult> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const loaded = await loadConfig(cwd, opts.configFile, opts.overrides ?? {});
  if (!loaded.ok) return { report: null, exitCode: 2, written: [], problems: loaded.problems };
  const { options } = loaded.config;
  // A pattern that does not compile would silently match nothing: refuse it before any request.
  const badPatterns = patternProblems(options);
  if (badPatterns.length > 0)
    return { report: null, exitCode: 2, written: [], problems: badPatterns };

  const read = await readRunInputs(cwd, opts.inputs, options, opts.stdin);
  if (!read.ok) return { report: null, exitCode: 2, written: [], problems: read.problems };
  const { inputs, collected, targets, problems } = read;

  const reportDir = resolve(cwd, options.reportDir);
  const opened = await openRunStore(cwd, reportDir, loaded.config, opts);
  if (!opened.ok) return { report: null, exitCode: 2, written: [], problems: [opened.problem] };
  const { store } = opened;
  problems.push(...opened.problems);
  try {
    const counts = { unread: collected.unread.length, problems: collected.problems.length };
    return await checkWithHistory(store, targets, inputs, counts, problems, {
      ...opts,
      cwd,
      options,
      loaded: loaded.config,
      reportDir,
      language: chooseLanguage(
        loaded.config.report.language,
        collected.catalogues.map((c) => c.language),
      ).language,
    });
  } finally {
    await opened.close();
  }
}

async function checkWithHistory(
  store: HistoryStore,
  targets: Target[],
  inputs: string[],
  inputCounts: { unread: number; problems: number },
  problems: string[],
  ctx: RunCheckOptions & {
    cwd: string;
    options: CheckOptions;
    loaded: LoadedConfig;
    reportDir: string;
    /** The readers' language (issue 12), recorded in the report's run. */
    language: Language;
  },
): Promise<RunCheckResult> {
  const { options } = ctx;
  const catalogues = [...new Set(inputs.map(inputLabel))];
  // What this run is started on, fingerprinted: a run is only ever finished by the same work.
  const info = runInfoOf(catalogues, options, targets);
  let resume: JournalRun | null = null;
  if (ctx.resume) {
    const unfinished = await store.journal.unfinished();
    // Finishing a run started on other work would mix two runs in one report (resumeConflict).
    const conflict = unfinished ? resumeConflict(unfinished, info) : null;
    resume = conflict ? null : unfinished;
    if (unfinished && conflict) {
      // The worker resumes by itself ('auto') and has no stderr of its own: its log says it.
      if (ctx.resume === 'auto')
        ctx.logger?.warn({ run: unfinished.id, why: conflict }, 'not resuming the unfinished run');
      ctx.out?.stderr?.(
        `Not resuming run ${unfinished.id}: it was started ${terminalSafe(conflict)}; starting a new run.\n`,
      );
    } else if (ctx.resume === true) {
      ctx.out?.stderr?.(
        resume
          ? `Resuming run ${resume.id} (started ${resume.startedAt}): checking only the links it had not recorded.\n`
          : `Nothing to resume: ${store.location} has no unfinished run; starting a new run.\n`,
      );
    }
  }
  // A PostgreSQL history: the run is shared with the other processes using it.
  const shared = sharedRunFor(store, process.env, ctx.loaded.scale);
  if (shared && !shared.ok)
    return { report: null, exitCode: 2, written: [], problems: [shared.problem] };
  // A subset run (a pull request's new links, --include, the due links only) is no run of the
  // catalogue.
  const subset =
    Boolean(options.changedSince) ||
    options.include.length > 0 ||
    Boolean(shared?.coordinator.settings.dueOnly);
  // Whether the links' history may change is known before the check (it depends on the inputs
  // only); the rest of the decision waits for the run's end.
  const before = dispositionOf({ complete: true, unreadInputs: inputCounts.unread, subset });
  const checked = await checkRun(
    targets,
    options,
    ctx.loaded,
    {
      store,
      resume,
      recordLinks: before.recordLinks,
      archiveCacheInStore: true,
      ...(shared ? { shared: shared.coordinator } : {}),
    },
    { ...ctx, catalogues, info, language: ctx.language },
  ).finally(() => shared?.coordinator.close());
  if ('left' in checked) {
    ctx.out?.stderr?.(
      checked.left === 'nothing-due'
        ? 'No link is due (due-only mode: scale.dueOnly or ROTWATCH_DUE_ONLY=1): nothing checked, no report written.\n'
        : checked.left === 'interrupted'
          ? `Interrupted: run ${checked.runId} is shared; this process checked ${checked.checkedNow} links and gave its shards back (another process, or the next start, goes on).\n`
          : `Every shard of run ${checked.runId} is done (${checked.checkedNow} links checked here); another process is writing its report.\n`,
    );
    for (const p of problems) ctx.out?.stderr?.(`${p}\n`);
    return { report: null, exitCode: problems.length > 0 ? 2 : 0, written: [], problems };
  }
  return publishChecked(store, checked, { ...inputCounts, subset }, problems, ctx);
}
