// After the last answer the run learns what only the whole run can tell (whether the network
// was up) and only then settles its links, looking up archives where that is worth it. Kept
// apart from the engine wiring: a different phase, with its own resources and failure modes.

import type { ArchiveOptions } from '../archive/config.js';
import { createArchiveFinder, createCaptureJudge, storeLookupCache } from '../archive/index.js';
import { assessNetwork, classify, type NetworkHealth } from '../classify/index.js';
import type { CheckOptions } from '../config/options.js';
import { extractMeta } from '../extract/index.js';
import type { Fetcher, FetcherOptions } from '../fetch/index.js';
import type { Logger } from '../log.js';
import type { Target } from '../model/index.js';
import type { HistoryPolicy } from '../state/history.js';
import { canaryReachable } from './canary.js';
import { checkCatalogueArchives } from './catalogue-archive.js';
import type { RunHistory } from './run-history.js';
import { settleRun } from './settle.js';

/** assessNetwork's default minHosts: below it, a run failing everywhere is ambiguous. */
const SMALL_RUN_HOSTS = 3;

export interface PostCheckInput {
  runId: string;
  /** Every target of the run (the catalogues' own archive links are checked from them). */
  targets: Target[];
  options: CheckOptions;
  archive: ArchiveOptions;
  history: RunHistory;
  policy: HistoryPolicy;
  fetcher: Fetcher;
  now: () => Date;
  signal?: AbortSignal | undefined;
  lookup?: FetcherOptions['lookup'] | undefined;
  logger?: Logger | undefined;
}

/**
 * Judges the run's network, then settles the journal (history, archives) under it. Returns the
 * network health the report states.
 */
export async function settleChecked(input: PostCheckInput): Promise<NetworkHealth> {
  const { runId, targets, options, archive, history, fetcher, signal, now } = input;
  const { store } = history;
  // The whole run's hosts, the interrupted part of a resumed run included.
  const health = assessNetwork(await store.journal.hostHealth(runId));
  const network = await confirmNetwork(health, options, input.lookup);
  if (network.status === 'down') {
    // Debug only: the summary (or the CLI, when quiet) says it to the reader, once.
    input.logger?.debug(
      {
        hostsChecked: network.hostsChecked,
        hostsUnreachable: network.hostsUnreachable,
      },
      'no network: most hosts were unreachable at once; no link is declared dead from this run',
    );
  }
  const judge = createCaptureJudge({ fetcher, extractMeta, classify });
  const catalogueArchives =
    network.status === 'down' || signal?.aborted
      ? new Map()
      : await checkCatalogueArchives(targets, judge, signal ? { signal } : {});
  const lookups = network.status !== 'down' && !signal?.aborted && archive.enabled;
  const finder = lookups
    ? createArchiveFinder(archive, {
        judge,
        userAgent: options.userAgent,
        ...(signal ? { signal } : {}),
        // The lookup cache lives in the history, unless caching is off (`cache.path: null`).
        ...(history.archiveCacheInStore && archive.cache.path !== null
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
      ctx: { network, policy: input.policy, now: now(), catalogueArchives },
      recordLinks: history.recordLinks,
      archive: finder ? { finder, lookupAll: archive.lookupAll } : null,
    });
  } finally {
    await finder?.close();
  }
  return network;
}

/** Fewer hosts than the network rule needs, all unreachable: ask a canary before calling it. */
export async function confirmNetwork(
  network: NetworkHealth,
  options: Pick<CheckOptions, 'networkCanaries' | 'timeout'>,
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
