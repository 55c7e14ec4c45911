import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/*
 * `mkdir -p` without `fs.mkdir(path, { recursive: true })`: on Node 20 that call retries for
 * ever, sync and async alike, when the kernel answers ENOENT for a directory whose parent
 * exists (procfs, sysfs and some FUSE file systems do): it creates the parent (EEXIST), retries
 * the child (ENOENT), and so on, so `--report-dir /proc/x` never returned and the process could
 * not even stop. Here each missing level is created once, from the top down, and any failure is
 * an error naming the directory.
 */

/** A directory that could not be made: one sentence, with the system's code. */
export class DirectoryError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`cannot create the directory ${path} (${code})`);
  }
}

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? 'error';

/** The missing directories from `path` up (deepest first); throws if one is not a directory. */
function missingLevels(path: string, isDir: (p: string) => boolean | null): string[] {
  const missing: string[] = [];
  let dir = resolve(path);
  for (;;) {
    const found = isDir(dir);
    if (found === true) return missing;
    if (found === false) throw new DirectoryError(dir, 'ENOTDIR');
    missing.push(dir);
    const parent = dirname(dir);
    if (parent === dir) return missing;
    dir = parent;
  }
}

export async function ensureDir(path: string): Promise<void> {
  const known = new Map<string, boolean | null>();
  // Walk up asynchronously first, then decide with the answers (missingLevels is sync).
  let dir = resolve(path);
  for (;;) {
    const s = await stat(dir).catch((err: unknown) => {
      if (codeOf(err) === 'ENOENT') return null;
      throw new DirectoryError(dir, codeOf(err));
    });
    known.set(dir, s ? s.isDirectory() : null);
    const parent = dirname(dir);
    if (s || parent === dir) break;
    dir = parent;
  }
  for (const level of missingLevels(path, (p) => known.get(p) ?? null).reverse()) {
    try {
      await mkdir(level);
    } catch (err) {
      const isDir = await stat(level).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (codeOf(err) === 'EEXIST' && isDir) continue;
      throw new DirectoryError(level, codeOf(err));
    }
  }
}

export function ensureDirSync(path: string): void {
  const isDir = (p: string): boolean | null => {
    try {
      return statSync(p).isDirectory();
    } catch (err) {
      if (codeOf(err) === 'ENOENT') return null;
      throw new DirectoryError(p, codeOf(err));
    }
  };
  for (const level of missingLevels(path, isDir).reverse()) {
    try {
      mkdirSync(level);
    } catch (err) {
      if (codeOf(err) === 'EEXIST' && isDir(level) === true) continue;
      throw new DirectoryError(level, codeOf(err));
    }
  }
}
