import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic.js';
import {
  isLanguage,
  type Language,
  type Messages,
  messagesFor,
  reportLanguage,
} from '../i18n/index.js';
import type { ReportLink } from '../model/index.js';
import { editFiles, type FileEdit } from './apply.js';
import { renderDiff } from './diff.js';
import { type CatalogueFile, readCatalogueFile, writeCatalogueFile } from './files.js';
import { readLinkStates } from './history.js';
import { planFixes } from './plan.js';
import { parsePlan } from './plan-file.js';
import { renderPullRequest } from './pull-request.js';
import { readCatalogues, readLastReport } from './read.js';
import { renderPlanSummary } from './render.js';
import { type FixPlan, isEnrichment, type PlanItem } from './types.js';

export type FixExitCode = 0 | 1 | 2;

/**
 * Why `--write --enrich` is refused rather than half done: enrichment adds what a person has not
 * seen, so it is written only after review, and writing the other edits alone would leave the
 * user thinking the enrichment was written too.
 */
export const ENRICH_WRITE_REFUSED =
  '--enrich is never written directly: run rotwatch fix --enrich --plan FILE, review the plan, then rotwatch fix --apply FILE (nothing was written)';

export interface FixOptions {
  cwd: string;
  /** Catalogue files or directories (default: `catalogue/`). */
  catalogues: string[];
  /** Default `reports`: where `latest.json` and the history are. */
  reportDir?: string;
  /** The history store, as `check --store` (default: `<reportDir>/history.sqlite`). */
  store?: string;
  /** `dry-run` prints the diff; `write` applies; `plan` writes `planFile`; `apply` applies it. */
  mode: 'dry-run' | 'write' | 'plan' | 'apply';
  planFile?: string;
  maxEdits?: number;
  /**
   * `--enrich`: also propose what entries lack from their pages' metadata. Shown in a dry run
   * and written into a plan; refused with `write` (exit 2): enrichment is written only from a
   * reviewed plan.
   */
  enrich?: boolean;
  /**
   * The language of the human texts (`--language`): default the report's (`run.language`), or
   * with `apply` the plan's (English for a plan without one).
   */
  language?: Language;
  /**
   * `--pull-request FILE`: also write the pull request's title and description there, in that
   * language (src/fix/pull-request.ts); with a dry run, `write` or `apply`.
   */
  pullRequestFile?: string;
  colour: boolean;
  now?: () => Date;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * `rotwatch fix`: plans edits from the last complete report and the history, then shows them
 * (dry run, exit 1 when edits are pending), writes them, or writes/applies a JSON plan. Exit 2
 * on bad usage or input (a partial report, a broken catalogue, a plan whose files changed) and
 * when an edit could not be written. Never throws for a bad file.
 */
export async function runFix(opts: FixOptions): Promise<FixExitCode> {
  if (opts.enrich && opts.mode === 'write') {
    opts.stderr(`rotwatch fix: ${ENRICH_WRITE_REFUSED}\n`);
    return 2;
  }
  if (opts.mode === 'apply') return applyPlanFile(opts);
  const reportDir = resolve(opts.cwd, opts.reportDir ?? 'reports');
  const report = await readLastReport(join(reportDir, 'latest.json'), opts);
  if (!report) return 2;
  // The editors read the language their reports are in; `--language` overrides it.
  const language = opts.language ?? reportLanguage(report);
  const m = messagesFor(language);

  const loaded = await readCatalogues(
    opts.catalogues.length ? opts.catalogues : ['catalogue'],
    opts,
  );
  if (!loaded) return 2;
  const links = new Map<string, ReportLink>(report.links.map((l) => [l.url, l]));
  const history = await readLinkStates(reportDir, links.keys(), {
    cwd: opts.cwd,
    ...(opts.store ? { store: opts.store } : {}),
  });
  if (!history.ok) {
    opts.stderr(`${history.message}\n`);
    return 2;
  }
  const plan = planFixes({
    report: { id: report.run.id, finishedAt: report.run.finishedAt },
    catalogues: loaded.map((l) => ({ catalogue: l.catalogue, sha256: l.file.sha256 })),
    links,
    states: history.states,
    now: (opts.now ?? (() => new Date()))(),
    ...(opts.maxEdits !== undefined ? { maxEdits: opts.maxEdits } : {}),
    ...(opts.enrich ? { enrich: true } : {}),
    language,
  });

  const files = new Map(loaded.map((l) => [l.file.file, l.file]));
  if (opts.mode === 'plan') {
    // The plan holds only edits the writer can make: the same as a dry run would show.
    const { edits, refused, failures } = editFiles(files, plan.items);
    for (const r of refused) opts.stderr(`not edited: ${r.message}\n`);
    for (const f of failures) opts.stderr(`rotwatch fix: ${f}\n`);
    if (failures.length > 0) return 2;
    const writable = new Set(edits.flatMap((e) => e.applied));
    const kept = { ...plan, items: plan.items.filter((i) => writable.has(i)) };
    const file = resolve(opts.cwd, opts.planFile!);
    try {
      await writeFileAtomic(file, `${JSON.stringify(kept, null, 2)}\n`);
    } catch (error) {
      opts.stderr(
        `${opts.planFile}: cannot write (${(error as NodeJS.ErrnoException).code ?? error})\n`,
      );
      return 2;
    }
    opts.stderr(renderPlanSummary(kept, kept.items, m));
    opts.stderr(`${m.fix.planWritten(opts.planFile!)}\n`);
    return kept.items.length > 0 ? 1 : 0;
  }
  return showOrWrite(plan, plan.items, files, opts, m);
}

/** Edits in memory, then prints the diff (dry run) or writes every file (all verified first). */
async function showOrWrite(
  plan: FixPlan,
  items: readonly PlanItem[],
  files: ReadonlyMap<string, CatalogueFile>,
  opts: FixOptions,
  m: Messages,
  refusedBefore = 0,
): Promise<FixExitCode> {
  const { edits, refused, failures } = editFiles(files, items);
  for (const r of refused) opts.stderr(`not edited: ${r.message}\n`);
  for (const f of failures) opts.stderr(`rotwatch fix: ${f}\n`);
  const applied = edits.flatMap((e) => e.applied);
  const summary = renderPlanSummary(plan, applied, m);
  if (opts.mode === 'dry-run') {
    opts.stdout(renderEdits(edits, opts.colour, m));
    opts.stderr(summary);
    if (failures.length > 0) return 2;
    if (!(await writePullRequest(edits, summary, opts, m))) return 2;
    return applied.length > 0 ? 1 : 0;
  }
  // Nothing is written unless every file's edit passed its verification.
  if (failures.length > 0) {
    opts.stderr(`${m.fix.nothingWritten}\n`);
    return 2;
  }
  const written = await writeAll(edits, opts);
  opts.stderr(summary);
  if (written < edits.length) return 2;
  if (edits.length > 0) opts.stderr(`${m.fix.written(edits.map((e) => e.file.file))}\n`);
  if (!(await writePullRequest(edits, summary, opts, m))) return 2;
  return refused.length + refusedBefore > 0 ? 2 : 0;
}

/** `--pull-request FILE`: the pull request's text (false, said on stderr, when not written). */
async function writePullRequest(
  edits: readonly FileEdit[],
  summary: string,
  opts: FixOptions,
  m: Messages,
): Promise<boolean> {
  if (!opts.pullRequestFile) return true;
  const text = renderPullRequest({ summary, diff: renderEdits(edits, false, m), m });
  try {
    await writeFileAtomic(resolve(opts.cwd, opts.pullRequestFile), text);
    return true;
  } catch (error) {
    opts.stderr(
      `${opts.pullRequestFile}: cannot write (${(error as NodeJS.ErrnoException).code ?? error})\n`,
    );
    return false;
  }
}

/**
 * The dry run's diff: the repairs first, then (when there are any) the enrichment as a second
 * diff on top of them, after a `#` line marking it. Both are exact patches: `git apply` and
 * `patch` take the text before a diff's `---` line as commentary.
 */
function renderEdits(edits: readonly FileEdit[], colour: boolean, m: Messages): string {
  const out: string[] = [];
  const middle = new Map<FileEdit, string>();
  for (const e of edits) {
    const repairs = e.applied.filter((i) => !isEnrichment(i));
    const text =
      repairs.length === e.applied.length
        ? e.after
        : repairs.length === 0
          ? e.file.text
          : repairsOnly(e, repairs);
    middle.set(e, text);
    out.push(renderDiff(e.file.file, e.file.text, text, colour));
  }
  const enriched = edits.filter((e) => middle.get(e) !== e.after);
  if (enriched.length > 0) {
    out.push(`${m.fix.enrichmentDiff}\n`);
    for (const e of enriched) out.push(renderDiff(e.file.file, middle.get(e)!, e.after, colour));
  }
  return out.join('');
}

/** The file with only the repairs made (they passed with the enrichment: they pass alone). */
function repairsOnly(e: FileEdit, repairs: readonly PlanItem[]): string {
  const { edits } = editFiles(new Map([[e.file.file, e.file]]), repairs);
  return edits[0]?.after ?? e.file.text;
}

async function writeAll(edits: readonly FileEdit[], opts: FixOptions): Promise<number> {
  let written = 0;
  for (const e of edits) {
    const done = await writeCatalogueFile(e.file, e.after);
    if (done.ok) written++;
    else opts.stderr(`rotwatch fix: ${done.message}\n`);
  }
  return written;
}

/** `--apply FILE`: the pruned plan's items, refused for any file changed since the plan. */
async function applyPlanFile(opts: FixOptions): Promise<FixExitCode> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(resolve(opts.cwd, opts.planFile!), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    opts.stderr(`${opts.planFile}: ${code ? `cannot read (${code})` : 'not valid JSON'}\n`);
    return 2;
  }
  const parsed = parsePlan(value);
  if (!parsed.ok) {
    for (const p of parsed.problems) opts.stderr(`${opts.planFile}: ${p}\n`);
    return 2;
  }
  const { plan } = parsed;
  // Its texts (each `why`) are in the plan's language: its summary says the rest in it too.
  const m = messagesFor(opts.language ?? (isLanguage(plan.language) ? plan.language : undefined));
  const items = opts.maxEdits !== undefined ? plan.items.slice(0, opts.maxEdits) : plan.items;
  const hashes = new Map(plan.files.map((f) => [f.file, f.sha256]));
  const files = new Map<string, CatalogueFile>();
  const usable: PlanItem[] = [];
  let refused = 0;
  for (const name of new Set(items.map((i) => i.file))) {
    const mine = items.filter((i) => i.file === name);
    const read = await readCatalogueFile(name, opts.cwd);
    const why = !hashes.has(name)
      ? 'not listed in the plan\u2019s files'
      : !read.ok
        ? read.message
        : read.value.sha256 !== hashes.get(name)
          ? 'changed since the plan was made; make a new plan'
          : null;
    if (why || !read.ok) {
      opts.stderr(`refused: ${mine.length} item(s) for ${name}: ${why}\n`);
      refused += mine.length;
      continue;
    }
    files.set(name, read.value);
    usable.push(...mine);
  }
  return showOrWrite(
    { ...plan, attention: [], leftAlone: [], heldBack: 0 },
    usable,
    files,
    { ...opts, mode: 'write' },
    m,
    refused,
  );
}
