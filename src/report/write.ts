import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { copyFileAtomic, type StagedFile, stageFileAtomic, type TextChunks } from '../fs/atomic.js';
import { ensureDir } from '../fs/dirs.js';
import { messagesFor } from '../i18n/index.js';
import type { Language } from '../i18n/language.js';
import type { Report, ReportSource } from '../model/index.js';
import { csvChunks, csvLinkRows } from './csv.js';
import { htmlChunks } from './html-stream.js';
import { JSON_LINK, jsonChunks } from './json.js';
import { junitCases, junitChunks } from './junit.js';
import { LinkRows, type RowContext } from './link-rows.js';
import { markdownChunks } from './markdown.js';
import { pruneRuns } from './prune.js';
import { toSource } from './source.js';
import type { FailOnLevel } from './view.js';

export type ReportFormat = 'json' | 'md' | 'html' | 'csv' | 'junit' | 'github';
export const REPORT_FORMATS: readonly ReportFormat[] = [
  'json',
  'md',
  'html',
  'csv',
  'junit',
  'github',
];

/**
 * Which files a run may write (decided in src/check/publish.ts): a complete run replaces
 * `latest.*`; an interrupted one writes `latest.partial.*` beside them; a run whose inputs
 * could not all be read writes `latest.failed.*`. Only `latest` keeps a dated copy.
 */
export type ReportSlot = 'latest' | 'partial' | 'failed';

export interface WriteReportsOptions {
  dir: string;
  /** Extra files besides the JSON; `json` is implied, `github` has no file (stdout only). */
  formats: ReportFormat[];
  /** Dated copies kept in runs/, newest first (this run included); 0 keeps none. */
  retain: number;
  /** Fail-on policy for the JUnit file (default 'dead'). */
  failOn?: FailOnLevel;
  /** Default 'latest'. */
  slot?: ReportSlot;
  /**
   * The HTML page lists links that need nothing (ok, skipped) one by one up to this many; above,
   * it counts them per section and host and points to the CSV (default 5,000).
   */
  htmlMaxOkLinks?: number;
  /** Per-link texts rendered ahead of time (link-rows.ts); the files are the same without. */
  rows?: LinkRows;
}

const EXTENSIONS: Partial<Record<ReportFormat, string>> = {
  md: 'md',
  html: 'html',
  csv: 'csv',
  junit: 'xml',
};

/** The file name stem of a slot: `latest`, `latest.partial`, `latest.failed`. */
export function slotStem(slot: ReportSlot): string {
  return slot === 'latest' ? 'latest' : `latest.${slot}`;
}

/**
 * `report.json` -> `report.partial.json`: where a file the user named goes when the run may not
 * replace it (see ReportSlot).
 */
export function slotPath(path: string, slot: ReportSlot): string {
  if (slot === 'latest') return path;
  const dot = path.lastIndexOf('.');
  const sep = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return dot > sep + 1 ? `${path.slice(0, dot)}.${slot}${path.slice(dot)}` : `${path}.${slot}`;
}

/**
 * Writes the JSON report, a dated copy runs/<run id>.json (pruned to `retain`), and one file
 * per requested format, named after the slot (latest.json, latest.partial.json, ...). Every file
 * is streamed to a temp file and renamed into place, so a crash leaves the previous file whole,
 * and no file is ever held whole in memory: `links()` is read once per format. A complete run
 * also removes the side files of an earlier partial or failed run, which it supersedes.
 * Returns the paths written, the JSON report first.
 */
