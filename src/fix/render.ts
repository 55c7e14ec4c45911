import { terminalSafe } from '../report/escape.js';
import { type AttentionItem, type FixPlan, groupOf, type PlanItem } from './types.js';

const GROUP_LABEL = {
  'trivial-move': 'trivial moves (http to https, www., trailing slash)',
  move: 'permanent moves',
  archive: 'archived copies added beside dead URLs',
  enrich:
    'enrichment from the pages\u2019 own metadata (written only from a reviewed plan: --plan, then --apply)',
} as const;

function itemLine(item: PlanItem): string {
  return `  ${item.file}:${item.line} ${item.entry}: ${terminalSafe(item.why)}`;
}

function noteLine(note: AttentionItem): string {
  return `  ${note.file}:${note.line} ${note.entry} [${note.status}, ${note.reason}] ${terminalSafe(note.url)}: ${terminalSafe(note.message)}`;
}

/**
 * What `fix` found, for a person: the edits per kind (trivial moves as one group), then the
 * links that need a person and those left alone, each with its reason. Terminal-safe: titles
 * and messages come from web pages.
 */
export function renderPlanSummary(plan: FixPlan, items: readonly PlanItem[] = plan.items): string {
  const out: string[] = [];
  const files = new Set(items.map((i) => i.file));
  out.push(
    items.length === 0
      ? 'rotwatch fix: nothing to edit.'
      : `rotwatch fix: ${items.length} edit${items.length === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'} (from run ${plan.report.id}).`,
  );
  for (const group of ['trivial-move', 'move', 'archive', 'enrich'] as const) {
    const mine = items.filter((i) => groupOf(i) === group);
    if (mine.length === 0) continue;
    out.push(`${GROUP_LABEL[group]}: ${mine.length}`);
    out.push(...mine.map(itemLine));
  }
  if (plan.heldBack > 0) out.push(`held back by --max-edits: ${plan.heldBack}`);
  if (plan.attention.length > 0) {
    out.push(`needs a person (never edited by fix): ${plan.attention.length}`);
    out.push(...plan.attention.map(noteLine));
  }
  if (plan.leftAlone.length > 0) {
    out.push(`left alone (fix: false): ${plan.leftAlone.length}`);
    out.push(...plan.leftAlone.map(noteLine));
  }
  return `${out.join('\n')}\n`;
}
