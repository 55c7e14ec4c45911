// What a run checks: its inputs as the user named them (paths made relative to cwd, URLs and
// `-` as they are), the targets read from them, narrowed to a change's new lines when asked.
// Kept apart so the run reads "inputs, then check" and path subtleties live in one place.
import { realpath } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { formatProblem } from '../catalogue/index.js';
import type { CheckOptions } from '../config/options.js';
import { type Collected, collectTargets, isUrlInput, STDIN_INPUT } from '../inputs/index.js';
import type { Target } from '../model/index.js';
import { filterChanged, gitChangedLines } from './changed.js';

export type RunInputs =
  | {
      ok: true;
      /** The inputs as the report names them (paths relative to cwd). */
      inputs: string[];
      collected: Collected;
      /** The targets to check (only a change's new links with --changed-since). */
      targets: Target[];
      /** Problems with the inputs, each naming file:line; the run goes on. */
      problems: string[];
    }
  /** A problem that stops the run before any request (exit 2). */
  | { ok: false; problems: string[] };

export async function readRunInputs(
  cwd: string,
  given: string[] | undefined,
  options: CheckOptions,
  stdin: string | undefined,
): Promise<RunInputs> {
  // URLs and `-` (a URL list on stdin) are inputs too, not paths to resolve.
  const isPath = (p: string) => !isUrlInput(p) && p !== STDIN_INPUT;
  const inputs = (given?.length ? given : [join(cwd, 'catalogue')]).map((p) =>
    isPath(p) ? relative(cwd, resolve(cwd, p)) || '.' : p,
  );
  const collected = await collectTargets(
    inputs.map((p) => (isPath(p) ? resolve(cwd, p) : p)),
    {
      cwd,
      maxBytes: options.maxInputBytes,
      ...(stdin !== undefined ? { stdin } : {}),
    },
  );
  const problems = collected.problems.map(formatProblem);
  let targets = collected.targets;
  if (options.changedSince) {
    try {
      const { lines, root } = await gitChangedLines(cwd, options.changedSince);
      // git names files from the real path of the repo: a symlinked cwd (macOS's /var, a
      // linked checkout) must be resolved the same way, or no citation ever matches.
      const real = await realPaths(targets, cwd);
      targets = filterChanged(targets, lines, (file) => relative(root, real.get(file) ?? file));
    } catch (err) {
      // One sentence: never the raw git command line and its stderr.
      problems.push(`--changed-since ${options.changedSince}: ${(err as Error).message}`);
      return { ok: false, problems };
    }
  }
  return { ok: true, inputs, collected, targets, problems };
}

/** The real path of each citing file, keyed by the file name as cited. */
async function realPaths(targets: Target[], cwd: string): Promise<Map<string, string>> {
  const files = new Set(targets.flatMap((t) => t.citations.map((c) => c.file)));
  const real = new Map<string, string>();
  for (const file of files) {
    const path = resolve(cwd, file);
    real.set(file, await realpath(path).catch(() => path));
  }
  return real;
}
