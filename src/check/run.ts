import { realpath } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { formatProblem } from '../catalogue/index.js';
import type { CheckOptions } from '../config/options.js';
import type { FetcherOptions } from '../fetch/index.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { chooseLanguage, type Language } from '../i18n/language.js';
import { collectTargets, inputLabel, isUrlInput, STDIN_INPUT } from '../inputs/index.js';
import type { Report, ReportSource, Target } from '../model/index.js';
import {
  collectReport,
  failingStatuses,
  jsonChunks,
  renderSummaryFacts,
  slotPath,
  summaryFactOptions,
  summaryFactsFrom,
  writeReports,
} from '../report/index.js';
import { plural } from '../report/view.js';
import { sharedRunFor } from '../scale/index.js';
import {
  createMemoryStore,
  type HistoryStore,
  type JournalRun,
  openHistoryStore,
} from '../store/index.js';
import { HISTORY_IN_REPORT } from './assemble.js';
import { filterChanged, gitChangedLines } from './changed.js';
import { loadConfig } from './config.js';
import { checkRun } from './pipeline.js';
import { compilePatterns } from './plan.js';
import { dispositionOf, type RunDisposition } from './publish.js';

export type ExitCode = 0 | 1 | 2 | 3;

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

  // URLs and `-` (a URL list on stdin) are inputs too, not paths to resolve.
  const isPath = (p: string) => !isUrlInput(p) && p !== STDIN_INPUT;
  const inputs = (opts.inputs?.length ? opts.inputs : [join(cwd, 'catalogue')]).map((p) =>
    isPath(p) ? relative(cwd, resolve(cwd, p)) || '.' : p,
  );
  const collected = await collectTargets(
    inputs.map((p) => (isPath(p) ? resolve(cwd, p) : p)),
    {
      cwd,
      maxBytes: options.maxInputBytes,
      ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
    },
  );
  const problems = collected.problems.map(formatProblem);
  let targets = collected.targets;
  if (options.changedSince) {
    try {
      const { lines, root } = await gitChangedLines(cwd, options.changedSince);
      // git names files from the real path of the repo: a symlinked cwd (macOS's /var, a
      // linked checkout) must be resolved the same way, or no citation ever matches.
      const real = await realPaths(targets, cwd);
      targets = filterChanged(targets, lines, (file) => relative(root, real.get(file) ?? file));
    } catch (err) {
      // One sentence: never the raw git command line and its stderr.
      problems.push(`--changed-since ${options.changedSince}: ${(err as Error).message}`);
      return { report: null, exitCode: 2, written: [], problems };
    }
  }

  const reportDir = resolve(cwd, options.reportDir);
  const opened = await openHistoryStore({
    reportDir,
    cwd,
    ...(options.store ? { store: options.store } : {}),
    archiveCacheFile: loaded.config.archive.cache.path,
    ...(opts.now ? { now: opts.now } : {}),
  });
  let store: HistoryStore;
  if (!opened.ok) {
    // A store this version must not write (newer schema, another engine), or a shared database
    // out of reach (the run would check alone what others share), is a usage problem.
    if (
      opened.error.code === 'store-newer-schema' ||
      opened.error.code === 'store-unsupported-url' ||
      opened.error.code === 'store-unreachable'
    )
      return { report: null, exitCode: 2, written: [], problems: [opened.error.message] };
    // A damaged history is never overwritten: the run goes on without history, and says so.
    problems.push(opened.error.message);
    store = createMemoryStore();
  } else {
    store = opened.store;
    // A damaged state.json not yet imported: the same, and the file stays as it is.
    if (opened.problem)
      problems.push(`${join(options.reportDir, 'state.json')}:1: ${opened.problem}`);
    for (const notice of opened.notices ?? []) opts.logger?.warn(notice);
  }
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
    loaded: import('./config.js').LoadedConfig;
    reportDir: string;
    /** The readers' language (issue 12), recorded in the report's run. */
    language: Language;
  },
): Promise<RunCheckResult> {
  const { options, cwd, reportDir } = ctx;
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
  const head = checked.source.head;
  const written: string[] = [];
  const disposition = dispositionOf({
    complete: head.run.complete,
    unreadInputs: inputCounts.unread,
    subset,
  });
  // Forgetting links no input cites needs every input read, every line included.
  const forget = disposition.forgetUnseen && inputCounts.problems === 0;
  // The check is done: a file that cannot be written is a problem to report (exit 2), not a
  // crash that loses the summary and every other file.
  const attempt = async (what: string, write: () => Promise<string[]>) => {
    try {
      written.push(...(await write()));
    } catch (err) {
      problems.push(`${what}: cannot write: ${(err as Error).message}`);
    }
  };
  await attempt(store.location, async () => {
    if (disposition.recordRun) await store.writeRun(checked.record, HISTORY_IN_REPORT);
    if (forget) await store.journal.pruneLinksOutside(checked.runId);
    return [];
  });
  const writing = performance.now();
  // Every file is streamed from the history's journal: the links are read once per file.
  await attempt(options.reportDir, () =>
    writeReports(checked.source, {
      dir: reportDir,
      formats: options.formats,
      retain: options.retain,
      failOn: options.failOn,
      slot: disposition.reports,
      htmlMaxOkLinks: options.htmlMaxOkLinks,
    }),
  );
  ctx.logger?.debug({ ms: Math.round(performance.now() - writing) }, 'reports written');
  const json = options.json;
  if (json) {
    await attempt(json, async () => {
      const file = slotPath(resolve(cwd, json), disposition.reports);
      await writeFileAtomic(file, jsonChunks(checked.source));
      return [file];
    });
  }
  // Quiet leaves out counts and moved links, never the failures: silence means nothing broke.
  // Gathered in one pass holding only the links it names, before a failed run is discarded.
  const summaryOptions = options.quiet ? { failuresOnly: failingStatuses(options.failOn) } : {};
  const facts = await summaryFactsFrom(checked.source, summaryFactOptions(summaryOptions));
  const report = ctx.collect === false ? null : await collectReport(checked.source);
  await ctx.onReport?.(checked.source);
  if (disposition.reports === 'failed') {
    // Nothing of it is kept: neither `rotwatch report` nor a resume may take it up.
    await attempt(store.location, async () => {
      await store.journal.discard(checked.runId);
      return [];
    });
    problems.push(
      `${plural(inputCounts.unread, 'input')} could not be read: this run is not published (report in ${join(options.reportDir, 'latest.failed.json')}; latest.* and the history are unchanged)`,
    );
  } else if (head.run.complete) {
    // An interrupted run stays unfinished in the journal: `--resume` completes it.
    await attempt(store.location, async () => {
      await store.journal.finish(checked.runId, head);
      return [];
    });
  }
  const summary = renderSummaryFacts(facts, summaryOptions);
  if (summary) ctx.out?.stdout?.(summary);
  if (disposition.reports === 'partial') {
    ctx.out?.stderr?.(
      `Interrupted: the partial report is in ${join(options.reportDir, 'latest.partial.json')}; latest.* still holds the last complete run.\n`,
    );
  }
  for (const p of problems) ctx.out?.stderr?.(`${p}\n`);
  const exitCode = disposition.failed ? 2 : exitCodeOf(head, options.failOn, problems.length > 0);
  return { report, head, exitCode, written, problems, disposition };
}

