import { randomUUID } from 'node:crypto';
import { createArchiveFinder, createCaptureJudge, storeLookupCache } from '../archive/index.js';
import { assessNetwork, classify, type NetworkHealth } from '../classify/index.js';
import type { CheckOptions } from '../config/options.js';
import { extractMeta } from '../extract/index.js';
import { createFetcher, createRobotsChecker, type FetcherOptions } from '../fetch/index.js';
import type { Language } from '../i18n/language.js';
import {
  type ReportSource,
  type ReportSummary,
  type RunSummaryRecord,
  type Target,
  VERDICTS,
} from '../model/index.js';
import { memoSource } from '../report/source.js';
import type { RunCoordinator } from '../scale/coordinator.js';
import type { HistoryStore, JournalRun, JournalTotals } from '../store/index.js';
import { VERSION } from '../version.js';
import { HISTORY_IN_REPORT, reportHead, runRecordOf } from './assemble.js';
import { canaryReachable } from './canary.js';
import { checkCatalogueArchives } from './catalogue-archive.js';
import type { LoadedConfig } from './config.js';
import { earlySettler } from './early-settle.js';
import { checkTargets } from './engine.js';
import { hostStates } from './host-states.js';
import { journalWriter, priorLoader } from './journal.js';
import { createProgress } from './progress.js';
import { RequestBudget } from './request-budget.js';
import type { RunCheckOptions } from './run.js';
import { settleRun } from './settle.js';

/** assessNetwork's default minHosts: below it, a run failing everywhere is ambiguous. */
const SMALL_RUN_HOSTS = 3;
/** URLs asked of the journal at once when resuming. */
const RESUME_BATCH = 1_000;

/** The history a run reads and writes. */
export interface RunHistory {
  store: HistoryStore;
  /** The unfinished run to continue (`--resume`), or null for a new run. */
  resume: JournalRun | null;
  /** False for a run whose checks must not change any link's history (unread inputs). */
  recordLinks: boolean;
  /**
   * Archive lookups cached in the store (a CLI run); false: in the file at `cache.path`, as
   * the library does. Either way `cache.path: null` turns caching off.
   */
  archiveCacheInStore: boolean;
  /**
   * A run shared with other processes (a PostgreSQL history): joined or started through the
   * coordinator, checked a shard (registrable domain) at a time under leases, and settled by
   * the one process that finishes it.
   */
  shared?: RunCoordinator;
}

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
}

