import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTask } from 'node-cron';
import type { DeliveryResult } from '../delivery/types.js';
import { writeFileAtomic } from '../fs/atomic.js';
import type { ReportSummary } from '../model/index.js';

export const STATUS_FILE = 'worker-status.json';
export const STATUS_SCHEMA = 'rotwatch/worker-status@1' as const;

/**
 * How a run ended. `crashed`: it started and its worker died before recording the end.
 * `taken-elsewhere`: a due-only worker's tick whose snapshot another worker of the store took.
 */
export type RunOutcome =
  | 'running'
  | 'taken-elsewhere'
  | 'ok'
  | 'failures'
  | 'usage-error'
  | 'inconclusive'
  | 'interrupted'
  | 'error'
  | 'crashed';

export interface RunRecord {
  /** The report's run id, once known. */
  runId: string | null;
  trigger: 'scheduled' | 'startup' | 'manual';
  pid: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  outcome: RunOutcome;
  exitCode: number | null;
  complete: boolean | null;
  summary: ReportSummary | null;
  newFailures: number | null;
  fixed: number | null;
  error: string | null;
  delivery: DeliveryResult[];
}

export interface WorkerStatus {
  schema: typeof STATUS_SCHEMA;
  schedule: { cron: string; timezone: string };
  worker: { pid: number; hostname: string; startedAt: string; stoppedAt: string | null } | null;
  lastRun: RunRecord | null;
  /** The last run before `lastRun` that crashed, kept so `status` can show it. */
  lastCrash: RunRecord | null;
  nextDueAt: string | null;
  skippedTicks: number;
  updatedAt: string;
}

/** The status file as found: absent, present but not a worker status (and why), or read. */
export type StatusFile =
  | { kind: 'missing' }
  | { kind: 'invalid'; why: string }
  | { kind: 'ok'; status: WorkerStatus };

export async function readStatusFile(dir: string): Promise<StatusFile> {
  let text: string;
  try {
    text = await readFile(join(dir, STATUS_FILE), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', why: `cannot read it (${code ?? (err as Error).message})` };
  }
  let v: WorkerStatus | null;
  try {
    v = JSON.parse(text) as WorkerStatus | null;
  } catch (err) {
    return { kind: 'invalid', why: `not JSON (${(err as Error).message})` };
  }
  if (!v || typeof v !== 'object' || v.schema !== STATUS_SCHEMA) {
    return { kind: 'invalid', why: `not a ${STATUS_SCHEMA} file` };
  }
  return { kind: 'ok', status: v };
}

/** The worker's last status; null when there is none it can use (it writes a new one). */
export async function readStatus(dir: string): Promise<WorkerStatus | null> {
  const file = await readStatusFile(dir);
  return file.kind === 'ok' ? file.status : null;
}

/** Atomic: readers (and `rotwatch status`) never see half a file. */
export async function writeStatus(dir: string, status: WorkerStatus): Promise<void> {
  await writeFileAtomic(join(dir, STATUS_FILE), `${JSON.stringify(status, null, 2)}\n`);
}

/**
 * A writer that serialises writes of snapshots, so an older status never lands after a newer
 * one. Failures go to `onError`; the returned promise never rejects.
 */
export function statusWriter(dir: string, onError: (err: Error) => void) {
  let writing = Promise.resolve();
  return (status: WorkerStatus): Promise<void> => {
    status.updatedAt = new Date().toISOString();
    const snapshot = structuredClone(status);
    writing = writing.then(() => writeStatus(dir, snapshot)).catch((err) => onError(err as Error));
    return writing;
  };
}

/** The next `count` times the cron expression fires after now, in its time zone. Throws on a bad schedule. */
export function nextRuns(cron: string, timezone: string, count: number): Date[] {
  const task = createTask(cron, () => undefined, { timezone });
  try {
    return task.getNextRuns(count);
  } finally {
    void task.destroy();
  }
}

/** Next time the cron expression fires after now, in its time zone; null if it never does. */
export function nextDue(cron: string, timezone: string): Date | null {
  return nextRuns(cron, timezone, 1)[0] ?? null;
}

/** Outcome of a finished check from its exit code and completeness (pure). */
export function outcomeOf(exitCode: number, complete: boolean): RunOutcome {
  if (!complete) return 'interrupted';
  switch (exitCode) {
    case 0:
      return 'ok';
    case 1:
      return 'failures';
    case 2:
      return 'usage-error';
    case 3:
      return 'inconclusive';
    default:
      return 'error';
  }
}
