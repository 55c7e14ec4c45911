export { isPrivateAddress } from './address.js';
export { bodyLimitFor, TEXT_BODY_LIMIT } from './body.js';
export { createFetcher } from './fetcher.js';
export { backoffDelay, parseRetryAfter } from './retry.js';
export { createRobotsChecker, type RobotsChecker, type RobotsDecision } from './robots.js';
export type {
  Fetcher,
  FetcherInternals,
  FetcherOptions,
  FetchRequestOptions,
  LookupFunction,
} from './types.js';
