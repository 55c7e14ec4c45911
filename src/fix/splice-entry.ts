/**
 * Splices for edits of an entry itself (issue 11, `fix --enrich`): a key the entry lacks
 * inserted where the catalogue format lists it, a text field's value replaced, a link appended.
 * Like splice.ts, everything works on source offsets the parser gave: the bytes around an
 * insertion (comments, quoting, CRLF, indentation) stay as they were, and the new text follows
 * its neighbours' layout (block or flow, indentation, quoting of the entry's title).
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { FuzzyDate } from '../model/index.js';
import { pairOf, shared } from './locate.js';
import type { EditError, EditOp, Splice } from './ops.js';
import {
  renderScalar,
  replaceScalarSource,
  type ScalarContext,
  type ScalarStyle,
} from './scalar.js';
import { contentEnd, lineBreakAt, lineEnd, lineStart, styleOf, valueEnd } from './splice.js';

type Result = { ok: true; splices: Splice[] } | { ok: false; error: EditError };
type EntryOp = Exclude<EditOp, { link: number }>;

const fail = (code: EditError['code'], message: string): Result => ({
  ok: false,
  error: { code, message },
});

/** The order of an entry's keys in the catalogue format (docs/catalogue.md). */
const KEY_ORDER = [
  'id',
  'section',
  'creators',
  'title',
  'container',
  'date',
  'extent',
  'medium',
  'accessed',
  'links',
];

/** Quoting for new text: the entry title's, when it is quoted, else plain where YAML allows. */
function quoting(entry: YAMLMap): ScalarStyle {
  const title = pairOf(entry, 'title')?.value;
  const style = isScalar(title) ? styleOf(title) : 'PLAIN';
  return style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE' ? style : 'PLAIN';
}

/** A date as a one-line flow mapping, the parts as numbers, as the bundled catalogue writes it. */
function dateText(date: FuzzyDate, style: ScalarStyle): string {
  const parts = [`text: ${renderScalar(date.text, style, 'flow')}`];
  for (const k of ['year', 'month', 'day'] as const)
    if (date[k] !== undefined) parts.push(`${k}: ${date[k]}`);
  return `{ ${parts.join(', ')} }`;
}

function valueText(
  op: Extract<EntryOp, { op: 'add-entry-field' }>,
  style: ScalarStyle,
  ctx: ScalarContext,
) {
  return op.key === 'date' ? dateText(op.value, style) : renderScalar(op.value, style, ctx);
}

/** The pair a new key goes after: the last one the format lists before it (else the first). */
function predecessor(entry: YAMLMap, key: string): Pair | undefined {
  const rank = KEY_ORDER.indexOf(key);
  let best: Pair | undefined;
  let bestRank = -1;
  for (const p of entry.items as Pair[]) {
    const r = isScalar(p.key) ? KEY_ORDER.indexOf(String(p.key.value)) : -1;
    if (r !== -1 && r < rank && r >= bestRank) {
      best = p;
      bestRank = r;
    }
  }
  return best ?? (entry.items[0] as Pair | undefined);
}

/** Inserts `key: value` after pair `after` of a block or flow mapping. */
function insertPair(text: string, map: YAMLMap, after: Pair, pairText: string): Splice {
  const node = (after.value ?? after.key) as Node;
  if (map.flow) {
    const at = node.range![1];
    return { start: at, end: at, text: `, ${pairText}` };
  }
  const firstKey = (map.items[0]!.key as Node).range![0];
  const indent = ' '.repeat(firstKey - lineStart(text, firstKey));
  const at = lineEnd(text, contentEnd(text, valueEnd(node)));
  return { start: at, end: at, text: `${lineBreakAt(text, at)}${indent}${pairText}` };
}

const BARE_ITEM_DASH = /^([ ]*)-([ ]+)$/;

/** The splices for one entry-level edit of the entry mapping `entry` (id `id`). */
export function entrySplicesFor(text: string, entry: YAMLMap, op: EntryOp): Result {
  const where = `entry "${op.entry}"`;
  if (shared(entry)) return fail('unsupported-yaml', `${where} is anchored: edit it by hand`);
  const style = quoting(entry);
  const ctx: ScalarContext = entry.flow ? 'flow' : 'block';

  if (op.op === 'add-entry-field') {
    if (pairOf(entry, op.key)) return fail('field-present', `${where} already has ${op.key}`);
    const after = predecessor(entry, op.key);
    if (!after) return fail('unsupported-yaml', `${where}: empty mapping`);
    return {
      ok: true,
      splices: [insertPair(text, entry, after, `${op.key}: ${valueText(op, style, ctx)}`)],
    };
  }

  if (op.op === 'set-entry-field') {
    const node = pairOf(entry, op.key)?.value;
    if (!isScalar(node) || shared(node) || node.tag)
      return fail('unsupported-yaml', `${where}: its ${op.key} is not a plain value`);
    if (String(node.value) !== op.from)
      return fail(
        'link-changed',
        `${where}: ${op.key} is now ${String(node.value)}, not ${op.from}`,
      );
    const [start, end] = node.range!;
    const old = text.slice(start, end);
    return {
      ok: true,
      splices: [{ start, end, text: replaceScalarSource(old, styleOf(node), op.to, ctx) }],
    };
  }

  // add-link: a `{ url, role }` mapping after the last link, in the list's own layout.
  const links = pairOf(entry, 'links')?.value;
  if (!isSeq(links) || shared(links) || links.items.length === 0)
    return fail('unsupported-yaml', `${where}: no list of links to add to`);
  const last = links.items.at(-1) as Node;
  if (shared(last)) return fail('unsupported-yaml', `${where}: its last link is an alias`);
  const urlNode = isScalar(last) ? last : isMap(last) ? pairOf(last, 'url')?.value : undefined;
  const urlStyle = isScalar(urlNode) ? styleOf(urlNode as Scalar) : style;
  const one = urlStyle === 'QUOTE_SINGLE' || urlStyle === 'QUOTE_DOUBLE' ? urlStyle : 'PLAIN';
  const url = renderScalar(op.url, one, 'flow');
  const role = renderScalar(op.role, one, 'flow');
  const inline = `{ url: ${url}, role: ${role} }`;
  if (links.flow) {
    const at = last.range![1];
    return { ok: true, splices: [{ start: at, end: at, text: `, ${inline}` }] };
  }
  const start = last.range![0];
  const ls = lineStart(text, start);
  const dash = BARE_ITEM_DASH.exec(text.slice(ls, start));
  if (!dash) return fail('unsupported-yaml', `${where}: its links are laid out too unusually`);
  const [, indent, gap] = dash as unknown as [string, string, string];
  const at = lineEnd(text, contentEnd(text, valueEnd(last)));
  const nl = lineBreakAt(text, at);
  const item =
    isMap(last) && !last.flow
      ? `${indent}-${gap}url: ${url}${nl}${indent} ${gap}role: ${role}`
      : `${indent}-${gap}${inline}`;
  return { ok: true, splices: [{ start: at, end: at, text: `${nl}${item}` }] };
}
