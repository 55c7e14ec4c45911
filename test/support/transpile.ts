import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * All of src transpiled to plain JS in `into` (no type check), with the project's node_modules
 * linked beside it: what a test runs as a real child process (`node <into>/cli/bin.js ...`).
 */
export async function transpileSources(into: string): Promise<void> {
  const files = (await readdir(join(ROOT, 'src'), { recursive: true }))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `src/${f}`);
  for (const file of files) {
    const out = ts.transpileModule(await readFile(join(ROOT, file), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ES2022,
        target: ts.ScriptTarget.ES2023,
        verbatimModuleSyntax: true,
      },
      fileName: file,
    });
    const target = join(into, 'dist', relative('src', file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, out.outputText);
  }
  await writeFile(join(into, 'dist', 'package.json'), '{"type":"module"}\n');
  await symlink(join(ROOT, 'node_modules'), join(into, 'node_modules'), 'dir');
}
