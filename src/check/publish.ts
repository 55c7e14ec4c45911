import type { ReportSlot } from '../report/index.js';

/** What is known about a finished run when deciding what it may replace and record. */
export interface RunFacts {
  /** False when the run was interrupted (Ctrl-C, SIGTERM): only part of the links were seen. */
  complete: boolean;
  /** Inputs that could not be read whole (missing path, over the cap, invalid catalogue). */
  unreadInputs: number;
  /** Only part of the catalogue was asked for (--changed-since, --include). */
  subset: boolean;
}

/**
 * What a run does with its results. A report people read (latest.*, the digest, the trend)
 * must describe the whole catalogue: a run that could not read its inputs would show links as
 * gone and, next time, as new; an interrupted run would show a collapse.
 */
export interface RunDisposition {
  /** Which report files it writes: latest.*, latest.partial.* or latest.failed.* */
  reports: ReportSlot;
  /** Whether the links it checked update their history (statuses, streaks, validators). */
  recordLinks: boolean;
  /** Whether the run itself enters the run list (the trend, the digest's "since last run"). */
  recordRun: boolean;
  /** Whether links it did not see are forgotten (only a complete run of every input may). */
  forgetUnseen: boolean;
  /** Exit 2 whatever was found: the run says nothing about the catalogue as a whole. */
  failed: boolean;
}

export function dispositionOf(facts: RunFacts): RunDisposition {
  if (facts.unreadInputs > 0) {
    // Nothing is recorded: its "missing" links are not gone, and a later full run must still
    // compare with the last full one.
    return {
      reports: 'failed',
      recordLinks: false,
      recordRun: false,
      forgetUnseen: false,
      failed: true,
    };
  }
  if (!facts.complete) {
    // What it did check is true and kept; the run is listed as interrupted (the trend marks it).
    return {
      reports: 'partial',
      recordLinks: true,
      recordRun: true,
      forgetUnseen: false,
      failed: false,
    };
  }
  if (facts.subset) {
    // A pull request's new links are no run of the catalogue: a collapse in the trend otherwise.
    return {
      reports: 'latest',
      recordLinks: true,
      recordRun: false,
      forgetUnseen: false,
      failed: false,
    };
  }
  return {
    reports: 'latest',
    recordLinks: true,
    recordRun: true,
    forgetUnseen: true,
    failed: false,
  };
}
