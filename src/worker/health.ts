import type { LockInfo } from './lock.js';
import type { RunRecord, WorkerStatus } from './status.js';

export interface HealthView {
  /** Lines for the terminal, without trailing newlines. */
  lines: string[];
  /** What needs a human's look; empty when all is well. */
  problems: string[];
  workerRunning: boolean;
  nextDueAt: string | null;
}

const BAD_OUTCOMES = new Set<RunRecord['outcome']>([
  'error',
  'crashed',
  'usage-error',
  'inconclusive',
]);

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function formatInZone(iso: string, timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

function describeRun(run: RunRecord): string {
  const parts = [`${run.outcome}`];
  if (run.exitCode !== null) parts.push(`exit ${run.exitCode}`);
  const s = run.summary;
  if (s) {
    parts.push(
      `${s.total} links: ${s.dead} dead (${run.newFailures ?? 0} new), ${s.error} errors, ${s.redirected} redirected, ${run.fixed ?? 0} fixed`,
    );
  }
  if (run.outcome === 'taken-elsewhere') {
    parts.push("another worker of the store took this tick's snapshot and sent it");
  }
  if (run.complete === false) parts.push('report incomplete');
  if (run.error) parts.push(run.error);
  return parts.join('; ');
}

/**
 * Pure: what `rotwatch status` says about a status file, given whether the lock holder is
 * alive, the next due time computed now, and the current time.
 */
export function describeHealth(
  status: WorkerStatus,
  ctx: { holder: LockInfo | null; holderAlive: boolean; nextDueAt: string | null; now: Date },
): HealthView {
  const lines: string[] = [];
  const problems: string[] = [];
  const tz = status.schedule.timezone;
  const running = ctx.holder !== null && ctx.holderAlive;
  if (running && ctx.holder) {
    lines.push(
      `Worker:    running, pid ${ctx.holder.pid} on ${ctx.holder.hostname} since ${ctx.holder.startedAt}`,
    );
  } else {
    const stoppedAt = status.worker?.stoppedAt;
    lines.push(`Worker:    not running${stoppedAt ? ` (stopped ${stoppedAt})` : ''}`);
  }
  lines.push(`Schedule:  ${status.schedule.cron} (${tz})`);
  const run = status.lastRun;
  if (!run) {
    lines.push('Last run:  none yet');
  } else {
    const took = run.durationMs !== null ? `, took ${formatDuration(run.durationMs)}` : '';
    lines.push(`Last run:  ${formatInZone(run.startedAt, tz)} (${run.trigger})${took}`);
    const outcome = run.outcome === 'running' && !running ? 'crashed' : run.outcome;
    lines.push(`Outcome:   ${describeRun({ ...run, outcome })}`);
    if (BAD_OUTCOMES.has(outcome)) problems.push(`the last run ended: ${outcome}`);
    for (const d of run.delivery) {
      const what = d.status === 'failed' ? 'FAILED' : d.status;
      const why = d.code ? ` (${d.code}${d.message ? `: ${d.message}` : ''})` : '';
      const tries = d.attempts > 1 ? ` after ${d.attempts} attempts` : '';
      lines.push(`Delivery:  ${d.channel} ${what}${why}${tries}`);
      if (d.status === 'failed')
        problems.push(`${d.channel} delivery failed: ${d.code ?? 'unknown'}`);
    }
  }
  if (
    status.lastCrash &&
    status.lastCrash !== run &&
    status.lastCrash.startedAt !== run?.startedAt
  ) {
    lines.push(`Crashed:   the run started ${status.lastCrash.startedAt} did not finish`);
  }
  if (status.skippedTicks > 0) {
    lines.push(`Skipped:   ${status.skippedTicks} tick(s) while a run was still in progress`);
  }
  if (running && ctx.nextDueAt) {
    lines.push(`Next run:  ${formatInZone(ctx.nextDueAt, tz)}`);
  } else if (ctx.nextDueAt) {
    lines.push(`Next run:  ${formatInZone(ctx.nextDueAt, tz)} if a worker is running then`);
  }
  const recordedDue = status.nextDueAt ? Date.parse(status.nextDueAt) : Number.NaN;
  // A worker stopped on purpose (SIGTERM, Ctrl-C: it recorded `stoppedAt`) is no alarm: runs
  // are not due while nobody means to run them. One that vanished without saying so is.
  const stoppedCleanly = Boolean(status.worker?.stoppedAt);
  if (!running && !Number.isNaN(recordedDue) && recordedDue < ctx.now.getTime()) {
    if (stoppedCleanly) {
      lines.push(`Stopped:   cleanly; no run since (one was due ${status.nextDueAt})`);
    } else {
      problems.push(`a run was due ${status.nextDueAt} but no worker is running`);
    }
  }
  for (const p of problems) lines.push(`Attention: ${p}`);
  return { lines, problems, workerRunning: running, nextDueAt: ctx.nextDueAt };
}
