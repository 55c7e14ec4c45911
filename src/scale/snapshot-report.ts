import { join, relative, resolve } from 'node:path';
import { formatProblem } from '../catalogue/index.js';
import { HISTORY_IN_REPORT, runRecordOf } from '../check/assemble.js';
import { type LoadedConfig, loadConfig } from '../check/config.js';
import { exitCodeOf } from '../check/run.js';
import { chooseLanguage } from '../i18n/language.js';
import {
  type Collected,
  collectTargets,
  inputLabel,
  isUrlInput,
  STDIN_INPUT,
} from '../inputs/index.js';
import type { Report, ReportSource, Target } from '../model/index.js';
import { collectReport, writeReports } from '../report/index.js';
import { openHistoryStore, type PostgresHistoryStore } from '../store/index.js';
import { type ScaleConfig, scaleSettingsFrom } from './settings.js';
import { openSnapshot, type StoreSnapshot } from './snapshot.js';
import { awaitClaim, holdClaim, type SnapshotClaim } from './snapshot-claim.js';

/*
 * The weekly report of a worker that checks only what is due (`rotwatch worker --store
 * postgres://...` with due-only mode): on its schedule it checks nothing; it reads the
 * catalogue, takes the snapshot of the store (every link with its latest verdict), writes the
 * report files from it (streamed, as a run's) and records it in the run list.
 */

export function isPostgresStore(store: unknown): store is PostgresHistoryStore {
  return (store as Partial<PostgresHistoryStore>)?.kind === 'postgres';
}

/** The snapshot of every link of the store (`rotwatch report --store postgres://...`). */
export async function storeSnapshot(
  store: PostgresHistoryStore,
  opts: {
    catalogue?: ReadonlyMap<string, Target>;
    catalogues?: string[];
    language?: 'en' | 'fr';
    prune?: boolean;
    /** The config file's `scale:` section (the due period "new" falls back to). */
    config?: ScaleConfig;
  } = {},
  env: Record<string, string | undefined> = process.env,
): Promise<StoreSnapshot> {
  const settings = scaleSettingsFrom(env, opts.config);
  const history = await store.readRuns(HISTORY_IN_REPORT);
  return openSnapshot(store.db, {
    ...(opts.catalogue ? { catalogue: opts.catalogue } : {}),
    catalogues: opts.catalogues ?? [],
    now: new Date(),
    history,
    periodDays: settings.ok ? settings.settings.liveDays : 7,
    ...(opts.language ? { language: opts.language } : {}),
    ...(opts.prune ? { prune: true } : {}),
  });
}

export interface SnapshotJob {
  cwd?: string;
  inputs?: string[];
  configFile?: string;
  overrides?: Record<string, unknown>;
  /**
   * Also return the report whole (`report`), for a caller that needs it in memory (the
   * worker's delivery); the files are streamed either way.
   */
  collect?: boolean;
  /**
   * Called once the files are written, while the snapshot can still be streamed (the worker
   * reads its delivery there, as from `runCheck`'s `onReport`). Must not throw.
   */
  onReport?: (source: ReportSource) => Promise<void>;
  /**
   * Take the snapshot only if no other worker (`claimant`: this one's id) took this
   * catalogue's within `windowMs` (snapshot-claim.ts): the schedule's workers send one report
   * per tick between them.
   */
  claim?: SnapshotClaim;
  /** Stops a wait for another worker's claim (the worker's shutdown). */
  signal?: AbortSignal;
}

export interface SnapshotJobResult {
  report: Report | null;
  head?: ReportSource['head'];
  exitCode: 0 | 1 | 2 | 3;
  written: string[];
  problems: string[];
  /** Another worker took this tick's snapshot (`claim`): nothing was written. */
  takenElsewhere?: true;
}

