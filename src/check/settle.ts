import type { ArchiveFinder } from '../archive/index.js';
import type { LinkState } from '../model/index.js';
import type { HistoryStore, SettledRow } from '../store/index.js';
import { archiveRequestFor, needsArchive } from './archive-plan.js';
import { type AssembledLink, assembleLink, type LinkContext } from './assemble.js';
import { fromJournal } from './journal.js';

/** Journal rows settled per transaction: bounded memory, few commits. */
const PAGE = 500;

export interface SettleOptions {
  store: HistoryStore;
  runId: string;
  ctx: LinkContext;
  /** False for a run that records nothing (unread inputs): report lines only, no new states. */
  recordLinks: boolean;
  /** Archive lookups for dead and moved links, when the run makes them. */
  archive: { finder: ArchiveFinder; lookupAll: boolean } | null;
  pageSize?: number;
}

/**
 * Turns the journal's observations into report lines and next link states, a page at a time
 * in URL order, once the run-level facts (network health) are known. Each page is one
 * transaction (lines and states together): a run killed here and resumed settles only the rest,
 * and no link's streak is counted twice.
 */
export async function settleRun(opts: SettleOptions): Promise<void> {
  const { store, runId, ctx } = opts;
  for await (const page of store.journal.unsettled(runId, opts.pageSize ?? PAGE)) {
    const observations = page.map(fromJournal);
    const priors = await store.readLinks(observations.map((o) => o.target.url));
    const assembled: AssembledLink[] = observations.map((o) =>
      assembleLink(o, priors.get(o.target.url), undefined, ctx),
    );
    const archive = opts.archive;
    if (archive) {
      // Lookups need the final verdicts (history included): hence after the first assembly.
      await Promise.all(
        assembled.map(async (one, i) => {
          if (!needsArchive(one.link, archive.lookupAll)) return;
          const obs = observations[i];
          if (!obs) return;
          const prior = priors.get(one.link.url);
          const lookup = await archive.finder.find(archiveRequestFor(one.link, obs, prior));
          assembled[i] = assembleLink(obs, prior, lookup, ctx);
        }),
      );
    }
    const rows: SettledRow[] = assembled.map((a) => ({
      url: a.link.url,
      link: a.link,
      fixed: a.fixed,
    }));
    const states = opts.recordLinks
      ? assembled.map((a) => a.state).filter((s): s is LinkState => s !== null)
      : [];
    await store.journal.settle(runId, rows, states);
  }
}
