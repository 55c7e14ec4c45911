import type {
  FixedLink,
  HostState,
  LinkState,
  ReportLink,
  RunSummaryRecord,
  Verdict,
} from '../model/index.js';
import type {
  CacheEntry,
  HistoryStore,
  JournalObservation,
  JournalRun,
  RunJournal,
} from './types.js';

/*
 * The history in memory: for tests of other modules, and for the library's `check()` (a small
 * catalogue, nothing written). Same rules as the SQLite store: documents are copied in and out
 * (a caller mutating what it wrote or read changes nothing stored), order is code-unit order.
 */

const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface MemoryStoreSeed {
  links?: Iterable<LinkState>;
  runs?: readonly RunSummaryRecord[];
  hosts?: Iterable<HostState>;
}

export function createMemoryStore(seed: MemoryStoreSeed = {}): HistoryStore {
  const links = new Map<string, LinkState>();
  for (const l of seed.links ?? []) links.set(l.url, copy(l));
  let runs: RunSummaryRecord[] = copy([...(seed.runs ?? [])]);
  const hosts = new Map<string, HostState>();
  for (const h of seed.hosts ?? []) hosts.set(h.host, copy(h));
  const cache = new Map<string, { expiresAt: number; value: unknown }>();

  return {
    location: 'memory',
    async readLinks(urls) {
      const out = new Map<string, LinkState>();
      for (const url of urls) {
        const l = links.get(url);
        if (l) out.set(url, copy(l));
      }
      return out;
    },
    async writeLinks(list) {
      for (const l of list) links.set(l.url, copy(l));
    },
    async *eachLink() {
      for (const url of [...links.keys()].sort(byCodeUnit)) {
        const l = links.get(url);
        if (l) yield copy(l);
      }
    },
    async pruneLinks(keep) {
      let gone = 0;
      for (const url of [...links.keys()]) {
        if (!keep.has(url)) {
          links.delete(url);
          gone++;
        }
      }
      return gone;
    },
    async importHistory(list, records) {
      for (const l of list) links.set(l.url, copy(l));
      const ids = new Set(records.map((r) => r.id));
      runs = [...runs.filter((r) => !ids.has(r.id)), ...copy([...records])];
    },
    async readRuns(limit) {
      return limit <= 0 ? [] : copy(runs.slice(-limit));
    },
    async writeRun(run, keep) {
      runs = [...runs.filter((r) => r.id !== run.id), copy(run)];
      runs = runs.slice(Math.max(0, runs.length - Math.max(1, keep)));
    },
    async readHosts(list) {
      const out = new Map<string, HostState>();
      for (const host of list) {
        const h = hosts.get(host);
        if (h) out.set(host, copy(h));
      }
      return out;
    },
    async writeHosts(list) {
      for (const h of list) hosts.set(h.host, copy(h));
    },
    async readCache(keys, now) {
      const out = new Map<string, unknown>();
      for (const key of keys) {
        const e = cache.get(key);
        if (e && e.expiresAt > now) out.set(key, copy(e.value));
      }
      return out;
    },
    async writeCache(entries: readonly CacheEntry[]) {
      for (const e of entries) cache.set(e.key, { expiresAt: e.expiresAt, value: copy(e.value) });
    },
    async purgeCache(now) {
      let gone = 0;
      for (const [key, e] of cache) {
        if (e.expiresAt <= now) {
          cache.delete(key);
          gone++;
        }
      }
      return gone;
    },
    journal: memoryJournal(links),
    async close() {},
  };
}

interface Row {
  obs: JournalObservation;
  link: ReportLink | null;
  fixed: FixedLink | null;
}

