import { networkCertainlyOk } from '../classify/index.js';
import type { LinkState } from '../model/index.js';
import type { HistoryPolicy } from '../state/index.js';
import type { HistoryStore, SettledRow } from '../store/index.js';
import { hostnameOf } from '../text/parsed-url.js';
import { needsArchive } from './archive-plan.js';
import { assembleLink } from './assemble.js';
import { catalogueArchiveOf } from './catalogue-archive.js';
import type { LinkObservation } from './engine.js';
import { fromJournal } from './journal.js';
import type { PriorMemo } from './prior-memo.js';

/*
 * Settling a link (its report line and next state) needs one run-level fact: whether our own
 * network was down. That is usually certain long before the run ends (see networkCertainlyOk),
 * and from then on each link can be settled as soon as it is recorded, while the run still
 * waits on its slowest hosts, instead of all of them after the last answer. Links that need
 * something only the end of the run has (an archive lookup, the playback of the catalogue's own
 * archived copy) are left to the final settling, which takes whatever is still unsettled.
 */

export interface EarlySettleOptions {
  store: HistoryStore;
  policy: HistoryPolicy;
  now: () => Date;
  /** False for a run that records nothing (unread inputs): report lines only, no new states. */
  recordLinks: boolean;
  /** Archive lookups at the end of the run (null: none); such links are settled then. */
  archive: { lookupAll: boolean } | null;
  /** The prior states the engine already read (prior-memo.ts); the rest is read from the store. */
  priors?: PriorMemo;
}

/** What a batch settles as it is recorded (store.journal.recordSettled). */
export interface EarlySettlement {
  settled: SettledRow[];
  states: LinkState[];
  /** False while the network could still turn out down: nothing of the batch was settled. */
  certain: boolean;
}

/** Journal rows the backlog settles per transaction (see journal.ts, TRANSACTION_ROWS). */
const BACKLOG_PAGE = 50;

export interface EarlySettler {
  /**
   * How many hosts the run fetches from (the engine's plan): the most the network rule can
   * count. Nothing is certain before it is known.
   */
  planned(hosts: number): void;
  /** Notes which hosts answered; call for every observation, in order. */
  observe(obs: LinkObservation): void;
  /** Which of a batch about to be recorded can be settled with it (none: an empty list). */
  settle(observations: readonly LinkObservation[]): Promise<EarlySettlement>;
  /**
   * Settles what the run recorded before the network was certain, as `settle` would have, one
   * page (one transaction) after each `turn()`. Rows it leaves (archive lookups, the catalogue's
   * copy) stay for the end of the run.
   */
  backlog(runId: string, turn: () => Promise<void>): Promise<void>;
}

export function earlySettler(opts: EarlySettleOptions): EarlySettler {
  let hostsAtMost: number | null = null;
  const reached = new Set<string>();
  let certain = false;
  return {
    planned(hosts) {
      hostsAtMost = hosts;
    },
    observe(obs) {
      if (certain || hostsAtMost === null || !obs.outcome || obs.connectionFailure) return;
      const host = hostnameOf(obs.target.url);
      if (host === null) return;
      reached.add(host.toLowerCase());
      certain = networkCertainlyOk(reached.size, hostsAtMost);
    },
    async settle(observations) {
      const rows: SettledRow[] = [];
      const states: LinkState[] = [];
      if (!certain) return { settled: rows, states, certain };
      const ready = observations.filter((o) => catalogueArchiveOf(o.target) === null);
      if (ready.length === 0) return { settled: rows, states, certain };
      const priors = await priorsOf(
        ready.map((o) => o.target.url),
        opts,
      );
      const ctx = {
        network: { status: 'ok' as const, hostsChecked: reached.size, hostsUnreachable: 0 },
        policy: opts.policy,
        now: opts.now(),
      };
      for (const obs of ready) {
        const one = assembleLink(obs, priors.get(obs.target.url), undefined, ctx);
        if (opts.archive && needsArchive(one.link, opts.archive.lookupAll)) continue;
        rows.push({ url: one.link.url, link: one.link, fixed: one.fixed });
        if (opts.recordLinks && one.state) states.push(one.state);
      }
      return { settled: rows, states, certain };
    },
    async backlog(runId, turn) {
      if (!certain) return;
      for await (const page of opts.store.journal.unsettled(runId, BACKLOG_PAGE)) {
        await turn();
        const { settled, states } = await this.settle(page.map(fromJournal));
        if (settled.length > 0) await opts.store.journal.settle(runId, settled, states);
      }
    },
  };
}

/** The links' prior states: those the engine read, and the rest from the store. */
async function priorsOf(
  urls: string[],
  opts: Pick<EarlySettleOptions, 'store' | 'priors'>,
): Promise<Map<string, LinkState>> {
  if (!opts.priors) return opts.store.readLinks(urls);
  const { found, missing } = opts.priors.take(urls);
  if (missing.length === 0) return found;
  for (const [url, state] of await opts.store.readLinks(missing)) found.set(url, state);
  return found;
}