/** Every --include/--exclude pattern that is not a valid regular expression, as a problem. */
function patternProblems(options: CheckOptions): string[] {
  const problems: string[] = [];
  for (const [flag, patterns] of [
    ['--include', options.include],
    ['--exclude', options.exclude],
  ] as const) {
    for (const p of compilePatterns(patterns).bad) {
      let why = 'invalid';
      try {
        new RegExp(p, 'i');
      } catch (err) {
        why = (err as Error).message;
      }
      problems.push(`${flag} ${JSON.stringify(p)}: not a valid regular expression (${why})`);
    }
  }
  return problems;
}

/** The real path of each citing file, keyed by the file name as cited. */
async function realPaths(targets: Target[], cwd: string): Promise<Map<string, string>> {
  const files = new Set(targets.flatMap((t) => t.citations.map((c) => c.file)));
  const real = new Map<string, string>();
  for (const file of files) {
    const path = resolve(cwd, file);
    real.set(file, await realpath(path).catch(() => path));
  }
  return real;
}

/** exitCodeFor from the report's head: its counts say whether any link fails. */
export function exitCodeOf(
  head: Pick<Report, 'run' | 'summary'>,
  failOn: CheckOptions['failOn'],
  hadProblems: boolean,
): ExitCode {
  if (head.run.network.status === 'down') return 3;
  if (hadProblems) return 2;
  const failing = failingStatuses(failOn);
  return [...failing].some((status) => (head.summary[status] ?? 0) > 0) ? 1 : 0;
}

/** Exit code contract: 3 inconclusive, 2 bad input, 1 failures at or above --fail-on, else 0. */
export function exitCodeFor(
  report: Report,
  failOn: CheckOptions['failOn'],
  hadProblems: boolean,
): ExitCode {
  if (report.run.network.status === 'down') return 3;
  if (hadProblems) return 2;
  const failing = failingStatuses(failOn);
  return report.links.some((l) => failing.has(l.status)) ? 1 : 0;
}
