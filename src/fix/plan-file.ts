import { type FixPlan, PLAN_SCHEMA, type PlanItem } from './types.js';

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why one plan item cannot be used, or null. Only what applying needs is checked. */
function itemProblem(v: unknown): string | null {
  if (!isObj(v)) return 'not an object';
  if (!isStr(v.file) || !isStr(v.entry) || !isIndex(v.link) || !isIndex(v.line))
    return 'needs file, line, entry and link';
  if (v.kind === 'replace-url')
    return isStr(v.old) && isStr(v.new) ? null : 'needs old and new URLs';
  if (v.kind === 'add-archive') {
    const a = v.new;
    return isStr(v.old) && isObj(a) && isStr(a.url) && isStr(a.date) && ISO_DAY.test(a.date)
      ? null
      : 'needs old (the URL) and new {url, date}';
  }
  if (v.kind === 'add-date') {
    const d = v.new;
    return isObj(d) && isStr(d.text) && Number.isInteger(d.year) && v.old === null
      ? null
      : 'needs new {text, year, month?, day?} and old null';
  }
  if (v.kind === 'add-creators')
    return isStr(v.new) && (v.old === null || isStr(v.old))
      ? null
      : 'needs new (the creators) and old (the placeholder, or null)';
  if (v.kind === 'add-doi-link')
    return isStr(v.new) && isStr(v.doi) ? null : 'needs new (the link) and doi';
  return `unknown kind ${JSON.stringify(v.kind)}`;
}

/**
 * Reads a plan written by `fix --plan` (perhaps pruned by a person): the items kept and the
 * file hashes. Problems name the item by its place in the list.
 */
export function parsePlan(
  value: unknown,
): { ok: true; plan: FixPlan } | { ok: false; problems: string[] } {
  if (!isObj(value) || value.schema !== PLAN_SCHEMA)
    return { ok: false, problems: [`not a fix plan (expected "schema": "${PLAN_SCHEMA}")`] };
  const problems: string[] = [];
  const files = Array.isArray(value.files) ? value.files : [];
  if (
    !Array.isArray(value.files) ||
    !files.every((f) => isObj(f) && isStr(f.file) && isStr(f.sha256))
  )
    problems.push('files: expected a list of {file, sha256}');
  if (!Array.isArray(value.items)) problems.push('items: expected a list');
  const items = Array.isArray(value.items) ? value.items : [];
  items.forEach((item, i) => {
    const why = itemProblem(item);
    if (why) problems.push(`items[${i}]: ${why}`);
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      ...(value as unknown as FixPlan),
      items: items as PlanItem[],
      attention: Array.isArray(value.attention) ? (value.attention as FixPlan['attention']) : [],
      leftAlone: Array.isArray(value.leftAlone) ? (value.leftAlone as FixPlan['leftAlone']) : [],
    },
  };
}
