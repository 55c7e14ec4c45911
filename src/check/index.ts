export { type CheckCallOptions, check } from './library.js';
export {
  type ExitCode,
  exitCodeFor,
  type RunCheckOptions,
  type RunCheckResult,
  runCheck,
} from './run.js';
