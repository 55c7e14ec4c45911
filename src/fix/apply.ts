import { editCatalogueText } from './edit.js';
import type { CatalogueFile } from './files.js';
import { opOf, type PlanItem } from './types.js';

/** One file's edit, ready to show as a diff or to write. */
export interface FileEdit {
  file: CatalogueFile;
  after: string;
  applied: PlanItem[];
}

export interface EditsResult {
  edits: FileEdit[];
  /** Items refused one by one (the link changed, YAML too unusual): `file: message`. */
  refused: { item: PlanItem; message: string }[];
  /** Files where nothing could be written (the edited text failed its verification). */
  failures: string[];
}

/** Makes the plan's edits in memory, file by file, in plan order; writes nothing. */
export function editFiles(
  files: ReadonlyMap<string, CatalogueFile>,
  items: readonly PlanItem[],
): EditsResult {
  const result: EditsResult = { edits: [], refused: [], failures: [] };
  const byFile = new Map<string, PlanItem[]>();
  for (const item of items) byFile.set(item.file, [...(byFile.get(item.file) ?? []), item]);
  for (const [name, group] of byFile) {
    const file = files.get(name);
    if (!file) {
      for (const item of group)
        result.refused.push({ item, message: `${name}: not one of the files read` });
      continue;
    }
    const ops = group.map(opOf);
    const out = editCatalogueText(file.text, ops, name);
    if (!out.ok) {
      result.failures.push(out.error.message);
      continue;
    }
    for (const r of out.result.refused)
      result.refused.push({ item: group[ops.indexOf(r.op)]!, message: r.error.message });
    const applied = group.filter((_, i) => out.result.applied.includes(ops[i]!));
    if (applied.length > 0) result.edits.push({ file, after: out.result.text, applied });
  }
  return result;
}
