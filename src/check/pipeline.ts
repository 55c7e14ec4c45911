// One run from targets to a report: the engine run with its journal and early settler, then
// the post-check phase, each process of a shared run doing its part. The phases themselves
// live in their own modules; this file wires them in order.
import type { CheckOptions } from '../config/options.js';
import { createFetcher, createRobotsChecker } from '../fetch/index.js';
import type { Language } from '../i18n/language.js';
import type { ReportSource, RunSummaryRecord, Target } from '../model/index.js';
import type { LinkRows } from '../report/link-rows.js';
import { MEMO_MAX_LINKS } from '../report/source.js';
import { linkRowsFor } from '../report/write.js';
import { withJournal } from '../store/index.js';
import type { LoadedConfig } from './config.js';
import { earlySettler } from './early-settle.js';
import { checkTargets } from './engine.js';
import { hostStates } from './host-states.js';
import { journalWriter, priorLoader } from './journal.js';
import { LaneGuard } from './lane-guard.js';
import { settleChecked } from './post-check.js';
import { prerenderer } from './prerender.js';
import { PriorMemo } from './prior-memo.js';
import { createProgress } from './progress.js';
import { RequestBudget } from './request-budget.js';
import { type RunInfo, runInfoOf } from './run-fingerprint.js';
import { type RunHistory, startRun } from './run-history.js';
import type { RunCheckOptions } from './run-options.js';
import { settledReport } from './run-report.js';
import { settledMirror } from './settled-mirror.js';

export type { RunHistory, RunInfo } from './run-history.js';

/** A shared run this process did not finish: another finishes it, or it was interrupted. */
export interface LeftRun {
  runId: string;
  left: 'finished-elsewhere' | 'interrupted' | 'nothing-due';
  checkedNow: number;
}

export interface CheckedRun {
  runId: string;
  /** The report: its head in memory, its links streamed from the store's journal. */
  source: ReportSource;
  /** The run's line in the run history (the caller decides whether it is recorded). */
  record: RunSummaryRecord;
  /** Links checked by this process (a resumed run: only those the interrupted one had not). */
  checkedNow: number;
  /** The report's per-link texts rendered ahead of time, for the writers (link-rows.ts). */
  rows?: LinkRows;
}

/**
 * Checks targets, recording each observation in the store's run journal as it comes, then
 * settles the journal (history, archives) and returns the report as a stream over it. Link
 * states are written by the settling; the run record and pruning are the caller's.
 */
