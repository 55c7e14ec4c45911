/**
 * `rotwatch import <dossier.txt> [--out catalogue/NAME.yaml]`: turn the text extraction of a
 * dossier into a catalogue file. Prints the YAML to stdout without --out. What the importer was
 * unsure about goes to stderr, with a final count line, so an editor knows what to review.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { importDossier } from '../catalogue/importer/importer.js';
import type { ImportProblem } from '../catalogue/importer/types.js';
import { writeCatalogueYaml } from '../catalogue/importer/writer.js';
import { writeFileAtomic } from '../fs/atomic.js';
import type { CliIO } from './io.js';

export interface ImportArgs {
  input: string;
  out?: string;
  /** Below this confidence an assignment is listed for review. Default 0.5. */
  minConfidence?: number;
}

/** Problems that leave nothing worth writing. */
const FATAL = new Set<ImportProblem['code']>(['empty-input', 'no-entries']);

export async function runImportCommand(args: ImportArgs, io: CliIO): Promise<number> {
  const inputPath = resolve(io.cwd, args.input);
  let text: string;
  try {
    text = await readFile(inputPath, 'utf8');
  } catch (err) {
    io.stderr(
      `rotwatch import: cannot read ${args.input}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`,
    );
    return 2;
  }
  const file = args.out ?? basename(inputPath);
  const result = importDossier(text, { file, minConfidence: args.minConfidence ?? 0.5 });

  for (const p of result.problems) io.stderr(`${args.input}:${p.line}: ${p.code}: ${p.message}\n`);
  const s = result.stats;
  io.stderr(
    `imported ${s.entries} entries in ${s.sections} sections, ${s.urls} URLs (${s.assigned} assigned, ${s.unassigned} unassigned, ${s.lowConfidence} low-confidence)\n`,
  );
  if (result.problems.some((p) => FATAL.has(p.code))) return 2;

  const yaml = writeCatalogueYaml(result, {
    header: [
      `Imported from ${basename(inputPath)} by \`rotwatch import\`.`,
      'Review it by hand against the dossier before committing: see docs/import.md.',
    ],
  });
  if (!args.out) {
    io.stdout(yaml);
    return 0;
  }
  const outPath = resolve(io.cwd, args.out);
  try {
    await writeFileAtomic(outPath, yaml);
  } catch (err) {
    io.stderr(
      `rotwatch import: cannot write ${args.out}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`,
    );
    return 2;
  }
  return 0;
}
