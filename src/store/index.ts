export type {
  HistoryStore,
  StoreOpenError,
  StoreOpenErrorCode,
  StoreOpenResult,
} from './types.js';