function memoryJournal(links: Map<string, LinkState>): RunJournal {
  const runs: (JournalRun & { rows: Map<string, Row> })[] = [];
  const find = (runId: string) => {
    const run = runs.find((r) => r.id === runId);
    if (!run) throw new Error(`no run ${runId} in the journal`);
    return run;
  };
  const public_ = (r: JournalRun | undefined): JournalRun | null =>
    r
      ? { id: r.id, startedAt: r.startedAt, finished: r.finished, info: copy(r.info), head: r.head }
      : null;
  const sorted = (rows: Map<string, Row>) => [...rows.keys()].sort(byCodeUnit);

  return {
    async begin(run) {
      if (runs.some((r) => r.id === run.id)) throw new Error(`run ${run.id} exists already`);
      runs.push({ ...copy(run), finished: false, head: null, rows: new Map() });
    },
    async unfinished() {
      return public_(runs.filter((r) => !r.finished).at(-1));
    },
    async get(runId) {
      return public_(runs.find((r) => r.id === runId));
    },
    async lastFinished() {
      return public_(runs.filter((r) => r.finished).at(-1));
    },
    async record(runId, rows) {
      const run = find(runId);
      for (const r of rows) run.rows.set(r.url, { obs: copy(r), link: null, fixed: null });
    },
    async recorded(runId, urls) {
      const run = find(runId);
      const out = new Set<string>();
      for (const url of urls) if (run.rows.has(url)) out.add(url);
      return out;
    },
    async *unsettled(runId, pageSize) {
      const run = find(runId);
      let page: JournalObservation[] = [];
      for (const url of sorted(run.rows)) {
        const row = run.rows.get(url);
        if (!row || row.link) continue;
        page.push(copy(row.obs));
        if (page.length >= pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
    async hostHealth(runId) {
      const hosts = new Map<string, boolean>();
      for (const { obs } of find(runId).rows.values()) {
        if (obs.host === null || obs.connectionFailure === null) continue;
        hosts.set(obs.host, (hosts.get(obs.host) ?? true) && obs.connectionFailure);
      }
      return [...hosts].map(([host, connectionFailed]) => ({ host, connectionFailed }));
    },
    async settle(runId, rows, states) {
      const run = find(runId);
      for (const r of rows) {
        const row = run.rows.get(r.url);
        if (row) Object.assign(row, { link: copy(r.link), fixed: r.fixed ? copy(r.fixed) : null });
      }
      for (const s of states) links.set(s.url, copy(s));
    },
    async recordSettled(runId, rows, settled, states) {
      // Nothing to keep atomic: a memory store does not outlive its process.
      await this.record(runId, rows);
      await this.settle(runId, settled, states);
    },
    async totals(runId) {
      const run = find(runId);
      const counts: Partial<Record<Verdict, number>> = {};
      const fixed: FixedLink[] = [];
      let notChecked = 0;
      let drifted = 0;
      for (const url of sorted(run.rows)) {
        const row = run.rows.get(url);
        if (!row?.link) continue;
        counts[row.link.status] = (counts[row.link.status] ?? 0) + 1;
        if (row.link.reason === 'network-down') notChecked++;
        if (row.link.drift?.confirmed) drifted++;
        if (row.fixed) fixed.push(copy(row.fixed));
      }
      return { counts, notChecked, drifted, fixed };
    },
    async *links(runId) {
      const run = find(runId);
      for (const url of sorted(run.rows)) {
        const link = run.rows.get(url)?.link;
        if (link) yield copy(link);
      }
    },
    async finish(runId, head) {
      const run = find(runId);
      run.finished = true;
      run.head = copy(head ?? null);
      // Only the newest finished run keeps its rows, as in the SQLite store.
      runs.splice(0, runs.indexOf(run));
    },
    async discard(runId) {
      const i = runs.findIndex((r) => r.id === runId);
      if (i >= 0) runs.splice(i, 1);
    },
    async pruneLinksOutside(runId) {
      const run = find(runId);
      let gone = 0;
      for (const url of [...links.keys()]) {
        if (!run.rows.has(url)) {
          links.delete(url);
          gone++;
        }
      }
      return gone;
    },
  };
}
