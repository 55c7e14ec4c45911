export { createMemoryStore, type MemoryStoreSeed } from './memory.js';
export { fileStamp, importArchiveCacheFile, importStateFile, type StateImport } from './migrate.js';
export {
  DEFAULT_STORE_FILE,
  type OpenStoreOptions,
  openHistoryStore,
  redact,
  type StoreTarget,
  storeTarget,
} from './open.js';
export { SCHEMA_VERSION } from './schema.js';
export { openSqliteStore } from './sqlite.js';
export type {
  CacheEntry,
  HistoryStore,
  JournalObservation,
  JournalRun,
  JournalTotals,
  RunJournal,
  SettledRow,
  StoreOpenError,
  StoreOpenErrorCode,
  StoreOpenResult,
} from './types.js';
