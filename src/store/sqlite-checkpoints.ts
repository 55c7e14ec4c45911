import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/*
 * In WAL mode SQLite folds the log back into the database file every 1,000 pages, inside the
 * commit that crosses the mark: that commit copies the pages and waits for the disk (fsync).
 * Measured on the 10k bench: ~17 ms, 32 times a run, each time holding the event loop, so the
 * busiest host's next request left late. On a slow disk it is worse. During a run the folding is
 * done by a second connection in a worker thread instead (a PASSIVE checkpoint never blocks the
 * writer), and the run's own commits only append to the log.
 */

/** How often the worker folds the log into the file. */
const EVERY_MS = 1_000;
/**
 * The WAL's size above which the worker empties it (a TRUNCATE checkpoint). Its PASSIVE folds
 * never block the run's commits, but for that same reason they rarely find the log fully folded
 * with no commit in between, and only then may SQLite write the log from its start again: under
 * a steady stream of commits it grew to 80 MB on the 10k bench and 234 MB at 100k links. The
 * TRUNCATE waits for the commit under way and holds the next one until it is done (~20-60 ms),
 * once per this many bytes of log (longer if a reader holds the log: see TRUNCATE_WAIT_MS).
 */
const WAL_MAX_BYTES = 64 * 1024 * 1024;
/**
 * How long that TRUNCATE waits for readers (another process reading the history), holding the
 * run's commits meanwhile, before it gives up; and how long it then leaves the log alone.
 */
const TRUNCATE_WAIT_MS = 100;
const TRUNCATE_BACKOFF_MS = 30_000;
/**
 * How long stopping waits for the worker to finish a fold under way and exit, before it is
 * terminated (a fold that waits on another process's lock must not hold the run's end).
 */
const STOP_WAIT_MS = 5_000;
/** SQLite's default, restored when the worker stops (or could not start). */
const DEFAULT_AUTOCHECKPOINT = 1_000;

// The worker is plain CommonJS evaluated from this string, so it runs the same from the built
// files and from the TypeScript sources the tests run (a worker file would need compiling).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyMs });
const { statSync } = require('node:fs');
const walSize = () => { try { return statSync(workerData.path + '-wal').size; } catch { return 0; } };
let truncateAfter = 0;
const fold = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (walSize() <= workerData.walMaxBytes || Date.now() < truncateAfter) return;
    // A TRUNCATE holds the run's commits while it waits for readers: one that stays (another
    // process reading a report) is waited for briefly, then left alone for a while.
    db.pragma('busy_timeout = ' + workerData.truncateWaitMs);
    try {
      const [r] = db.pragma('wal_checkpoint(TRUNCATE)');
      if (r && r.busy) truncateAfter = Date.now() + workerData.truncateBackoffMs;
    } finally {
      db.pragma('busy_timeout = ' + workerData.busyMs);
    }
  } catch {}
};
const timer = setInterval(fold, workerData.everyMs);
parentPort.on('message', (msg) => {
  if (msg === 'fold') return fold();
  if (msg !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage('ready');
`;

export interface BackgroundCheckpoints {
  /** Starts the worker (once); the connection stops checkpointing in its commits. */
  start(): void;
  /**
   * Folds the log now, on the worker (if it runs): for when the writing is done and the file is
   * read for a while (the run's reports), so that closing has little left to fold.
   */
  foldNow(): void;
  /**
   * Stops the worker and gives the checkpoints back to the connection's commits. The worker
   * folds nothing more: the connection's close folds the log whole (TRUNCATE) right after.
   */
  stop(): Promise<void>;
}

/**
 * Checkpoints of the database at `path` (open as `db`) in a worker thread, once started: every
 * `everyMs` (default EVERY_MS), and when asked (`foldNow`); the log is emptied past
 * `walMaxBytes` (default WAL_MAX_BYTES), tried again `truncateBackoffMs` after a busy attempt.
 */
export function backgroundCheckpoints(
  db: Database.Database,
  path: string,
  opts: { everyMs?: number; walMaxBytes?: number; truncateBackoffMs?: number } = {},
): BackgroundCheckpoints {
  const everyMs = opts.everyMs ?? EVERY_MS;
  const walMaxBytes = opts.walMaxBytes ?? WAL_MAX_BYTES;
  const truncateBackoffMs = opts.truncateBackoffMs ?? TRUNCATE_BACKOFF_MS;
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  const restore = () => {
    try {
      if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    } catch {
      // The connection is closing: nothing left to checkpoint for.
    }
  };
  return {
    start() {
      if (worker) return;
      let w: Worker;
      try {
        const driver = createRequire(import.meta.url).resolve('better-sqlite3');
        w = new Worker(WORKER, {
          eval: true,
          workerData: {
            path,
            driver,
            everyMs,
            walMaxBytes,
            truncateWaitMs: TRUNCATE_WAIT_MS,
            truncateBackoffMs,
            // Otherwise it waits for a lock as long as the store's own connection does.
            busyMs: db.pragma('busy_timeout', { simple: true }),
          },
          // It runs a pragma now and then: a small heap is plenty, and memory counts at 1M links.
          resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
        });
      } catch {
        return; // No worker: the commits keep checkpointing as SQLite does by default.
      }
      worker = w;
      // Not a reason to keep the process alive: a run that ends closes the store anyway.
      w.unref();
      db.pragma('wal_autocheckpoint = 0');
      exited = new Promise((resolve) => {
        // A worker that fails (cannot open the file...) hands the checkpoints back.
        w.once('error', restore);
        w.once('exit', () => resolve());
      });
    },
    foldNow() {
      worker?.postMessage('fold');
    },
    async stop() {
      const w = worker;
      if (!w) return;
      worker = null;
      // Waiting for it must keep the process alive. Unreferenced, a CLI run with nothing else
      // left to do exited right here, before the store was closed and before the command had
      // set its exit code: `rotwatch check` with dead links exited 0 (seen at 2 runs in 3).
      w.ref();
      w.postMessage('stop');
      const timer = setTimeout(() => void w.terminate(), STOP_WAIT_MS);
      await exited;
      clearTimeout(timer);
      restore();
    },
  };
}
