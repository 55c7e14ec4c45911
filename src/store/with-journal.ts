import type { HistoryStore, RunJournal } from './types.js';

/**
 * The same store with another journal in front of its own (one that watches a run's writes,
 * src/check/settled-mirror.ts): every other call goes to `store` unchanged.
 */
export function withJournal(store: HistoryStore, journal: RunJournal): HistoryStore {
  return {
    get location() {
      return store.location;
    },
    readLinks: (urls) => store.readLinks(urls),
    writeLinks: (links) => store.writeLinks(links),
    eachLink: () => store.eachLink(),
    pruneLinks: (keep) => store.pruneLinks(keep),
    readRuns: (limit) => store.readRuns(limit),
    writeRun: (run, keep) => store.writeRun(run, keep),
    readHosts: (hosts) => store.readHosts(hosts),
    writeHosts: (hosts) => store.writeHosts(hosts),
    importHistory: (links, runs) => store.importHistory(links, runs),
    readCache: (keys, now) => store.readCache(keys, now),
    writeCache: (entries) => store.writeCache(entries),
    purgeCache: (now) => store.purgeCache(now),
    journal,
    close: () => store.close(),
  };
}
