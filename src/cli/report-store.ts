import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type TextChunks, writeFileAtomic } from '../fs/atomic.js';
import { ensureDir } from '../fs/dirs.js';
import { inLanguage, type Language } from '../i18n/index.js';
import type { ReportLink, ReportSource } from '../model/index.js';
import { terminalSafe } from '../report/escape.js';
import {
  csvChunks,
  type FailOnLevel,
  htmlChunks,
  jsonChunks,
  junitChunks,
  markdownChunks,
  renderGithub,
  renderSummaryFacts,
  summaryFactOptions,
  summaryFactsFrom,
} from '../report/index.js';
import { withLinks } from '../report/source.js';
import { isPostgresStore, storeSnapshot } from '../scale/snapshot-report.js';
import {
  type HistoryStore,
  type JournalRun,
  openHistoryStore,
  storeTarget,
} from '../store/index.js';
import type { CliIO } from './io.js';

/*
 * `rotwatch report --store` and `rotwatch status --store`: the last finished run read back from
 * the history's journal (its head, then its links page by page), never from latest.json and
 * never held whole: a run of a million links renders in bounded memory.
 */

export interface LastRun {
  store: HistoryStore;
  run: JournalRun;
  source: ReportSource;
  /** Releases what the source reads from (before the store is closed). */
  close?: () => Promise<void>;
}

export type LastRunResult = { ok: true; last: LastRun } | { ok: false; message: string };

/**
 * Opens the history (`--store`, default `<reportDir>/history.sqlite`) and finds its newest
 * finished run. A SQLite file that does not exist is an error, not a new empty history: these
 * commands only read. The caller closes `last.store`.
 */
export async function openLastRun(opts: {
  cwd: string;
  reportDir?: string;
  store?: string;
}): Promise<LastRunResult> {
  const reportDir = resolve(opts.cwd, opts.reportDir ?? 'reports');
  const where = { reportDir, cwd: opts.cwd, ...(opts.store ? { store: opts.store } : {}) };
  const target = storeTarget(where);
  if (target.kind === 'sqlite' && !existsSync(target.path)) {
    return {
      ok: false,
      message: `no run history at ${target.path}: run \`rotwatch check\` first, or pass --store <path>.`,
    };
  }
  const opened = await openHistoryStore(where);
  if (!opened.ok) return { ok: false, message: opened.error.message };
  const { store } = opened;
  try {
    const run = await store.journal.lastFinished();
    const head = run?.head as ReportSource['head'] | null | undefined;
    if (!run || !head?.run || !head.summary) {
      await store.close();
      return {
        ok: false,
        message: `${store.location} holds no finished run yet: run \`rotwatch check\` to the end first.`,
      };
    }
    const source = { head, links: () => store.journal.links(run.id) };
    return { ok: true, last: { store, run, source } };
  } catch (err) {
    await store.close();
    return { ok: false, message: `cannot read ${store.location}: ${(err as Error).message}` };
  }
}

export type StoreFormat = 'md' | 'html' | 'csv' | 'junit' | 'github' | 'json' | 'summary';

/** One format of a stored run, as chunks read from the journal as they are written. */
export function storedReportChunks(
  source: ReportSource,
  format: StoreFormat,
  opts: { failOn: FailOnLevel; language?: Language; htmlMaxOkLinks?: number; spoolDir?: string },
): TextChunks {
  // Another language changes the words only: the data, codes and field names stay as they are.
  const src: ReportSource = opts.language
    ? { head: inLanguage(source.head, opts.language), links: () => source.links() }
    : source;
  switch (format) {
    case 'md':
      return markdownChunks(src);
    case 'html':
      return htmlChunks(
        src,
        opts.htmlMaxOkLinks !== undefined ? { maxOkLinks: opts.htmlMaxOkLinks } : {},
      );
    case 'csv':
      return csvChunks(src);
    case 'junit':
      return junitChunks(src, {
        failOn: opts.failOn,
        ...(opts.spoolDir ? { spoolDir: opts.spoolDir } : {}),
      });
    case 'github':
      return githubChunks(src, opts.failOn);
    case 'json':
      return jsonChunks(src);
    case 'summary':
      return summaryChunks(src);
  }
}

