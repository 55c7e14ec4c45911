import { entryRefs } from '../check/assemble.js';
import {
  type FixedLink,
  REPORT_SCHEMA,
  type ReportLink,
  type ReportSource,
  type ReportSummary,
  type RunSummaryRecord,
  type Target,
  VERDICTS,
  type Verdict,
} from '../model/index.js';

/*
 * The pure part of a snapshot report: a shared store's links are checked a few at a time, when
 * each is due, so the weekly report cannot be one run's. It is the store's latest verdict of
 * every link of the catalogue, with "new" meaning new since the previous report of the whole
 * catalogue. The store read is src/scale/snapshot.ts.
 */

const DAY = 86_400_000;

/**
 * Pure: where "new since" starts: the end of the newest recorded report of the whole catalogue
 * (a snapshot or a complete run), else one period before `now`.
 */
export function snapshotSince(
  history: readonly RunSummaryRecord[],
  now: Date,
  periodDays: number,
): string {
  const last = history.at(-1);
  const at = last ? Date.parse(last.finishedAt) : Number.NaN;
  if (Number.isFinite(at) && at <= now.getTime()) return new Date(at).toISOString();
  return new Date(now.getTime() - periodDays * DAY).toISOString();
}

/**
 * Pure: a stored report link as the snapshot lists it: cited as the catalogue cites it today
 * (when known), and a new failure when its failure is new since the previous report
 * (`isNewSince`, src/scale/snapshot-since.ts): a failure reported new in an earlier report is
 * not new again, and one recorded while that report was read is not lost.
 */
export function snapshotLink(
  link: ReportLink,
  target: Target | undefined,
  newFailure: boolean,
): ReportLink {
  return {
    ...link,
    ...(target ? { entries: entryRefs(target) } : {}),
    newFailure,
  };
}

/** Pure: a fixed link is in the snapshot's "fixed" when its fix is new since the previous report. */
export function snapshotFixed(
  fixed: FixedLink,
  target: Target | undefined,
  isNew: boolean,
): FixedLink | null {
  if (!isNew) return null;
  return target ? { ...fixed, entries: entryRefs(target) } : fixed;
}

/** What the first pass over the store counts, one link at a time. */
export interface SnapshotTally {
  counts: Record<Verdict, number>;
  notChecked: number;
  drifted: number;
  listed: number;
  hosts: Set<string>;
  oldestCheckAt: string | null;
}

export function emptyTally(): SnapshotTally {
  const counts = {} as Record<Verdict, number>;
  for (const v of VERDICTS) counts[v] = 0;
  return { counts, notChecked: 0, drifted: 0, listed: 0, hosts: new Set(), oldestCheckAt: null };
}

const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i;

/** Pure (on the tally): counts one listed link. */
export function tally(
  t: SnapshotTally,
  row: {
    url: string;
    status: string;
    unchecked: boolean;
    drifted: boolean;
    checkedAt: string | null;
  },
): void {
  if ((VERDICTS as readonly string[]).includes(row.status)) t.counts[row.status as Verdict]++;
  if (row.unchecked) t.notChecked++;
  if (row.drifted) t.drifted++;
  t.listed++;
  const host = URL_HOST.exec(row.url)?.[1];
  if (host) t.hosts.add(host.toLowerCase());
  if (row.checkedAt && (t.oldestCheckAt === null || row.checkedAt < t.oldestCheckAt))
    t.oldestCheckAt = row.checkedAt;
}

const COLONS_AND_DOTS = /[:.]/g;

/** Pure: the snapshot report's head. */
export function snapshotHead(input: {
  tally: SnapshotTally;
  /** Links of the catalogue, when known; else the snapshot lists every link of the store. */
  catalogueSize: number | null;
  fixed: FixedLink[];
  history: RunSummaryRecord[];
  catalogues: string[];
  now: Date;
  /**
   * Makes the run id unique where the time alone may not: two snapshots taken in the same
   * millisecond (two workers of one shared store) would otherwise share one id, and
   * the second would replace the first's line in the run history and its dated report.
   */
  idTail: string;
  since: string;
  toolVersion: string;
  language?: 'en' | 'fr';
}): ReportSource['head'] {
  const { tally: t } = input;
  const summary = { total: 0 } as ReportSummary;
  for (const v of VERDICTS) {
    summary[v] = t.counts[v];
    summary.total += t.counts[v];
  }
  summary.notChecked = t.notChecked;
  summary.drifted = t.drifted;
  const neverChecked = input.catalogueSize === null ? 0 : input.catalogueSize - t.listed;
  const at = input.now.toISOString();
  return {
    schema: REPORT_SCHEMA,
    run: {
      id: `snapshot-${at.replace(COLONS_AND_DOTS, '-')}-${input.idTail}`,
      startedAt: at,
      finishedAt: at,
      toolVersion: input.toolVersion,
      catalogues: input.catalogues,
      // Complete: every link of the catalogue has a verdict in the store.
      complete: neverChecked === 0,
      // Each verdict was settled by its own run, whose network rule already kept a checker
      // that was offline from declaring links dead: the snapshot itself saw no network.
      network: { status: 'ok', hostsChecked: t.hosts.size, hostsUnreachable: 0 },
      ...(input.language ? { language: input.language } : {}),
    },
    summary,
    fixed: input.fixed,
    history: input.history,
    snapshot: {
      takenAt: at,
      since: input.since,
      neverChecked: Math.max(0, neverChecked),
      oldestCheckAt: t.oldestCheckAt,
    },
  };
}
