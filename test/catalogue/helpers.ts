import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch directory per test file; `write` returns the path of the written file. */
export async function scratch(): Promise<{
  dir: string;
  write: (name: string, text: string | Uint8Array) => Promise<string>;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'rotwatch-cat-'));
  return {
    dir,
    write: async (name, text) => {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Joins lines so line numbers in tests can be read off the array index (+1). */
export const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;