/** Reads the catalogue, writes the snapshot report of the store, records it in the run list. */
export async function runSnapshotReport(job: SnapshotJob): Promise<SnapshotJobResult> {
  const cwd = resolve(job.cwd ?? process.cwd());
  const fail = (problems: string[]): SnapshotJobResult => ({
    report: null,
    exitCode: 2,
    written: [],
    problems,
  });
  const loaded = await loadConfig(cwd, job.configFile, job.overrides ?? {});
  if (!loaded.ok) return fail(loaded.problems);
  const { options } = loaded.config;
  // As `rotwatch check` names them: URLs are inputs too, not paths to resolve.
  const isPath = (p: string) => !isUrlInput(p) && p !== STDIN_INPUT;
  const inputs = (job.inputs?.length ? job.inputs : [join(cwd, 'catalogue')]).map((p) =>
    isPath(p) ? relative(cwd, resolve(cwd, p)) || '.' : p,
  );
  const collected = await collectTargets(
    inputs.map((p) => (isPath(p) ? resolve(cwd, p) : p)),
    { cwd, maxBytes: options.maxInputBytes },
  );
  const problems = collected.problems.map(formatProblem);
  // A catalogue read in part would show its unread links as gone: no report from it.
  if (collected.unread.length > 0) return fail(problems);
  const reportDir = resolve(cwd, options.reportDir);
  const opened = await openHistoryStore({
    reportDir,
    cwd,
    ...(options.store ? { store: options.store } : {}),
  });
  if (!opened.ok) return fail([...problems, opened.error.message]);
  const store = opened.store;
  try {
    if (!isPostgresStore(store)) {
      return fail([`${store.location}: a snapshot report needs a PostgreSQL store`]);
    }
    const catalogues = [...new Set(inputs.map(inputLabel))];
    let held: ReturnType<typeof holdClaim> | null = null;
    if (job.claim) {
      const key = [...catalogues].sort().join('\n');
      // Another worker's claim unfinished: wait for its report, or take over if it fails.
      const answer = await awaitClaim(store.db, key, job.claim, job.signal);
      if (answer === 'done-elsewhere') {
        return { report: null, exitCode: 0, written: [], problems, takenElsewhere: true };
      }
      if (answer === 'held-elsewhere') {
        // Nobody may have sent this tick's report: the worker records that, not "taken".
        const why =
          'another worker of the store holds this tick’s snapshot report and had not sent it';
        if (job.signal?.aborted) {
          return {
            report: null,
            exitCode: 0,
            written: [],
            problems: [...problems, `stopped: ${why}`],
          };
        }
        throw new Error(`${why} when the claim’s window ended`);
      }
      held = holdClaim(store.db, key, job.claim);
    }
    try {
      const read = { collected, catalogues, problems };
      const result = await writeSnapshot(job, store, read, loaded.config, reportDir);
      // The report is out: a claim left unmarked only lets another worker send it again.
      await held?.end('done').catch(() => undefined);
      return result;
    } catch (err) {
      await held?.end('failed').catch(() => undefined);
      throw err;
    }
  } finally {
    await store.close();
  }
}

/** The snapshot of the store, as report files, a run record and the delivery's report. */
async function writeSnapshot(
  job: SnapshotJob,
  store: PostgresHistoryStore,
  read: { collected: Collected; catalogues: string[]; problems: string[] },
  config: LoadedConfig,
  reportDir: string,
): Promise<SnapshotJobResult> {
  const { collected, catalogues, problems } = read;
  const { options } = config;
  const snap = await storeSnapshot(store, {
    catalogue: new Map(collected.targets.map((t) => [t.url, t])),
    catalogues,
    language: chooseLanguage(
      config.report.language,
      collected.catalogues.map((c) => c.language),
    ).language,
    prune: true,
    config: config.scale,
  });
  try {
    const { source } = snap;
    const written = await writeReports(source, {
      dir: reportDir,
      formats: options.formats,
      retain: options.retain,
      failOn: options.failOn,
      slot: 'latest',
      htmlMaxOkLinks: options.htmlMaxOkLinks,
    });
    await store.writeSnapshotRun(runRecordOf(source.head), HISTORY_IN_REPORT, snap.read);
    const report = job.collect === false ? null : await collectReport(source);
    await job.onReport?.(source);
    return {
      report,
      head: source.head,
      exitCode: exitCodeOf(source.head, options.failOn, problems.length > 0),
      written,
      problems,
    };
  } finally {
    await snap.close();
  }
}
