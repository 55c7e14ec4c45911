/** rotwatch as a library: `import { check } from 'rotwatch'`. */

export * from './check/index.js';
export { classify } from './classify/index.js';
export type { CheckOptions, CheckOptionsInput } from './config/options.js';
export { checkOptionsSchema, defaultCheckOptions } from './config/options.js';
export type * from './model/index.js';
export { REPORT_SCHEMA, VERDICTS } from './model/index.js';
export { VERSION } from './version.js';
