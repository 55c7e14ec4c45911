// The whole `rotwatch check` job, in order: config, inputs, history, check, outputs. Each
// step lives in its own module; this file decides what stops the run and what goes on.

import { resolve } from 'node:path';
import type { CheckOptions } from '../config/options.js';
import type { FetcherOptions } from '../fetch/index.js';
import { chooseLanguage, type Language } from '../i18n/language.js';
import { inputLabel } from '../inputs/index.js';
import type { Report, ReportSource, Target } from '../model/index.js';
import { sharedRunFor } from '../scale/index.js';
import type { HistoryStore, JournalRun } from '../store/index.js';
import { type LoadedConfig, loadConfig } from './config.js';
import type { ExitCode } from './exit-code.js';
import { patternProblems } from './pattern-problems.js';
import { checkRun } from './pipeline.js';
import { dispositionOf, type RunDisposition } from './publish.js';
import { readRunInputs } from './run-inputs.js';
import { publishChecked } from './run-outputs.js';
import { openRunStore } from './run-store.js';

export { type ExitCode, exitCodeFor, exitCodeOf } from './exit-code.js';

export interface RunCheckOptions {
  cwd?: string;
  /** Catalogue YAML files or directories, .txt URL lists, .md files. Default: `catalogue/`. */
  inputs?: string[];
  /** Default: rotwatch.config.yaml in cwd, if present. */
  configFile?: string;
  /** The text of standard input, read by the caller, for the input `-` (a URL list). */
  stdin?: string;
  /** Settings that win over the config file (the CLI's options). */
  overrides?: Record<string, unknown>;
  signal?: AbortSignal;
  logger?: import('../log.js').Logger;
  /** Where the human summary and progress line go (default: nowhere). */
  /** `isTTY`: stderr is a terminal, so the live progress line is drawn there. */
  out?: { stdout?: (s: string) => void; stderr?: (s: string) => void; isTTY?: boolean };
  /** dns.lookup replacement (tests map test host names to loopback addresses). */
  lookup?: FetcherOptions['lookup'];
  now?: () => Date;
  /**
   * Continue the newest unfinished run of the history (killed, or interrupted) instead of
   * starting one: only the URLs it had not recorded are checked, then the run is finished under
   * its own id. `true` (`--resume`) says so when there is nothing to resume and runs normally;
   * `'auto'` (the worker) does the same silently.
   */
  resume?: boolean | 'auto';
  /**
   * Also return the whole report as one object (`result.report`), read back from the history
   * once every file is written. Default true, for library callers and tests; the command line
   * passes false: a run of a million links is then never held in memory, only streamed from
   * the history to each file, and `result.head` has its run, counts and fixed links.
   */
  collect?: boolean;
  /**
   * Called once every file is written, while the history is still open: the run's report as a
   * stream (`links()` read as often as needed, never held), for a caller that must read more of
   * it than `head` (the worker renders its e-mail there). Not called when no report was made.
   * It must not throw.
   */
  onReport?: (source: ReportSource) => Promise<void>;
  /**
   * Settle each link (report line, next state) as soon as it is recorded, once the network is
   * certainly up, rather than all after the last answer (default true; see early-settle.ts).
   * false settles everything at the end, as before: the two must give the same report.
   */
  settleEarly?: boolean;
}

export interface RunCheckResult {
  /** The whole report; null when the run stopped before checking, or with `collect: false`. */
  report: Report | null;
  /** The report without its links (run, summary, fixed, history), whenever a run was made. */
  head?: ReportSource['head'];
  exitCode: ExitCode;
  written: string[];
  /** Problems with the config, inputs or state, each naming file:line. */
  problems: string[];
  /** What the run replaced and recorded (absent when it stopped before checking). */
  disposition?: RunDisposition;
}

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
    await store.close();
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
  let resume: JournalRun | null = null;
  if (ctx.resume) {
    resume = await store.journal.unfinished();
    if (ctx.resume === true) {
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
    { ...ctx, catalogues: [...new Set(inputs.map(inputLabel))], language: ctx.language },
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
