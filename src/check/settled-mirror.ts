import type { ReportLink } from '../model/index.js';
import { MEMO_MAX_LINKS } from '../report/source.js';
import type { RunJournal, SettledRow } from '../store/index.js';
import type { KeptLinks } from './prerender.js';

/*
 * A run's report is read back from the store's journal once every link is settled. For a run of
 * ordinary size that read (and decoding every link) was a third of the time between the last
 * answer and the reports on disk: ~180 ms of ~550 at 10,000 links, while every settled link had
 * passed through this process on its way to the journal. The mirror keeps them as they are
 * written, so the report needs no read back.
 *
 * It is a cache, never the truth: it serves the report only when it holds as many links as the
 * journal settled for the run (its totals), and otherwise the report is read from the store as
 * before: links settled by another process (a shared run) or by an earlier one (a resumed run),
 * a write that failed, more links than MEMO_MAX_LINKS (memory stays bounded).
 */

export interface SettledMirror {
  /** The journal, with this run's writes mirrored; every call goes to the store unchanged. */
  readonly journal: RunJournal;
  /**
   * The run's settled links in URL order, when the mirror holds all of them: `settled` is how
   * many the journal counts. Else null. Code-unit order, as the memory store sorts; the SQLite
   * and PostgreSQL stores sort by code point, the same order for the URLs a run checks (every
   * target URL is normalised to its WHATWG serialisation, which is ASCII).
   */
  links(settled: number): ReportLink[] | null;
}

export function settledMirror(
  journal: RunJournal,
  runId: string,
  opts: {
    /** Links kept at most (default MEMO_MAX_LINKS); past it the mirror gives them all up. */
    maxLinks?: number;
    /** Told of each link kept, and when the mirror gives them up (prerender.ts). */
    listener?: KeptLinks | undefined;
  } = {},
): SettledMirror {
  const { maxLinks = MEMO_MAX_LINKS, listener } = opts;
  let kept: Map<string, ReportLink> | null = new Map();
  const drop = () => {
    if (kept) listener?.dropped();
    kept = null;
  };
  const forget = (urls: Iterable<{ url: string }>) => {
    if (kept) for (const r of urls) kept.delete(r.url);
  };
  const keep = (rows: readonly SettledRow[]) => {
    if (!kept) return;
    for (const r of rows) kept.set(r.url, r.link);
    if (kept.size > maxLinks) drop();
    else listener?.kept(rows.map((r) => r.link));
  };
  // The store's answer decides: mirrored only once written, and a failed write (which may or
  // may not have reached the store) ends the mirror.
  const mirrored = async <T>(id: string, write: Promise<T>, then: () => void): Promise<T> => {
    if (id !== runId) return write;
    try {
      const out = await write;
      then();
      return out;
    } catch (err) {
      drop();
      throw err;
    }
  };
  return {
    journal: {
      begin: (run) => journal.begin(run),
      unfinished: () => journal.unfinished(),
      get: (id) => journal.get(id),
      lastFinished: () => journal.lastFinished(),
      // A URL recorded again is no longer settled (the store unsettles it the same way).
      record: (id, rows) => mirrored(id, journal.record(id, rows), () => forget(rows)),
      recorded: (id, urls) => journal.recorded(id, urls),
      unsettled: (id, pageSize) => journal.unsettled(id, pageSize),
      hostHealth: (id) => journal.hostHealth(id),
      settle: (id, rows, states) =>
        mirrored(id, journal.settle(id, rows, states), () => keep(rows)),
      recordSettled: (id, rows, settled, states) =>
        mirrored(id, journal.recordSettled(id, rows, settled, states), () => {
          forget(rows);
          keep(settled);
        }),
      totals: (id) => journal.totals(id),
      links: (id) => journal.links(id),
      finish: (id, head) => journal.finish(id, head),
      discard: (id) => mirrored(id, journal.discard(id), () => kept?.clear()),
      pruneLinksOutside: (id) => journal.pruneLinksOutside(id),
    },
    links(settled) {
      if (!kept || kept.size !== settled) return null;
      // The default order is by UTF-16 code unit, the store's order, without a callback.
      const urls = [...kept.keys()].sort();
      return urls.map((url) => kept?.get(url) as ReportLink);
    },
  };
}
