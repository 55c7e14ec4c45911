import { randomUUID } from 'node:crypto';
import { createArchiveFinder, createCaptureJudge } from '../archive/index.js';
import { classify, type NetworkHealth } from '../classify/index.js';
import type { CheckOptions } from '../config/options.js';
import { extractMeta } from '../extract/index.js';
import { createFetcher, createRobotsChecker, type FetcherOptions } from '../fetch/index.js';
import type { ArchiveLookup, Report, RunState, Target } from '../model/index.js';
import { VERSION } from '../version.js';
import { archiveRequestFor, needsArchive } from './archive-plan.js';
import { assembleReport } from './assemble.js';
import { canaryReachable } from './canary.js';
import type { LoadedConfig } from './config.js';
import { checkTargets } from './engine.js';
import { createProgress } from './progress.js';
import type { RunCheckOptions } from './run.js';

/** assessNetwork's default minHosts: below it, a run failing everywhere is ambiguous. */
const SMALL_RUN_HOSTS = 3;

/** Checks targets and builds the report and the next state; writes nothing. */
export async function checkAndAssemble(
  targets: Target[],
  options: CheckOptions,
  config: LoadedConfig,
  prior: RunState,
  opts: RunCheckOptions & { catalogues: string[] },
): Promise<{ report: Report; state: RunState }> {
  const now = opts.now ?? (() => new Date());
  const startedAt = now();
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
    const engine = await checkTargets(targets, options, {
      fetcher,
      robots: createRobotsChecker(fetcher, opts.signal ? { signal: opts.signal } : {}),
      prior: (url) => prior.links[url],
      ...(opts.signal ? { signal: opts.signal } : {}),
      onObservation: (_o, done, total) => progress.update(done, total),
      now,
    });
    progress.finish();
    const network = await confirmNetwork(engine.network, options, opts.lookup);
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
    const run = {
      id: `${startedAt.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`,
      startedAt: startedAt.toISOString(),
      finishedAt: now().toISOString(),
      toolVersion: VERSION,
      catalogues: opts.catalogues,
      complete: engine.complete,
    };
    const policy = {
      minRuns: options.deadAfterRuns,
      minDays: options.deadAfterDays,
      // Checking the links a change adds: a domain that does not exist is a typo, dead now.
      ...(options.changedSince ? { conclusive: new Set(['dns-nxdomain']) } : {}),
    };
    const base = {
      run,
      network,
      observations: engine.observations,
      prior,
      policy,
      now: now(),
    };
    const first = assembleReport({ ...base, archives: new Map() });
    if (network.status === 'down' || opts.signal?.aborted || !config.archive.enabled) return first;

    // Archive lookups need the final verdicts (history included), hence the second assembly.
    const finder = createArchiveFinder(config.archive, {
      judge: createCaptureJudge({ fetcher, extractMeta, classify }),
      userAgent: options.userAgent,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const archives = new Map<string, ArchiveLookup>();
    const observed = new Map(engine.observations.map((o) => [o.target.url, o]));
    try {
      await Promise.all(
        first.report.links
          .filter((l) => needsArchive(l, config.archive.lookupAll))
          .map(async (l) => {
            const request = archiveRequestFor(l, observed.get(l.url), prior.links[l.url]);
            archives.set(l.url, await finder.find(request));
          }),
      );
    } finally {
      await finder.close();
    }
    return assembleReport({ ...base, run: { ...run, finishedAt: now().toISOString() }, archives });
  } finally {
    await fetcher.close();
  }
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
