import { type ReportSummary, VERDICTS, type Verdict } from '../model/index.js';

/*
 * The pure part of `rotwatch status --store postgres://...`. In a shared store, links are
 * checked a few at a time when each is due, so the last finished run (often a small due pass)
 * says little of the whole: a maintainer wants the state of the store, with the same facts as
 * the weekly snapshot report (every link's latest verdict, the oldest check, the links not
 * checked yet), how far behind the checkers are (overdue links), and what is under way.
 * The store read is src/scale/store-status.ts.
 */

/** A shared run not finished yet: being worked by one or more processes, or being finished. */
export interface RunInProgress {
  id: string;
  startedAt: string;
  /** The last time a process leased, renewed or joined in it (the database's clock). */
  touchedAt: string;
  /** A pass over the due links only (a due-only check or worker), not the whole catalogue. */
  due: boolean;
  shards: { total: number; done: number; leased: number };
  /** The run's links, and how many of them have an answer in its journal. */
  links: { total: number; recorded: number };
  /** Every shard is done and a process holds the finishing (settling, archives, report). */
  finishing: boolean;
}

/** What the store holds, as a shared deployment's maintainer asks it. */
export interface StoreStatus {
  /** When the store was read (ISO date-time). */
  takenAt: string;
  /** Every link with a verdict in the store (`latest_links`), per verdict (as the snapshot's). */
  summary: ReportSummary;
  /** Links whose next check is due at `takenAt` (or that have no due date). */
  overdue: number;
  /** The next due date still to come, null when none. */
  nextDueAt: string | null;
  /**
   * Links of the runs in progress the store has no verdict for yet (new in the catalogue,
   * waiting for their first check). The store does not know the catalogue itself: the weekly
   * snapshot counts these against it (`snapshot.neverChecked`).
   */
  neverChecked: number;
  /** The oldest check among the store's links (ISO date-time), null when none. */
  oldestCheckAt: string | null;
  inProgress: RunInProgress[];
}

/** One row of the per-verdict aggregate over `latest_links`. */
export interface VerdictRow {
  status: string;
  links: number;
  notChecked: number;
  drifted: number;
  oldestCheckAt: string | null;
}

/**
 * Pure: the summary and the oldest check from the per-verdict aggregate, counted as the
 * snapshot's tally counts them (a status that is no verdict is left out of the counts).
 */
export function summaryFromRows(rows: readonly VerdictRow[]): {
  summary: ReportSummary;
  oldestCheckAt: string | null;
} {
  const summary = { total: 0, notChecked: 0, drifted: 0 } as ReportSummary;
  for (const v of VERDICTS) summary[v] = 0;
  let oldest: string | null = null;
  for (const r of rows) {
    if ((VERDICTS as readonly string[]).includes(r.status)) {
      summary[r.status as Verdict] += r.links;
      summary.total += r.links;
    }
    summary.notChecked = (summary.notChecked ?? 0) + r.notChecked;
    summary.drifted = (summary.drifted ?? 0) + r.drifted;
    if (r.oldestCheckAt && (oldest === null || r.oldestCheckAt < oldest)) oldest = r.oldestCheckAt;
  }
  return { summary, oldestCheckAt: oldest };
}

const n = (x: number) => x.toLocaleString('en-US');

/** Pure: "4,900 ok, 50 dead" (verdicts with links only, in the report's order). */
export function verdictCounts(summary: ReportSummary): string {
  return VERDICTS.filter((v) => (summary[v] ?? 0) > 0)
    .map((v) => `${n(summary[v])} ${v}`)
    .join(', ');
}

/** Pure: the status lines of a shared store for a person (English, as `rotwatch status`). */
export function storeStatusLines(status: StoreStatus): string[] {
  const s = status.summary;
  const counts = verdictCounts(s);
  const lines = [
    `Store snapshot (${status.takenAt}): ${n(s.total)} links with a verdict${counts ? `: ${counts}` : ''}.`,
  ];
  const facts = [
    `${n(status.overdue)} overdue`,
    `${n(status.neverChecked)} never checked`,
    status.oldestCheckAt ? `oldest check ${status.oldestCheckAt}` : 'no check yet',
  ];
  if (status.nextDueAt && status.overdue === 0) facts.push(`next due ${status.nextDueAt}`);
  if ((s.notChecked ?? 0) > 0) facts.push(`${n(s.notChecked ?? 0)} not checked (network down)`);
  if ((s.drifted ?? 0) > 0) facts.push(`${n(s.drifted ?? 0)} drifted`);
  lines.push(`  ${facts.join('; ')}.`);
  if (status.inProgress.length === 0) lines.push('No run in progress.');
  for (const r of status.inProgress) {
    const what = r.due ? 'Due pass' : 'Run';
    const stage = r.finishing
      ? 'every shard done, being finished (settling, report)'
      : `${n(r.shards.done)} of ${n(r.shards.total)} shards done, ${n(r.shards.leased)} leased`;
    lines.push(
      `${what} in progress: ${r.id}, started ${r.startedAt}: ${stage}; ${n(r.links.recorded)} of ${n(r.links.total)} links answered (last activity ${r.touchedAt}).`,
    );
  }
  return lines;
}