/** What a new run keeps in its journal about how it was started. */
export interface RunInfo {
  catalogues: string[];
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
  opts: RunCheckOptions & { catalogues: string[]; language?: Language },
): Promise<CheckedRun>;
export async function checkRun(
  targets: Target[],
  options: CheckOptions,
  config: LoadedConfig,
  history: RunHistory,
  opts: RunCheckOptions & { catalogues: string[]; language?: Language },
): Promise<CheckedRun | LeftRun>;
export async function checkRun(
  targets: Target[],
  options: CheckOptions,
  config: LoadedConfig,
  history: RunHistory,
  opts: RunCheckOptions & { catalogues: string[]; language?: Language },
): Promise<CheckedRun | LeftRun> {
  const now = opts.now ?? (() => new Date());
  const { store } = history;
  let runId: string;
  let startedAt: string;
  let todo = targets;
  if (history.shared) {
    const start = now();
    const joined = await history.shared.join({
      targets,
      info: { catalogues: opts.catalogues } satisfies RunInfo,
      scope: { include: options.include, exclude: options.exclude, since: options.changedSince },
      runId: `${start.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`,
      startedAt: start.toISOString(),
    });
    if (!joined) return { runId: '', left: 'nothing-due', checkedNow: 0 };
    runId = joined.runId;
    startedAt = joined.startedAt;
  } else if (history.resume) {
    runId = history.resume.id;
    startedAt = history.resume.startedAt;
    todo = await notRecorded(store, runId, targets);
  } else {
    const start = now();
    startedAt = start.toISOString();
    runId = `${startedAt.replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    const info: RunInfo = { catalogues: opts.catalogues };
    await store.journal.begin({ id: runId, startedAt, finished: false, info, head: null });
  }
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
    const settler =
      history.shared || history.resume || opts.settleEarly === false
        ? null
        : earlySettler({
            store,
            policy,
            now,
            recordLinks: history.recordLinks,
            archive: config.archive.enabled ? { lookupAll: config.archive.lookupAll } : null,
          });
    const journal = journalWriter(store, runId, settler ? (b) => settler.settle(b) : undefined);
    const robots = createRobotsChecker(fetcher, opts.signal ? { signal: opts.signal } : {});
    const prior = priorLoader(store);
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
    // The whole run's hosts, the interrupted part of a resumed run included.
    const health = assessNetwork(await store.journal.hostHealth(runId));
    const network = await confirmNetwork(health, options, opts.lookup);
    if (network.status === 'down') {
      // Debug only: the summary (or the CLI, when quiet) says it to the reader, once.
      opts.logger?.debug(
        {
          hostsChecked: network.hostsChecked,
          hostsUnreachable: network.hostsUnreachable,
        },
        'no network: most hosts were unreachable at once; no link is declared dead from this run',
      );
    }
    const judge = createCaptureJudge({ fetcher, extractMeta, classify });
    const catalogueArchives =
      network.status === 'down' || opts.signal?.aborted
        ? new Map()
        : await checkCatalogueArchives(targets, judge, opts.signal ? { signal: opts.signal } : {});
    const lookups = network.status !== 'down' && !opts.signal?.aborted && config.archive.enabled;
    const finder = lookups
      ? createArchiveFinder(config.archive, {
          judge,
          userAgent: options.userAgent,
          ...(opts.signal ? { signal: opts.signal } : {}),
          // The lookup cache lives in the history, unless caching is off (`cache.path: null`).
          ...(history.archiveCacheInStore && config.archive.cache.path !== null
            ? { cache: storeLookupCache(store) }
            : {}),
          // A shared store: the archives' limits hold for every process on it together.
          ...(history.shared ? { sharedLimit: history.shared.archiveLimit } : {}),
        })
      : null;
    try {
      await settleRun({
        store,
        runId,
        ctx: { network, policy, now: now(), catalogueArchives },
        recordLinks: history.recordLinks,
        archive: finder ? { finder, lookupAll: config.archive.lookupAll } : null,
      });
    } finally {
      await finder?.close();
    }
    opts.logger?.debug({ ms: Math.round(performance.now() - checkedAt) }, 'links settled');
    // A shared run: when each of its links is next due (live a week, failing three days).
    if (history.shared && history.recordLinks)
      await history.shared.recordDue(store.journal.links(runId));
    const totals = await store.journal.totals(runId);
    const runs = (await store.readRuns(HISTORY_IN_REPORT + 1)).filter((r) => r.id !== runId);
    const run = {
      id: runId,
      startedAt,
      finishedAt: now().toISOString(),
      toolVersion: VERSION,
      catalogues: opts.catalogues,
      complete,
      ...(opts.language ? { language: opts.language } : {}),
    };
    const head = reportHead(run, network, summaryOf(totals), totals.fixed, runs);
    return {
      runId,
      // The report files read the links once per pass: a run of ordinary size reads the
      // store once.
      source: memoSource({ head, links: () => store.journal.links(runId) }),
      record: runRecordOf(head),
      checkedNow: history.shared ? checkedNow : todo.length,
    };
  } finally {
    await fetcher.close();
  }
}

/** The report's summary from the journal's totals (the same counts `summarise` makes). */
function summaryOf(totals: JournalTotals): ReportSummary {
  const summary = { total: 0 } as ReportSummary;
  for (const v of VERDICTS) {
    summary[v] = totals.counts[v] ?? 0;
    summary.total += summary[v];
  }
  summary.notChecked = totals.notChecked;
  summary.drifted = totals.drifted;
  return summary;
}

/** The targets the run's journal has no row for. */
async function notRecorded(store: HistoryStore, runId: string, targets: Target[]) {
  const out: Target[] = [];
  for (let i = 0; i < targets.length; i += RESUME_BATCH) {
    const batch = targets.slice(i, i + RESUME_BATCH);
    const done = await store.journal.recorded(
      runId,
      batch.map((t) => t.url),
    );
    for (const t of batch) if (!done.has(t.url)) out.push(t);
  }
  return out;
}

/** Fewer hosts than the network rule needs, all unreachable: ask a canary before calling it. */
async function confirmNetwork(
  network: NetworkHealth,
  options: CheckOptions,
  lookup: FetcherOptions['lookup'] | undefined,
): Promise<NetworkHealth> {
  if (network.status !== 'down' || network.hostsChecked >= SMALL_RUN_HOSTS) return network;
  if (options.networkCanaries.length === 0) return network;
  const up = await canaryReachable(options.networkCanaries, {
    ...(lookup ? { lookup } : {}),
    timeoutMs: Math.min(options.timeout, 10_000),
  });
  return up ? { ...network, status: 'ok' } : network;
}
