import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryError, ensureDir, ensureDirSync } from '../../src/fs/dirs.js';

let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});

describe('ensureDir (mkdir -p that always ends)', () => {
  it('creates every missing level, and accepts a directory that exists', async () => {
    const base = await mkdtemp(join(tmpdir(), 'rotwatch-dirs-'));
    dirs.push(base);
    await ensureDir(join(base, 'a', 'b', 'c'));
    expect((await stat(join(base, 'a', 'b', 'c'))).isDirectory()).toBe(true);
    await ensureDir(join(base, 'a', 'b', 'c'));
    ensureDirSync(join(base, 'a', 'd'));
    expect((await stat(join(base, 'a', 'd'))).isDirectory()).toBe(true);
  });

  it('fails with one error naming the directory under a file', async () => {
    const base = await mkdtemp(join(tmpdir(), 'rotwatch-dirs-'));
    dirs.push(base);
    await writeFile(join(base, 'file'), 'x');
    await expect(ensureDir(join(base, 'file', 'x'))).rejects.toThrow(DirectoryError);
    expect(() => ensureDirSync(join(base, 'file', 'x'))).toThrow(/cannot create the directory/);
  });

  it('returns an error where the kernel refuses every new directory (Node 20 looped for ever)', async () => {
    // Under /proc mkdir answers ENOENT although the parent exists: fs.mkdir({recursive})
    // alternated mkdir(parent) = EEXIST and mkdir(child) = ENOENT without end.
    await expect(ensureDir('/proc/rotwatch-test/reports')).rejects.toThrow(
      /cannot create the directory \/proc/,
    );
    expect(() => ensureDirSync('/proc/rotwatch-test/reports')).toThrow(DirectoryError);
  });
});
