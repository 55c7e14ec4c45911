import type { ReportSource } from '../model/index.js';
import { openLastRun } from './report-store.js';

/** What `rotwatch status --store` says of the run history (JSON with --json). */
export interface HistoryStatus {
  location: string;
  lastFinished: {
    id: string;
    startedAt: string;
    finishedAt: string;
    complete: boolean;
    summary: ReportSource['head']['summary'];
  } | null;
  /** A run newer than the last finished one that did not finish (running now, or killed). */
  unfinished: { id: string; startedAt: string } | null;
}

export type HistoryStatusResult =
  | { ok: true; status: HistoryStatus }
  | { ok: false; message: string };

/** Reads the history's last finished and unfinished runs (the store is opened and closed here). */
export async function readHistoryStatus(opts: {
  cwd: string;
  reportDir?: string;
  store?: string;
}): Promise<HistoryStatusResult> {
  const opened = await openLastRun(opts);
  if (!opened.ok) return opened;
  const { store, run, source } = opened.last;
  try {
    const open = await store.journal.unfinished();
    const head = source.head;
    return {
      ok: true,
      status: {
        location: store.location,
        lastFinished: {
          id: run.id,
          startedAt: head.run.startedAt,
          finishedAt: head.run.finishedAt,
          complete: head.run.complete,
          summary: head.summary,
        },
        unfinished:
          open && open.startedAt > run.startedAt
            ? { id: open.id, startedAt: open.startedAt }
            : null,
      },
    };
  } finally {
    await store.close();
  }
}

/** The status lines for a person (English, as the rest of `rotwatch status`). */
export function historyLines(status: HistoryStatus): string[] {
  const lines = [`History: ${status.location}`];
  const last = status.lastFinished;
  if (last) {
    const s = last.summary;
    const counts = (['ok', 'redirected', 'dead', 'error', 'blocked', 'skipped'] as const)
      .filter((v) => (s[v] ?? 0) > 0)
      .map((v) => `${s[v]} ${v}`)
      .join(', ');
    lines.push(
      `Last finished run: ${last.id} (${last.startedAt} to ${last.finishedAt}): ${s.total} links${counts ? `: ${counts}` : ''}.`,
    );
  }
  if (status.unfinished) {
    lines.push(
      `Unfinished run: ${status.unfinished.id}, started ${status.unfinished.startedAt}: running now, or stopped before its end (\`rotwatch check --resume\` completes it).`,
    );
  }
  return lines;
}
