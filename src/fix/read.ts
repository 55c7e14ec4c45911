/** What `fix` reads before planning: the last complete report and the catalogues. */
import { readFile } from 'node:fs/promises';
import { formatProblem, parseCatalogueText } from '../catalogue/index.js';
import { listInputFiles } from '../inputs/collect.js';
import type { Catalogue, InputProblem, Report } from '../model/index.js';
import { parseReport } from '../report/index.js';
import { type CatalogueFile, readCatalogueFile } from './files.js';

/** Where problems are told (stderr). */
interface Out {
  cwd: string;
  stderr: (text: string) => void;
}

/** The last report, refused when its run cannot be trusted to edit a catalogue. */
export async function readLastReport(path: string, opts: Out): Promise<Report | null> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no report yet: run rotwatch check first'
        : code
          ? `cannot read (${code})`
          : 'not valid JSON';
    opts.stderr(`${path}: ${why}\n`);
    return null;
  }
  const parsed = parseReport(value);
  if (!parsed.ok) {
    opts.stderr(`${path}: not a rotwatch report: ${parsed.problems.slice(0, 3).join('; ')}\n`);
    return null;
  }
  const { run } = parsed.report;
  if (!run.complete || run.network.status !== 'ok') {
    const why = !run.complete ? 'was interrupted' : "ran while rotwatch's own network was down";
    opts.stderr(
      `${path}: the last run (${run.id}) ${why}; fix only works from a complete run. Run rotwatch check again.\n`,
    );
    return null;
  }
  return parsed.report;
}

/** Reads and validates the catalogues; null (problems printed) when any cannot be used. */
export async function readCatalogues(
  paths: string[],
  opts: Out,
): Promise<{ file: CatalogueFile; catalogue: Catalogue }[] | null> {
  const listProblems: InputProblem[] = [];
  const names = await listInputFiles(paths, opts.cwd, listProblems);
  const problems = listProblems.map(formatProblem);
  const out: { file: CatalogueFile; catalogue: Catalogue }[] = [];
  for (const name of names) {
    const read = await readCatalogueFile(name, opts.cwd);
    if (!read.ok) {
      problems.push(read.message);
      continue;
    }
    const parsed = parseCatalogueText(read.value.text, name);
    problems.push(...parsed.problems.map(formatProblem));
    if (parsed.catalogue) out.push({ file: read.value, catalogue: parsed.catalogue });
  }
  if (problems.length > 0) {
    for (const p of problems) opts.stderr(`${p}\n`);
    return null;
  }
  return out;
}