export async function writeReports(
  report: Report | ReportSource,
  opts: WriteReportsOptions,
): Promise<string[]> {
  const source = toSource(report);
  const slot = opts.slot ?? 'latest';
  const stem = slotStem(slot);
  await ensureDir(opts.dir);
  const written: string[] = [];
  // Every file is written beside its target and synced in the background while the next one is
  // written (the disk's wait and the CPU's work overlap); only once all of them are on disk are
  // they renamed into place. A failure on the way (a full disk, a crash) leaves the previous
  // set of latest.* whole: never a new JSON report beside the last run's page.
  const staged: StagedFile[] = [];
  const syncing: Promise<unknown>[] = [];
  // Marked handled at once: a file that fails to sync while the next is written is thrown
  // below, not left to crash the process as an unhandled rejection.
  const stage = async (path: string, data: TextChunks) => {
    const file = await stageFileAtomic(path, data);
    staged.push(file);
    const ready = file.ready();
    ready.catch(() => undefined);
    syncing.push(ready);
    written.push(path);
    return { file, ready };
  };
  // Dated copies kept in runs/ (a complete run's reports only).
  const retain = Number.isFinite(opts.retain)
    ? Math.max(0, Math.floor(opts.retain))
    : Number.POSITIVE_INFINITY;
  let stopped: { error: unknown } | null = null;
  let datedCopy: string | null = null;
  try {
    const latest = join(opts.dir, `${stem}.json`);
    const json = await stage(latest, jsonChunks(source, opts.rows));
    if (slot === 'latest' && retain > 0) {
      const runsDir = join(opts.dir, 'runs');
      const dated = join(runsDir, `${runFileName(source.head.run.id)}.json`);
      // A copy of the JSON just written, taken from its temp file once on disk: the links are
      // not read a second time. A dated copy is a file of its own: it may land before latest.*.
      const copied = json.ready.then(async () => {
        await ensureDir(runsDir);
        await copyFileAtomic(json.file.tmp, dated);
      });
      copied.catch(() => undefined);
      syncing.push(copied);
      datedCopy = dated;
      written.push(dated);
    }

    const formats = new Set(opts.formats);
    for (const format of formats) {
      const ext = EXTENSIONS[format];
      if (!ext) continue;
      const path = join(opts.dir, `${stem}.${ext}`);
      const files = { csv: formats.has('csv') ? `${stem}.csv` : null, json: `${stem}.json` };
      await stage(path, chunksOf(format, source, opts, files));
    }
  } catch (error) {
    stopped = { error };
  }
  // Whatever stopped the writing, nothing is left syncing behind the caller's back.
  const synced = await Promise.allSettled(syncing);
  const failed = stopped ?? synced.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(staged.map((f) => f.discard()));
    // Nothing of an unpublished set stays, its dated copy included.
    if (datedCopy) await rm(datedCopy, { force: true });
    throw 'error' in failed ? failed.error : failed.reason;
  }
  // A folder where a file goes is the one thing a rename can meet: seen before the first rename.
  const blocked = await firstFolderTarget(staged.map((f) => f.path));
  if (blocked) {
    await Promise.all(staged.map((f) => f.discard()));
    if (datedCopy) await rm(datedCopy, { force: true });
    throw Object.assign(new Error(`EISDIR: a folder is where ${blocked} goes`), {
      code: 'EISDIR',
    });
  }
  // Renames only from here: each is atomic, and none needs room on the disk.
  for (const [i, file] of staged.entries()) {
    try {
      await file.place();
    } catch (err) {
      await Promise.all(staged.slice(i + 1).map((f) => f.discard()));
      throw err;
    }
  }
  if (slot === 'latest') {
    // Older dated copies go only once this run's reports are in place.
    await pruneRuns(join(opts.dir, 'runs'), retain);
    await removeSideFiles(opts.dir);
  }
  return written;
}

function chunksOf(
  format: ReportFormat,
  source: ReportSource,
  opts: WriteReportsOptions,
  files: { csv: string | null; json: string },
): TextChunks {
  switch (format) {
    case 'csv':
      return csvChunks(source, opts.rows);
    case 'junit':
      return junitChunks(source, {
        failOn: opts.failOn ?? 'dead',
        spoolDir: opts.dir,
        ...(opts.rows ? { rows: opts.rows } : {}),
      });
    case 'md':
      return markdownChunks(source);
    case 'html':
      return htmlChunks(source, {
        files,
        ...(opts.htmlMaxOkLinks !== undefined ? { maxOkLinks: opts.htmlMaxOkLinks } : {}),
      });
    default:
      return '';
  }
}

/**
 * A store for the per-link texts of the files `writeReports` will write with these options
 * (the JSON's, and the CSV's and JUnit's when asked for), in the report's language: texts
 * rendered into it ahead of time are the ones the writers would render.
 */
export function linkRowsFor(opts: {
  formats: readonly ReportFormat[];
  failOn?: FailOnLevel;
  language?: Language | undefined;
}): LinkRows {
  const contexts: RowContext<unknown>[] = [JSON_LINK];
  if (opts.formats.includes('csv')) contexts.push(csvLinkRows(messagesFor(opts.language)));
  if (opts.formats.includes('junit')) contexts.push(junitCases(opts.failOn ?? 'dead'));
  return new LinkRows(contexts);
}

/** The first of these paths that is a folder, if any. */
async function firstFolderTarget(paths: readonly string[]): Promise<string | null> {
  for (const path of paths) {
    const found = await stat(path).catch(() => null);
    if (found?.isDirectory()) return path;
  }
  return null;
}

const LATEST_SIDE_FILE = /^latest\.(partial|failed)\.[a-z]+$/;

/** latest.partial.* and latest.failed.*: superseded once a complete run is published. */
async function removeSideFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const side = names.filter((n) => LATEST_SIDE_FILE.test(n));
  await Promise.all(side.map((n) => rm(join(dir, n), { force: true })));
}

const UNSAFE_FILE_NAME_CHARS = /[^A-Za-z0-9._-]/g;
const LEADING_DOTS = /^\.+/;

/** A run id as a safe file name: no separators, no dot-dot, nothing a shell would trip on. */
export function runFileName(id: string): string {
  const name = id.replace(UNSAFE_FILE_NAME_CHARS, '_').replace(LEADING_DOTS, '_');
  return name.slice(0, 120) || 'run';
}
