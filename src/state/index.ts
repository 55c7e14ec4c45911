export {
  applyHistory,
  DEFAULT_HISTORY_POLICY,
  type HistoryPolicy,
  isFailure,
  movedAfter,
  needsHysteresis,
  nextLinkState,
} from './history.js';
export { stableStringify } from './serialize.js';
export {
  createJsonFileStore,
  DEFAULT_MAX_RUNS,
  emptyState,
  type JsonFileStore,
  pruneLinks,
  readStateFile,
  recordRun,
  StateFileError,
  type StateLoadError,
  type StateLoadErrorCode,
  type StateLoadResult,
} from './store.js';
export { STATE_SCHEMA } from './validate.js';
