import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Target } from '../model/index.js';

const run = promisify(execFile);

/** Lines added or changed per file (paths as given by git, relative to the repo root). */
export type ChangedLines = Map<string, Set<number>>;

const DIFF_NEW_FILE_PREFIX = /^b\//;
const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parses `git diff -U0` output into the new-side line numbers of each file. Pure. */
export function parseUnifiedDiff(diff: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let current: Set<number> | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = line.slice(4).trim();
      current = path === '/dev/null' ? null : new Set();
      if (current) changed.set(path.replace(DIFF_NEW_FILE_PREFIX, ''), current);
      continue;
    }
    const hunk = HUNK_HEADER.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let i = 0; i < count; i++) current.add(start + i);
    }
  }
  return changed;
}

/** Targets with at least one citation on an added or changed line. Pure. */
export function filterChanged(
  targets: Target[],
  changed: ChangedLines,
  toRepoPath: (file: string) => string,
): Target[] {
  return targets.filter((t) =>
    t.citations.some((c) => changed.get(toRepoPath(c.file))?.has(c.line) ?? false),
  );
}

/** Asks git what changed since `ref` in the working tree (committed or not). */
/** Why the lines changed since a ref could not be listed: one sentence for the user. */
export class ChangedSinceError extends Error {
  constructor(
    readonly code: 'git-missing' | 'not-a-repository' | 'unknown-ref' | 'git-failed',
    message: string,
  ) {
    super(message);
  }
}

const GIT_MESSAGE_LEVEL = /^(fatal|error): /;

/** The first line git wrote on stderr, for the rare failure we do not name ourselves. */
function gitSays(err: unknown): string {
  const stderr = String((err as { stderr?: unknown }).stderr ?? '').trim();
  return stderr.split('\n')[0]?.replace(GIT_MESSAGE_LEVEL, '') || (err as Error).message;
}

/** The repository's top directory and the ref's commit, or a ChangedSinceError. */
async function resolveRef(cwd: string, ref: string): Promise<string> {
  let root: string;
  try {
    root = (await run('git', ['rev-parse', '--show-toplevel'], { cwd })).stdout;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ChangedSinceError('git-missing', 'git is not installed (or not on the PATH).');
    }
    throw new ChangedSinceError('not-a-repository', `${cwd} is not inside a git repository.`);
  }
  // A "ref" starting with "-" would be read by git as an option.
  const known =
    !ref.startsWith('-') &&
    (await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd }).then(
      () => true,
      () => false,
    ));
  if (!known) {
    throw new ChangedSinceError(
      'unknown-ref',
      `"${ref}" is not a commit this repository knows: mistyped, or not fetched (in CI, fetch it first, e.g. git fetch origin main, or check out with fetch-depth: 0).`,
    );
  }
  return root;
}

export async function gitChangedLines(
  cwd: string,
  ref: string,
): Promise<{ lines: ChangedLines; root: string }> {
  const root = await resolveRef(cwd, ref);
  try {
    return await changedLines(cwd, ref, root);
  } catch (err) {
    if (err instanceof ChangedSinceError) throw err;
    throw new ChangedSinceError('git-failed', `git could not list the changes: ${gitSays(err)}.`);
  }
}

async function changedLines(
  cwd: string,
  ref: string,
  root: string,
): Promise<{ lines: ChangedLines; root: string }> {
  // The user's git config must not change what parseUnifiedDiff reads: prefixes (noprefix,
  // mnemonicPrefix), paths relative to a subdirectory (diff.relative), quoted non-ASCII names.
  const args = [
    ...['-c', 'core.quotePath=false', 'diff'],
    ...['-U0', '--no-color', '--no-ext-diff', '--no-relative'],
    ...['--src-prefix=a/', '--dst-prefix=b/', ref, '--'],
  ];
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  const lines = parseUnifiedDiff(stdout);
  const top = root.trim();
  // git diff does not see files git does not track yet: every line of a new input is new.
  const { stdout: others } = await run(
    'git',
    ['ls-files', '--others', '--exclude-standard', '--full-name', '-z'],
    { cwd: top, maxBuffer: 64 * 1024 * 1024 },
  );
  for (const path of others.split('\0')) {
    if (!INPUT_FILE.test(path) || lines.has(path)) continue;
    const text = await readFile(join(top, path), 'utf8').catch(() => null);
    if (text === null) continue;
    const count = text.split('\n').length;
    lines.set(path, new Set(Array.from({ length: count }, (_, i) => i + 1)));
  }
  return { lines, root: top };
}

/** Files `rotwatch check` reads citations from. */
const INPUT_FILE = /\.(?:ya?ml|txt|md|markdown)$/i;
