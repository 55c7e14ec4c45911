// The exit code is a contract scripts and CI rely on: decided in one pure place, from a whole
// report (the library) or from a report's head alone (a run whose links are streamed).
import type { CheckOptions } from '../config/options.js';
import type { Report } from '../model/index.js';
import { failingStatuses } from '../report/index.js';

export type ExitCode = 0 | 1 | 2 | 3;

/** exitCodeFor from the report's head: its counts say whether any link fails. */
export function exitCodeOf(
  head: Pick<Report, 'run' | 'summary'>,
  failOn: CheckOptions['failOn'],
  hadProblems: boolean,
): ExitCode {
  return decide(head.run, hadProblems, () =>
    [...failingStatuses(failOn)].some((status) => (head.summary[status] ?? 0) > 0),
  );
}

/** Exit code contract: 3 inconclusive, 2 bad input, 1 failures at or above --fail-on, else 0. */
export function exitCodeFor(
  report: Report,
  failOn: CheckOptions['failOn'],
  hadProblems: boolean,
): ExitCode {
  const failing = failingStatuses(failOn);
  return decide(report.run, hadProblems, () => report.links.some((l) => failing.has(l.status)));
}

/** The order of the contract: an offline run says nothing, then bad input, then failures. */
function decide(run: Report['run'], hadProblems: boolean, anyFailing: () => boolean): ExitCode {
  if (run.network.status === 'down') return 3;
  if (hadProblems) return 2;
  return anyFailing() ? 1 : 0;
}
