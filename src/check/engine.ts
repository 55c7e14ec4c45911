import { assessNetwork, classify, needsProbe } from '../classify/index.js';
import type { CheckOptions } from '../config/options.js';
import { hostOverride } from '../config/options.js';
import { extractMeta } from '../extract/index.js';
import type { Fetcher, RobotsChecker } from '../fetch/index.js';
import type {
  Classification,
  FetchOutcome,
  LinkState,
  PageMeta,
  StoredProbe,
  Target,
} from '../model/index.js';
import { hostnameOf } from '../text/parsed-url.js';
import { hostProbes } from './host-probes.js';
import { type FetchItem, planByHost, runHostWorkers } from './host-workers.js';
import { LaneGuard } from './lane-guard.js';
import { followLoopLoad } from './loop-load.js';
import type { PlannedTarget } from './plan.js';
import type { RequestBudget } from './request-budget.js';
import { robotsGate } from './robots-gate.js';
import { HostScheduler } from './scheduler.js';
import { NO_BODY, sharedStrings, slim, slimMeta } from './slim.js';
import { turnBudget } from './turn-budget.js';

/**
 * Requests in flight at first, and the least the load follower may leave (loop-load.ts): a run
 * starts below its global concurrency and grows to it while the event loop keeps up.
 */
const START_CAP = 32;
const MIN_CAP = 16;

/** What was observed for one unique URL in this run, before history is applied. */
export interface LinkObservation {
  target: Target;
  outcome: FetchOutcome | null;
  meta: PageMeta | null;
  classification: Classification;
  checkedAt: string;
  /** True when the failure was at connection level (DNS, refused, reset, timeout, TLS). */
  connectionFailure: boolean;
}

export interface EngineDeps {
  fetcher: Fetcher;
  /** Robots checker; only consulted with `respectRobots`. */
  robots?: RobotsChecker;
  /**
   * Prior state of each URL, for conditional requests. May answer later (a store read in
   * batches); it is asked before the request waits for its slot.
   */
  prior?: (url: string) => LinkState | undefined | Promise<LinkState | undefined>;
  signal?: AbortSignal;
  onObservation?: (obs: LinkObservation, done: number, total: number) => void;
  /** Once the targets are planned: how many hosts will be fetched from. */
  onPlanned?: (plan: { hosts: number }) => void;
  /**
   * Where observations go as they come (the run journal). With a sink, the engine keeps none:
   * `observations` is empty and memory does not grow with the catalogue. The next link of the
   * same worker waits for the returned promise (backpressure).
   */
  sink?: (obs: LinkObservation) => void | Promise<void>;
  now?: () => Date;
  /**
   * The origin's probe answer kept from an earlier run (key: scheme, host and non-default port,
   * see probeOriginKey). Reused while younger than `probeReuseDays`.
   */
  storedProbe?: (origin: string) => StoredProbe | undefined;
  /** A fresh probe answer for `origin`, to keep for the next runs. */
  onProbe?: (origin: string, probe: StoredProbe) => void;
  /** Requests in flight shared with the other engines of this process (see request-budget.ts). */
  budget?: RequestBudget;
  /**
   * Holds the rest back around the busiest host's requests while the run is lane-bound
   * (lane-guard.ts), shared with the caller's other deferrable work. Default: one of its own.
   */
  guard?: LaneGuard;
}

export interface EngineResult {
  observations: LinkObservation[];
  network: ReturnType<typeof assessNetwork>;
  /** False when the run was interrupted before every target was checked. */
  complete: boolean;
  badPatterns: string[];
}

/**
 * Checks every target once: plan, fetch under the politeness policy, read, classify. No history
 * and no archives here: this is the part whose output depends only on what the web answered.
 */
