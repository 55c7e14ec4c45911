import { editCatalogueText } from '../../src/fix/edit.js';
import type { EditOp } from '../../src/fix/ops.js';

/** The edit of `source` (as `c.yaml`) by `ops`; throws with the edit's own message if refused. */
export function edit(source: string, ops: EditOp[]) {
  const out = editCatalogueText(source, ops, 'c.yaml');
  if (!out.ok) throw new Error(out.error.message);
  return out.result;
}
