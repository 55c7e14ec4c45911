export * from './config.js';
export * from './health.js';
export * from './lock.js';
export * from './shutdown.js';
export * from './status.js';
export type * from './types.js';
export * from './worker.js';
