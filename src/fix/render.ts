import { en, type Messages } from '../i18n/index.js';
import { terminalSafe } from '../report/escape.js';
import { type AttentionItem, type FixPlan, groupOf, type PlanItem } from './types.js';

function itemLine(item: PlanItem, colon: string): string {
  return `  ${item.file}:${item.line} ${item.entry}${colon}${terminalSafe(item.why)}`;
}

function noteLine(note: AttentionItem, colon: string): string {
  return `  ${note.file}:${note.line} ${note.entry} [${note.status}, ${note.reason}] ${terminalSafe(note.url)}${colon}${terminalSafe(note.message)}`;
}

/**
 * What `fix` found, for a person, in the reader's language: the edits per kind (trivial moves
 * as one group), then the links that need a person and those left alone, each with its reason.
 * Terminal-safe: titles and messages come from web pages. `file:line entry [status, reason]`
 * stay as they are in every language (machine values a person greps for).
 */
export function renderPlanSummary(
  plan: FixPlan,
  items: readonly PlanItem[] = plan.items,
  m: Messages = en,
): string {
  const s = m.fix.summary;
  const item = (i: PlanItem) => itemLine(i, m.colon);
  const note = (n: AttentionItem) => noteLine(n, m.colon);
  const out: string[] = [];
  const files = new Set(items.map((i) => i.file));
  out.push(items.length === 0 ? s.nothing : s.edits(items.length, files.size, plan.report.id));
  for (const group of ['trivial-move', 'move', 'archive', 'enrich'] as const) {
    const mine = items.filter((i) => groupOf(i) === group);
    if (mine.length === 0) continue;
    out.push(s.counted(s.group[group], mine.length));
    out.push(...mine.map(item));
  }
  if (plan.heldBack > 0) out.push(s.counted(s.heldBack, plan.heldBack));
  if (plan.attention.length > 0) {
    out.push(s.counted(s.attention, plan.attention.length));
    out.push(...plan.attention.map(note));
  }
  if (plan.leftAlone.length > 0) {
    out.push(s.counted(s.leftAlone, plan.leftAlone.length));
    out.push(...plan.leftAlone.map(note));
  }
  return `${out.join('\n')}\n`;
}
