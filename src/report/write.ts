import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic.js';
import { ensureDir } from '../fs/dirs.js';
import type { Report } from '../model/index.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
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

export interface WriteReportsOptions {
  dir: string;
  /** Extra files besides latest.json; `json` is implied, `github` has no file (stdout only). */
  formats: ReportFormat[];
  /** Dated copies kept in runs/, newest first (this run included); 0 keeps none. */
  retain: number;
  /** Fail-on policy for the JUnit file (default 'dead'). */
  failOn?: FailOnLevel;
}

const FILES: Partial<
  Record<ReportFormat, { name: string; render: (r: Report, o: WriteReportsOptions) => string }>
> = {
  md: { name: 'latest.md', render: (r) => renderMarkdown(r) },
  html: { name: 'latest.html', render: (r) => renderHtml(r) },
  csv: { name: 'latest.csv', render: (r) => renderCsv(r) },
  junit: { name: 'latest.xml', render: (r, o) => renderJunit(r, { failOn: o.failOn ?? 'dead' }) },
};

/**
 * Writes latest.json, a dated copy runs/<run id>.json (pruned to `retain`), and one latest.*
 * per requested format. Every file is written to a temp file and renamed into place, so a
 * crash leaves the previous file whole. Returns the paths written, latest.json first.
 */
export async function writeReports(report: Report, opts: WriteReportsOptions): Promise<string[]> {
  await ensureDir(opts.dir);
  const written: string[] = [];
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const latest = join(opts.dir, 'latest.json');
  await writeFileAtomic(latest, json);
  written.push(latest);

  const retain = Number.isFinite(opts.retain)
    ? Math.max(0, Math.floor(opts.retain))
    : Number.POSITIVE_INFINITY;
  const runsDir = join(opts.dir, 'runs');
  if (retain > 0) {
    await ensureDir(runsDir);
    const dated = join(runsDir, `${runFileName(report.run.id)}.json`);
    await writeFileAtomic(dated, json);
    written.push(dated);
  }
  await pruneRuns(runsDir, retain);

  for (const format of new Set(opts.formats)) {
    const file = FILES[format];
    if (!file) continue;
    const path = join(opts.dir, file.name);
    await writeFileAtomic(path, file.render(report, opts));
    written.push(path);
  }
  return written;
}

/** A run id as a safe file name: no separators, no dot-dot, nothing a shell would trip on. */
export function runFileName(id: string): string {
  const name = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return name.slice(0, 120) || 'run';
}

/** Keeps the `retain` newest dated reports (by the run's start time, else file time). */
async function pruneRuns(runsDir: string, retain: number): Promise<void> {
  if (retain === Number.POSITIVE_INFINITY) return;
  let names: string[];
  try {
    names = (await readdir(runsDir)).filter((n) => n.endsWith('.json'));
  } catch {
    return;
  }
  if (names.length <= retain) return;
  const dated = await Promise.all(
    names.map(async (name) => {
      const path = join(runsDir, name);
      return { path, name, time: await runTime(path) };
    }),
  );
  dated.sort((a, b) => b.time - a.time || (a.name < b.name ? 1 : -1));
  await Promise.all(dated.slice(retain).map((d) => rm(d.path, { force: true })));
}

async function runTime(path: string): Promise<number> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { run?: { startedAt?: unknown } };
    const t =
      typeof parsed.run?.startedAt === 'string' ? Date.parse(parsed.run.startedAt) : Number.NaN;
    if (!Number.isNaN(t)) return t;
  } catch {
    // fall back to the file's time
  }
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}