export async function checkTargets(
  targets: Target[],
  options: CheckOptions,
  deps: EngineDeps,
): Promise<EngineResult> {
  const now = deps.now ?? (() => new Date());
  const { skips, byHost, total, badPatterns } = planByHost(targets, options);
  deps.onPlanned?.({ hosts: byHost.size });
  const laneConcurrency = (host: string) =>
    hostOverride(options, host)?.concurrency ?? options.perHost;
  const guard = deps.guard ?? new LaneGuard();
  const scheduler = new HostScheduler({
    globalConcurrency: options.concurrency,
    guard,
    initialCap: START_CAP,
    ...(deps.budget ? { budget: deps.budget } : {}),
    limitsFor: (host) => ({
      concurrency: laneConcurrency(host),
      intervalMs: hostOverride(options, host)?.interval ?? options.perHostInterval,
    }),
  });
  // Fewer requests out at once while the answers come faster than this process reads them.
  const load = followLoopLoad(scheduler, {
    min: Math.min(MIN_CAP, options.concurrency),
    max: options.concurrency,
  });
  const onAbort = () => scheduler.close();
  deps.signal?.addEventListener('abort', onAbort, { once: true });

  const observations: LinkObservation[] = [];
  const health = new Map<string, boolean>();
  let done = 0;
  const shared = sharedStrings();
  const reading = turnBudget({ hold: () => guard.active() });

  const record = async (obs: LinkObservation) => {
    done++;
    noteHealth(health, obs);
    if (deps.sink) await deps.sink(obs);
    else observations.push(obs);
    deps.onObservation?.(obs, done, total);
  };

  // A request like any other to its host: admitted in its lane, its gap counted from when
  // it leaves (fetchOpts' onSent).
  const probes = hostProbes<FetchItem>({
    request: (item, probeUrl) =>
      scheduler.run(
        item.host,
        (sent) => deps.fetcher.fetch(probeUrl, fetchOpts(sent, item.headers)),
        {
          urgent: true,
          tracksSend: true,
        },
      ),
    ...(deps.storedProbe ? { storedProbe: deps.storedProbe } : {}),
    ...(deps.onProbe ? { onProbe: deps.onProbe } : {}),
    reuseDays: options.probeReuseDays,
    now,
  });
  const robotsAllow = robotsGate<FetchItem>(options, deps.robots, (item, fn) =>
    scheduler.run(item.host, fn, { urgent: true }),
  );

  // `sent`: the scheduler's word that this task's request left (its host's next may follow).
  const fetchOpts = (
    sent: () => void,
    headers: Record<string, string>,
    extra: Record<string, string> = {},
  ) => ({
    headers: { ...headers, ...extra },
    beforeRequest: (url: URL) => scheduler.pace(url.hostname.toLowerCase()),
    onSent: (url: URL) => {
      sent();
      scheduler.sent(url.hostname.toLowerCase());
    },
    ...(deps.signal ? { signal: deps.signal } : {}),
  });

  /** `read`: called once the page is read (the rest waits for the probe and the journal). */
  const checkOne = async (item: PlannedTarget, read?: () => void): Promise<void> => {
    if (item.kind === 'skip') {
      await record({
        target: item.target,
        outcome: null,
        meta: null,
        classification: item.classification,
        checkedAt: now().toISOString(),
        connectionFailure: false,
      });
      return;
    }
    const allowed = await robotsAllow(item);
    if (deps.signal?.aborted) return; // stopped while robots.txt was out: not checked
    if (!allowed) {
      await record({
        target: item.target,
        outcome: null,
        meta: null,
        classification: {
          status: 'skipped',
          reason: 'robots',
          message: 'Disallowed by the site\u2019s robots.txt (--respect-robots).',
        },
        checkedAt: now().toISOString(),
        connectionFailure: false,
      });
      return;
    }
    const conditional = conditionalHeaders(await deps.prior?.(item.target.url));
    if (deps.signal?.aborted) return;
    const outcome = await scheduler.run(
      item.host,
      (sent) => deps.fetcher.fetch(item.target.url, fetchOpts(sent, item.headers, conditional)),
      { tracksSend: true },
    );
    if (outcome.error?.code === 'aborted') return; // interrupted: not checked, not reported
    // A few ms of page reading per turn of the event loop (turn-budget.ts).
    const turn = reading.gate();
    if (turn) await turn;
    const meta = outcome.response ? extractMeta(outcome.response) : null;
    // The body has been read into `meta`: keeping up to 256 KiB per page would make memory
    // grow with the catalogue.
    if (outcome.response) outcome.response.body = NO_BODY;
    read?.();
    const wantsProbe = needsProbe(outcome, meta);
    let probe = wantsProbe ? await probes.probeFor(item) : null;
    let classification = classify({ outcome, meta, probe });
    // A page called gone on the strength of a probe answer from an earlier run: the host may
    // have changed since, so the call is confirmed against a fresh probe (one per host and run).
    if (probe && probes.fromHistory(probe) && classification.reason === 'soft-404') {
      probe = await probes.probeFor(item, { fresh: true });
      classification = classify({ outcome, meta, probe });
    }
    // Stopped before the probe could answer: without it a soft-404 would pass as ok, so this
    // link was not checked conclusively and is left out like the other unfinished ones.
    const probeLost = !probe || probe.outcome.error?.code === 'aborted';
    if (wantsProbe && deps.signal?.aborted && probeLost) return;
    await record({
      target: item.target,
      outcome: slim(outcome, item.target, shared),
      meta: meta ? slimMeta(meta, shared) : null,
      classification,
      checkedAt: now().toISOString(),
      connectionFailure: outcome.error?.level === 'connection',
    });
  };

  // Each host's targets wait as plain data; only a few per host at a time become pending work
  // (host-workers.ts).
  for (const item of skips) await checkOne(item);
  await runHostWorkers(byHost, {
    scheduler,
    width: laneConcurrency,
    check: checkOne,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  load.stop();
  deps.signal?.removeEventListener('abort', onAbort);
  scheduler.close();

  const network = assessNetwork(
    [...health].map(([host, connectionFailed]) => ({ host, connectionFailed })),
  );
  return {
    observations,
    network,
    complete: !deps.signal?.aborted && done === total,
    badPatterns,
  };
}

/** A 304 to these costs no body and counts as alive. */
function conditionalHeaders(prior: LinkState | undefined): Record<string, string> {
  if (prior?.lastStatus !== 'ok') return {};
  const h: Record<string, string> = {};
  if (prior.etag) h['if-none-match'] = prior.etag;
  if (prior.lastModified) h['if-modified-since'] = prior.lastModified;
  return h;
}

/** A host is unreachable when every request to it failed at connection level. */
function noteHealth(health: Map<string, boolean>, o: LinkObservation): void {
  if (!o.outcome) return;
  const host = hostnameOf(o.target.url);
  if (host === null) return;
  health.set(host, (health.get(host) ?? true) && o.connectionFailure);
}