/** GitHub annotations are one line per citing row: written link by link. */
async function* githubChunks(source: ReportSource, failOn: FailOnLevel): AsyncGenerator<string> {
  const shell = withLinks(source.head, []);
  for await (const link of source.links()) {
    const lines = renderGithub({ ...shell, links: [link as ReportLink] }, { failOn });
    if (lines) yield lines;
  }
}

async function* summaryChunks(source: ReportSource): AsyncGenerator<string> {
  const facts = await summaryFactsFrom(source, summaryFactOptions({}));
  yield renderSummaryFacts(facts);
}

/**
 * `rotwatch report --store`: the last finished run of the history in one format, to stdout or
 * atomically to `out`. Exit 0 when rendered, 2 when there is no such run or nothing could be
 * written.
 */
export async function runStoredReport(
  args: {
    store: string;
    reportDir?: string;
    format: StoreFormat;
    out?: string;
    language?: Language;
    htmlMaxOkLinks?: number;
  },
  failOn: FailOnLevel,
  io: CliIO,
): Promise<number> {
  const where = {
    cwd: io.cwd,
    ...(args.reportDir ? { reportDir: args.reportDir } : {}),
    ...(args.store ? { store: args.store } : {}),
  };
  // A shared PostgreSQL store: the snapshot of every link's latest verdict, not one run's.
  const opened = isPostgresTarget(where)
    ? await openSnapshotReport(where)
    : await openLastRun(where);
  if (!opened.ok) {
    io.stderr(`rotwatch report: ${terminalSafe(opened.message)}\n`);
    return 2;
  }
  const { store, source } = opened.last;
  const out = args.out ? resolve(io.cwd, args.out) : null;
  try {
    const chunks = storedReportChunks(source, args.format, {
      failOn,
      ...(args.language ? { language: args.language } : {}),
      ...(args.htmlMaxOkLinks !== undefined ? { htmlMaxOkLinks: args.htmlMaxOkLinks } : {}),
      ...(out ? { spoolDir: dirname(out) } : {}),
    });
    if (out) {
      await ensureDir(dirname(out));
      await writeFileAtomic(out, chunks);
      io.stderr(`rotwatch report: wrote ${terminalSafe(out)}\n`);
    } else if (typeof chunks === 'string') {
      io.stdout(chunks);
    } else {
      for await (const chunk of chunks) io.stdout(chunk);
    }
    return 0;
  } catch (err) {
    io.stderr(
      `rotwatch report: cannot write ${terminalSafe(out ?? 'stdout')} (${terminalSafe((err as Error).message)}).\n`,
    );
    return 2;
  } finally {
    await opened.last.close?.();
    await store.close();
  }
}

function isPostgresTarget(opts: { cwd: string; reportDir?: string; store?: string }): boolean {
  const reportDir = resolve(opts.cwd, opts.reportDir ?? 'reports');
  return storeTarget({ ...opts, reportDir }).kind === 'postgres';
}

/** The snapshot of a PostgreSQL store as the report to render (closed by the caller). */
async function openSnapshotReport(opts: {
  cwd: string;
  reportDir?: string;
  store?: string;
}): Promise<{ ok: true; last: Omit<LastRun, 'run'> } | { ok: false; message: string }> {
  const reportDir = resolve(opts.cwd, opts.reportDir ?? 'reports');
  const opened = await openHistoryStore({ reportDir, ...opts });
  if (!opened.ok) return { ok: false, message: opened.error.message };
  const { store } = opened;
  try {
    if (!isPostgresStore(store)) throw new Error('not a PostgreSQL store');
    const snap = await storeSnapshot(store);
    return { ok: true, last: { store, source: snap.source, close: snap.close } };
  } catch (err) {
    await store.close();
    return { ok: false, message: `cannot read ${store.location}: ${(err as Error).message}` };
  }
}
