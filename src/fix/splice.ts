import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { LinkArchive } from '../model/index.js';
import { hasKey, type LinkSite, lastPair } from './locate.js';
import type { EditError, LinkOp, Splice } from './ops.js';
import { renderScalar, replaceScalarSource, type ScalarStyle } from './scalar.js';

/*
 * Text positions. Everything here works on the source string by offsets the parser gave, so
 * every byte outside the spliced ranges stays as it was (CRLF included).
 */

export function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Offset of the line break ending the line that holds `at` (before its `\r`), or the end. */
export function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  if (nl === -1) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The line break to write after position `at`: the one ending that line, else the file's. */
export function lineBreakAt(text: string, at: number): string {
  const end = lineEnd(text, at);
  if (text.startsWith('\r\n', end)) return '\r\n';
  if (text[end] === '\n') return '\n';
  return text.includes('\r\n') ? '\r\n' : '\n';
}

const WHITESPACE = /\s/;

/** The offset just after the last non-blank character before `end`. */
export function contentEnd(text: string, end: number): number {
  let i = end;
  while (i > 0 && WHITESPACE.test(text[i - 1]!)) i--;
  return i;
}

/** Where the value of a block pair ends, looking into nested block collections. */
export function valueEnd(node: Node): number {
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items.at(-1) as Node | Pair;
    const inner = isScalar(last) || isMap(last) || isSeq(last) ? last : (last as Pair).value;
    if (inner) return valueEnd(inner as Node);
    return ((last as Pair).key as Node).range![1];
  }
  return node.range![1];
}

export function styleOf(scalar: Scalar): ScalarStyle {
  return (scalar.type as ScalarStyle | undefined) ?? 'PLAIN';
}

/**
 * The archive as a one-line flow mapping, its values in the quoting style of the link's own
 * URL (a catalogue that quotes its URLs gets quoted ones) when that style can hold them.
 */
function archiveText(archive: LinkArchive, neighbour: Scalar): string {
  const style = styleOf(neighbour);
  const one = style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE' ? style : 'PLAIN';
  const url = renderScalar(archive.url, one, 'flow');
  const date = renderScalar(archive.date, one, 'flow');
  return `archive: { url: ${url}, date: ${date} }`;
}

type Result = { ok: true; splices: Splice[] } | { ok: false; error: EditError };

const fail = (code: EditError['code'], message: string): Result => ({
  ok: false,
  error: { code, message },
});

function urlScalar(site: LinkSite): Scalar {
  return site.kind === 'bare' ? site.scalar : site.url;
}

const LINE_BREAK = /[\r\n]/;

/** The splices that make one edit at one link, checked against what the link holds now. */
export function splicesFor(text: string, site: LinkSite, op: LinkOp): Result {
  const scalar = urlScalar(site);
  const current = String(scalar.value);
  const where = `entry "${op.entry}", link ${op.link + 1}`;
  const expected = op.op === 'set-url' ? op.from : op.url;
  if (current !== expected)
    return fail('link-changed', `${where} is now ${current}, not ${expected}`);
  const [start, end] = scalar.range!;
  const context = site.flow ? 'flow' : 'block';

  if (op.op === 'set-url') {
    const old = text.slice(start, end);
    return {
      ok: true,
      splices: [{ start, end, text: replaceScalarSource(old, styleOf(scalar), op.to, context) }],
    };
  }

  const archive = archiveText(op.archive, scalar);
  if (site.kind === 'map') {
    if (hasKey(site.map, 'archive'))
      return fail('already-archived', `${where} already has an archive`);
    const last = lastPair(site.map);
    if (!last) return fail('unsupported-yaml', `${where}: empty mapping`);
    const lastNode = (last.value ?? last.key) as Node;
    if (site.flow) {
      const at = lastNode.range![1];
      return { ok: true, splices: [{ start: at, end: at, text: `, ${archive}` }] };
    }
    const firstKey = (site.map.items[0]!.key as Node).range![0];
    const indent = ' '.repeat(firstKey - lineStart(text, firstKey));
    const at = lineEnd(text, contentEnd(text, valueEnd(lastNode)));
    return {
      ok: true,
      splices: [{ start: at, end: at, text: `${lineBreakAt(text, at)}${indent}${archive}` }],
    };
  }

  // A bare URL becomes a mapping: its own bytes stay, `url: ` goes before them.
  if (LINE_BREAK.test(text.slice(start, end)) || styleOf(scalar).startsWith('BLOCK'))
    return fail('unsupported-yaml', `${where} spans several lines: edit it by hand`);
  if (site.flow) {
    return {
      ok: true,
      splices: [
        { start, end: start, text: '{ url: ' },
        { start: end, end, text: `, ${archive} }` },
      ],
    };
  }
  const indent = ' '.repeat(start - lineStart(text, start));
  const at = lineEnd(text, end);
  return {
    ok: true,
    splices: [
      { start, end: start, text: 'url: ' },
      { start: at, end: at, text: `${lineBreakAt(text, at)}${indent}${archive}` },
    ],
  };
}

/**
 * Insertions at one point become one, their texts in the order given (an archive added to the
 * last link, then a link appended after it): the order of the edits, not of the sort.
 */
export function mergeInsertions(splices: readonly Splice[]): Splice[] {
  const out: Splice[] = [];
  for (const s of splices) {
    const same =
      s.start === s.end ? out.find((o) => o.start === s.start && o.end === s.start) : undefined;
    if (same) same.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/** Applies non-overlapping splices (any order) to the text. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of sorted) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** True when two splices touch the same bytes (two insertions at one point included). */
export function overlapping(splices: readonly Splice[]): boolean {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.start < prev.end || cur.start === prev.start) return true;
  }
  return false;
}
