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
export {
  openPostgresStore,
  type PostgresHistoryStore,
  type PostgresStoreOptions,
} from './postgres.js';
export { isTransient, type PgRetryPolicy, retryDelay } from './postgres-db.js';
export { PG_SCHEMA_VERSION } from './postgres-schema.js';
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
export { withJournal } from './with-journal.js';