export async function checkRun(
  targets: Target[],
  options: CheckOptions,
  config: LoadedConfig,
  history: RunHistory & { shared?: undefined },
  opts: RunCheckOptions & { catalogues: string[]; language?: Language; info?: RunInfo },
): Promise<CheckedRun>;
export async function checkRun(
  targets: Target[],
  options: CheckOptions,
  config: LoadedConfig,
  history: RunHistory,
  opts: RunCheckOptions & { catalogues: string[]; language?: Language; info?: RunInfo },
): Promise<CheckedRun | LeftRun>;
export async function checkRun(
  targets: Target[],
  options: CheckOptions,
  config: LoadedConfig,
  history: RunHistory,
  opts: RunCheckOptions & { catalogues: string[]; language?: Language; info?: RunInfo },
): Promise<CheckedRun | LeftRun> {
  const now = opts.now ?? (() => new Date());
  const info = opts.info ?? runInfoOf(opts.catalogues, options, targets);
  const started = await startRun(targets, options, history, info, now);
  if (!started) return { runId: '', left: 'nothing-due', checkedNow: 0 };
  const { runId, startedAt, todo } = started;
  // One guard for the run's engine and its journal: batches wait while the busiest host's
  // request or answer is about to pass. A shared run's shards each keep their own.
  const guard = history.shared ? null : new LaneGuard();
  // This process settles the links of its own run (a shared one's are settled by whichever
  // process finishes it): kept as they are written, they need no read back for the report, and
  // their report texts are rendered while the run waits on its busiest host (prerender.ts).
  // A run with more links than the mirror keeps is reported from the store: nothing to render.
  const rows =
    guard && todo.length <= MEMO_MAX_LINKS
      ? linkRowsFor({ formats: options.formats, failOn: options.failOn, language: opts.language })
      : null;
  const ahead = rows && guard ? prerenderer(rows, { hold: () => guard.active() }) : null;
  const mirror = history.shared
    ? null
    : settledMirror(history.store.journal, runId, { listener: ahead ?? undefined });
  const store = mirror ? withJournal(history.store, mirror.journal) : history.store;
  const fetcher = createFetcher({
    userAgent: options.userAgent,
    timeoutMs: options.timeout,
    retries: options.retries,
    backoffBaseMs: options.backoffBase,
    backoffMaxMs: options.backoffMax,
    retryAfterMaxMs: options.retryAfterMax,
    maxRedirects: options.maxRedirects,
    maxBodyBytes: options.maxBodyBytes,
    allowPrivateAddresses: options.allowPrivateAddresses,
    ...(opts.lookup ? { lookup: opts.lookup } : {}),
  });
  const progress = createProgress(
    (s) => opts.out?.stderr?.(s),
    Boolean(opts.out?.isTTY) && !options.quiet,
  );
  try {
    const policy = {
      minRuns: options.deadAfterRuns,
      minDays: options.deadAfterDays,
      // Checking the links a change adds: a domain that does not exist is a typo, dead now.
      ...(options.changedSince ? { conclusive: new Set(['dns-nxdomain']) } : {}),
    };
    // A shared run is settled by the process that finishes it; a resumed one has hosts this
    // process never saw in its journal: both settle at the end only.
    const settlesEarly = !(history.shared || history.resume || opts.settleEarly === false);
    const priors = settlesEarly ? new PriorMemo() : undefined;
    const settler = settlesEarly
      ? earlySettler({
          store,
          policy,
          now,
          recordLinks: history.recordLinks,
          archive: config.archive.enabled ? { lookupAll: config.archive.lookupAll } : null,
          ...(priors ? { priors } : {}),
        })
      : null;
    const journal = journalWriter(
      store,
      runId,
      settler ?? undefined,
      guard ? () => guard.active() : undefined,
    );
    const robots = createRobotsChecker(fetcher, opts.signal ? { signal: opts.signal } : {});
    const prior = priorLoader(store, priors);
    let checkedNow = 0;
    const engineRun = async (
      list: Target[],
      engineOptions: CheckOptions,
      signal?: AbortSignal,
      budget?: RequestBudget,
    ) => {
      const hosts = await hostStates(store, list);
      const result = await checkTargets(list, engineOptions, {
        fetcher,
        robots,
        prior,
        sink: (o) => {
          settler?.observe(o);
          return journal.add(o);
        },
        storedProbe: hosts.probe,
        onProbe: hosts.keep,
        ...(signal ? { signal } : {}),
        ...(budget ? { budget } : {}),
        ...(guard ? { guard } : {}),
        onPlanned: (plan) => settler?.planned(plan.hosts),
        onObservation: (_o, done, total) => {
          checkedNow++;
          if (!history.shared) progress.update(done, total);
        },
        now,
      });
      await hosts.flush();
      // A shard of a shared run is done only once its links are in the journal.
      await journal.flush();
      return result;
    };
    let complete: boolean;
    if (history.shared) {
      // `concurrency` is the process's: the shards it works at once share one budget of
      // requests in flight, each keeping its hosts' own limits.
      const budget = new RequestBudget(options.concurrency);
      const worked = await history.shared.work(async (list, signal) => {
        await engineRun(list, options, signal, budget);
      }, opts.signal);
      complete = worked.complete;
    } else {
      complete = (await engineRun(todo, options, opts.signal)).complete;
    }
    progress.finish();
    await journal.close();
    // Where a run's time goes after its last answer (settling, archives, reports): debug logs.
    const checkedAt = performance.now();
    opts.logger?.debug({ links: checkedNow }, 'links checked');
    if (history.shared) {
      // Every shard done: one process settles and reports; the others stop here.
      if (!complete) return { runId, left: 'interrupted', checkedNow };
      if (!(await history.shared.claimFinish()))
        return { runId, left: 'finished-elsewhere', checkedNow };
    }
    const network = await settleChecked({
      runId,
      targets,
      options,
      archive: config.archive,
      history: { ...history, store },
      policy,
      fetcher,
      now,
      signal: opts.signal,
      lookup: opts.lookup,
      logger: opts.logger,
    });
    opts.logger?.debug({ ms: Math.round(performance.now() - checkedAt) }, 'links settled');
    // A shared run: when each of its links is next due (live a week, failing three days).
    if (history.shared && history.recordLinks)
      await history.shared.recordDue(store.journal.links(runId));
    const { source, record } = await settledReport(
      store,
      { id: runId, startedAt, catalogues: opts.catalogues, complete, language: opts.language },
      network,
      now,
      mirror,
    );
    return {
      runId,
      source,
      record,
      checkedNow: history.shared ? checkedNow : todo.length,
      ...(rows ? { rows } : {}),
    };
  } finally {
    ahead?.stop();
    await fetcher.close();
  }
}
