export type * from './archive.js';
export type * from './catalogue.js';
export * from './drift.js';
export type * from './fetch.js';
export type * from './page.js';
export type * from './report.js';
export { REPORT_SCHEMA } from './report.js';
export type * from './state.js';
export * from './verdict.js';
