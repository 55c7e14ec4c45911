import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { describeHealth } from '../worker/health.js';
import { processIsAlive, readLock } from '../worker/lock.js';
import { nextDue, readStatusFile, STATUS_FILE } from '../worker/status.js';
import type { CliIO } from './io.js';
import { type HistoryStatus, historyLines, readHistoryStatus } from './status-store.js';

/**
 * `rotwatch status`: when the worker last ran, how it ended, what failed to deliver, when the
 * next run is due. Exit 0 when healthy, 1 when something needs a look, 2 when there is no
 * status file to read.
 */
export async function runStatusCommand(
  args: { reportDir?: string; json?: boolean; store?: string | true },
  io: CliIO,
): Promise<number> {
  const dir = resolve(io.cwd, args.reportDir ?? 'reports');
  // `--store`: what the run history holds, read from the store itself.
  let history: HistoryStatus | null = null;
  if (args.store !== undefined) {
    const read = await readHistoryStatus({
      cwd: io.cwd,
      reportDir: dir,
      ...(typeof args.store === 'string' && args.store ? { store: args.store } : {}),
    });
    if (!read.ok) {
      io.stderr(`rotwatch status: ${read.message}\n`);
      return 2;
    }
    history = read.status;
  }
  const file = await readStatusFile(dir);
  if (file.kind === 'invalid') {
    // Damaged, not absent: monitoring must hear of it, with or without the history.
    io.stderr(`rotwatch status: ${join(dir, STATUS_FILE)} is not usable: ${file.why}\n`);
    return 2;
  }
  const status = file.kind === 'ok' ? file.status : null;
  if (!status && history) {
    // No worker here: the history alone is the answer.
    io.stdout(
      args.json
        ? `${JSON.stringify({ history }, null, 2)}\n`
        : `${historyLines(history).join('\n')}\n`,
    );
    return 0;
  }
  if (!status) {
    io.stderr(
      `rotwatch status: no worker status in ${dir} (${STATUS_FILE}); has a worker run here?\n`,
    );
    return 2;
  }
  const holder = await readLock(dir);
  // Only a holder on this host can be checked by pid; trust a remote one's lock.
  const holderAlive = holder ? holder.hostname !== hostname() || processIsAlive(holder.pid) : false;
  let due: string | null = null;
  try {
    due = nextDue(status.schedule.cron, status.schedule.timezone)?.toISOString() ?? null;
  } catch {
    due = status.nextDueAt;
  }
  const view = describeHealth(status, { holder, holderAlive, nextDueAt: due, now: new Date() });
  if (args.json) {
    const out = {
      ...status,
      nextDueAt: due,
      workerRunning: view.workerRunning,
      healthy: view.problems.length === 0,
      problems: view.problems,
      ...(history ? { history } : {}),
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.stdout(`${[...view.lines, ...(history ? historyLines(history) : [])].join('\n')}\n`);
  }
  return view.problems.length === 0 ? 0 : 1;
}
