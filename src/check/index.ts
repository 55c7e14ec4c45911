export { type CheckCallOptions, CheckOptionsError, check } from './library.js';
export {
  type ExitCode,
  exitCodeFor,
  type RunCheckOptions,
  type RunCheckResult,
  runCheck,
} from './run.js';
