import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem, loadCatalogueFile } from '../catalogue/index.js';
import {
  entryRows,
  renderCatalogueSummary,
  summarise,
  terminalSafeJson,
} from '../catalogue/listing.js';
import { listInputFiles } from '../inputs/collect.js';
import { normaliseUrl } from '../inputs/normalise.js';
import type { Catalogue, InputProblem } from '../model/index.js';
import type { CliIO } from './io.js';

const CATALOGUE_EXT = /\.ya?ml$/i;

export interface CatalogueCommandArgs {
  /** Catalogue files or directories; empty means every .yaml/.yml in `<cwd>/catalogue/`. */
  files: string[];
  json: boolean;
}

/**
 * `rotwatch catalogue [files...] [--json]`: validates catalogues and lists or summarises
 * them. Exit 0 when every file is valid, 2 when any has a problem (each printed to stderr
 * as `file:line: message`, nothing on stdout).
 */
export async function runCatalogueCommand(args: CatalogueCommandArgs, io: CliIO): Promise<number> {
  const problems: InputProblem[] = [];
  if (args.files.length === 0 && !(await isDirectory(join(io.cwd, 'catalogue')))) {
    io.stderr('no catalogue/ directory here: name catalogue files or directories as arguments\n');
    return 2;
  }
  const given = args.files.length > 0 ? args.files : ['catalogue'];
  const files = [...new Set(await listInputFiles(given, io.cwd, problems))];
  const catalogues: Catalogue[] = [];
  // File by file, so problems come out in the order the files were named.
  for (const file of files) {
    if (!CATALOGUE_EXT.test(file)) {
      const message = 'not a catalogue file (expected .yaml or .yml)';
      problems.push({ code: 'file-unreadable', file, line: 1, message });
      continue;
    }
    const loaded = await loadCatalogueFile(file, { cwd: io.cwd });
    problems.push(...loaded.problems);
    if (loaded.catalogue) catalogues.push(loaded.catalogue);
  }
  if (problems.length > 0) {
    io.stderr(problems.map((p) => `${formatProblem(p)}\n`).join(''));
    const files = new Set(problems.map((p) => p.file)).size;
    io.stderr(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`,
    );
    return 2;
  }
  if (args.json) io.stdout(`${terminalSafeJson(entryRows(catalogues))}\n`);
  else io.stdout(renderCatalogueSummary(summarise(catalogues, normaliseUrl)));
  return 0;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
