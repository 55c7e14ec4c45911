import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SharedSlot } from '../archive/throttle.js';
import type { ReportLink, Target } from '../model/index.js';
import { createDb, type Db } from '../store/postgres-db.js';
import { dueTargets, recordDue } from './due-store.js';
import { claimFinisher, joinOrCreate, type SharedRun } from './leases.js';
import { createSharedRates, type Rate } from './rates.js';
import type { ScaleSettings } from './settings.js';
import { type ShardWorkResult, workShards } from './work.js';

/**
 * What the check pipeline asks of a run shared between processes (a PostgreSQL history): join
 * or start the run, work its shards under leases, and know whether this process is the one to
 * finish it (settle the journal, look up archives, write the report, once).
 */
export interface RunCoordinator {
  /** This process in leases: host name, pid and a random part. */
  readonly owner: string;
  readonly settings: ScaleSettings;
  join(req: {
    targets: readonly Target[];
    info: { catalogues: string[] };
    /** What makes runs the same run besides their inputs (subset filters...). */
    scope: unknown;
    runId: string;
    startedAt: string;
  }): Promise<SharedRun | null>;
  work(
    check: (targets: Target[], signal: AbortSignal) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<ShardWorkResult>;
  /**
   * Claims the finishing once every shard is done; true: this process finishes the run (the
   * claim is renewed until `close`). False: another process is finishing it.
   */
  claimFinish(): Promise<boolean>;
  /**
   * An archive endpoint's rate limit held by every process on the database together (the
   * archive finder's `sharedLimit`).
   */
  archiveLimit(name: string, rate: Rate): SharedSlot;
  /** Records when each link of the settled run is next due (live: 7 days, failing: 3). */
  recordDue(links: AsyncIterable<ReportLink>): Promise<number>;
  close(): Promise<void>;
}

/** Pure: the key that makes processes started on the same inputs join one run. */
export function runKey(catalogues: readonly string[], scope: unknown): string {
  const basis = JSON.stringify({ catalogues: [...catalogues].sort(), scope: scope ?? null });
  return createHash('sha256').update(basis).digest('hex').slice(0, 32);
}

export function createRunCoordinator(db: Db, settings: ScaleSettings): RunCoordinator {
  const owner = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  let run: SharedRun | null = null;
  let finisherBeat: NodeJS.Timeout | null = null;
  // Leases are renewed on a connection of their own: never queued behind the run's writes.
  let leaseDb: Db | null = null;
  const leases = () => {
    leaseDb ??= createDb({ connectionString: db.connectionString, max: 1 });
    return leaseDb;
  };
  const rates = createSharedRates(db);
  const joined = () => {
    if (!run) throw new Error('the shared run must be joined first');
    return run;
  };
  return {
    owner,
    settings,
    async join(req) {
      // A run of the due links only is another run than the whole catalogue's.
      const scope = settings.dueOnly ? { due: true, scope: req.scope } : req.scope;
      const targets = settings.dueOnly
        ? await dueTargets(db, req.targets, new Date(req.startedAt))
        : req.targets;
      run = await joinOrCreate(db, {
        key: runKey(req.info.catalogues, scope),
        targets,
        runId: req.runId,
        startedAt: req.startedAt,
        // Says what the run is to readers of the journal (`rotwatch status --store`).
        info: settings.dueOnly ? { ...req.info, due: true } : req.info,
        staleMs: settings.staleMs,
        // Nothing due here: join a due run others started, but never start an empty one.
        create: targets.length > 0 || !settings.dueOnly,
      });
      return run;
    },
    work(check, signal) {
      const { seq } = joined();
      return workShards({
        db,
        leaseDb: leases(),
        seq,
        owner,
        settings,
        check,
        ...(signal ? { signal } : {}),
      });
    },
    async claimFinish() {
      const { seq } = joined();
      if (!(await claimFinisher(db, seq, owner, settings.leaseMs))) return false;
      finisherBeat = setInterval(
        () => void claimFinisher(leases(), seq, owner, settings.leaseMs).catch(() => undefined),
        Math.max(50, Math.floor(settings.leaseMs / 3)),
      );
      return true;
    },
    archiveLimit(name, rate) {
      return (deadline, signal) => rates.acquire(`archive:${name}`, rate, deadline, signal);
    },
    recordDue(links) {
      return recordDue(db, links, settings);
    },
    async close() {
      if (finisherBeat) clearInterval(finisherBeat);
      finisherBeat = null;
      await leaseDb?.close();
      leaseDb = null;
    },
  };
}
