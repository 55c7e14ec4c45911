import { resolve } from 'node:path';
import type { ReportSource } from '../model/index.js';
import { scaleSettingsFrom } from '../scale/settings.js';
import { isPostgresStore } from '../scale/snapshot-report.js';
import { isDuePass, readStoreStatus } from '../scale/store-status.js';
import { type StoreStatus, storeStatusLines } from '../scale/store-status-view.js';
import { openHistoryStore, storeTarget } from '../store/index.js';
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
    /** A shared store's pass over the due links only (not the whole catalogue). */
    due?: boolean;
  } | null;
  /** A run newer than the last finished one that did not finish (running now, or killed). */
  unfinished: { id: string; startedAt: string } | null;
  /**
   * A shared PostgreSQL store: its snapshot (every link's latest verdict), due dates and the
   * runs in progress. Absent for a SQLite history.
   */
  store?: StoreStatus;
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
  const reportDir = resolve(opts.cwd, opts.reportDir ?? 'reports');
  if (storeTarget({ ...opts, reportDir }).kind === 'postgres') return readSharedStatus(opts);
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

/**
 * A shared PostgreSQL store: its snapshot, due dates and runs in progress, and the last
 * finished run (in due-only mode a due pass) when there is one.
 */
async function readSharedStatus(opts: {
  cwd: string;
  reportDir?: string;
  store?: string;
}): Promise<HistoryStatusResult> {
  const reportDir = resolve(opts.cwd, opts.reportDir ?? 'reports');
  const settings = scaleSettingsFrom(process.env);
  if (!settings.ok) return { ok: false, message: settings.problem };
  const opened = await openHistoryStore({ ...opts, reportDir });
  if (!opened.ok) return { ok: false, message: opened.error.message };
  const { store } = opened;
  try {
    if (!isPostgresStore(store)) throw new Error('not a PostgreSQL store');
    const shared = await readStoreStatus(store.db, {
      now: new Date(),
      staleMs: settings.settings.staleMs,
    });
    const run = await store.journal.lastFinished();
    const head = run?.head as ReportSource['head'] | null | undefined;
    return {
      ok: true,
      status: {
        location: store.location,
        lastFinished:
          run && head?.run && head.summary
            ? {
                id: run.id,
                startedAt: head.run.startedAt,
                finishedAt: head.run.finishedAt,
                complete: head.run.complete,
                summary: head.summary,
                due: isDuePass(run.info),
              }
            : null,
        // The shared runs in progress are the store's own list (`store.inProgress`).
        unfinished: null,
        store: shared,
      },
    };
  } catch (err) {
    return { ok: false, message: `cannot read ${store.location}: ${(err as Error).message}` };
  } finally {
    await store.close();
  }
}

/** The status lines for a person (English, as the rest of `rotwatch status`). */
export function historyLines(status: HistoryStatus): string[] {
  const lines = [`History: ${status.location}`];
  if (status.store) lines.push(...storeStatusLines(status.store));
  const last = status.lastFinished;
  if (last) {
    const s = last.summary;
    const counts = (['ok', 'redirected', 'dead', 'error', 'blocked', 'skipped'] as const)
      .filter((v) => (s[v] ?? 0) > 0)
      .map((v) => `${s[v]} ${v}`)
      .join(', ');
    lines.push(
      `${last.due ? 'Last due pass' : 'Last finished run'}: ${last.id} (${last.startedAt} to ${last.finishedAt}): ${s.total} links${counts ? `: ${counts}` : ''}.`,
    );
  }
  if (status.unfinished) {
    lines.push(
      `Unfinished run: ${status.unfinished.id}, started ${status.unfinished.startedAt}: running now, or stopped before its end (\`rotwatch check --resume\` completes it).`,
    );
  }
  return lines;
}
