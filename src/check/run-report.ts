// A settled run's report is read back from the journal rather than built as the links come:
// its head (counts, fixed links, trend) from the journal's totals, its links streamed. Kept
// apart from the pipeline so the head's shape is decided in one place.
import type { NetworkHealth } from '../classify/index.js';
import type { Language } from '../i18n/language.js';
import {
  type ReportSource,
  type ReportSummary,
  type RunSummaryRecord,
  VERDICTS,
} from '../model/index.js';
import { memoSource, sourceOf } from '../report/source.js';
import type { HistoryStore, JournalTotals } from '../store/index.js';
import { VERSION } from '../version.js';
import { HISTORY_IN_REPORT, reportHead, runRecordOf } from './assemble.js';
import type { SettledMirror } from './settled-mirror.js';

/** What the pipeline knows of its run once every link is settled; the end is stamped here. */
export interface SettledRun {
  id: string;
  startedAt: string;
  catalogues: string[];
  complete: boolean;
  language?: Language | undefined;
}

/** The run's report as a stream over its journal, and its line in the run history. */
export async function settledReport(
  store: HistoryStore,
  settled: SettledRun,
  network: NetworkHealth,
  now: () => Date,
  mirror?: SettledMirror | null,
): Promise<{ source: ReportSource; record: RunSummaryRecord }> {
  const runId = settled.id;
  const totals = await store.journal.totals(runId);
  const runs = (await store.readRuns(HISTORY_IN_REPORT + 1)).filter((r) => r.id !== runId);
  const run = {
    id: runId,
    startedAt: settled.startedAt,
    finishedAt: now().toISOString(),
    toolVersion: VERSION,
    catalogues: settled.catalogues,
    complete: settled.complete,
    ...(settled.language ? { language: settled.language } : {}),
  };
  const summary = summaryOf(totals);
  const head = reportHead(run, network, summary, totals.fixed, runs);
  const kept = mirror?.links(summary.total) ?? null;
  return {
    // The report files read the links once per pass: a run of ordinary size reads the
    // store at most once, or not at all when the mirror kept every settled link.
    source: kept
      ? sourceOf(head, kept)
      : memoSource({ head, links: () => store.journal.links(runId) }),
    record: runRecordOf(head),
  };
}

/** The report's summary from the journal's totals (the same counts `summarise` makes). */
export function summaryOf(totals: JournalTotals): ReportSummary {
  const summary = { total: 0 } as ReportSummary;
  for (const v of VERDICTS) {
    summary[v] = totals.counts[v] ?? 0;
    summary.total += summary[v];
  }
  summary.notChecked = totals.notChecked;
  summary.drifted = totals.drifted;
  return summary;
}
