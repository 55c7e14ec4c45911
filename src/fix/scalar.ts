import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';

/** The source styles of a YAML scalar, as the `yaml` package names them. */
export type ScalarStyle =
  | 'PLAIN'
  | 'QUOTE_SINGLE'
  | 'QUOTE_DOUBLE'
  | 'BLOCK_LITERAL'
  | 'BLOCK_FOLDED';

/** Where a scalar sits: flow collections give `,[]{}` a meaning they lack in block style. */
export type ScalarContext = 'block' | 'flow';

const LINE_BREAK = /[\r\n]/;

/**
 * True when `text`, written where a value of this context goes, reads back as exactly `value`
 * (a string, with no error, comment or other node). Asking the parser itself is the only test
 * that cannot drift from YAML's many rules on plain scalars (`: `, ` #`, leading indicators,
 * `null`, `1e3`, `2021-06-02`...).
 */
export function readsBackAs(text: string, value: string, context: ScalarContext): boolean {
  if (LINE_BREAK.test(text)) return false;
  const probe = context === 'flow' ? `[${text}]` : `k: ${text}`;
  const doc = parseDocument(probe, { prettyErrors: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
  const expected = context === 'flow' ? [value] : { k: value };
  return isDeepStrictEqual(doc.toJS(), expected);
}

/** Double-quoted: JSON's escapes are all valid YAML escapes, so JSON text is a YAML scalar. */
export function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}

/**
 * `value` as a one-line scalar in the given style when that style can hold it, else
 * double-quoted (which can hold anything). Block styles are written by `replaceScalarSource`.
 */
export function renderScalar(value: string, style: ScalarStyle, context: ScalarContext): string {
  const candidates: string[] = [];
  if (style === 'PLAIN' || style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED')
    candidates.push(value);
  if (style === 'QUOTE_SINGLE') candidates.push(`'${value.replaceAll("'", "''")}'`);
  for (const text of candidates) if (readsBackAs(text, value, context)) return text;
  return doubleQuoted(value);
}

const BLOCK_SCALAR_HEADER = /^[|>][^\r\n]*(\r?\n)/;
const FIRST_CONTENT_INDENT = /^([ ]*)\S/m;
const TRAILING_WHITESPACE = /\s*$/;

/**
 * New source for a scalar whose current source is `old` (the node's range, from its first
 * character to the end of its value), holding `value` instead. Quoted and plain scalars keep
 * their style when it can hold the value; a block scalar keeps its header (`|-`, `>-`...) and
 * indentation, only its text changes. Whatever follows the value inside the range (a block
 * scalar's line breaks) is kept.
 */
export function replaceScalarSource(
  old: string,
  style: ScalarStyle,
  value: string,
  context: ScalarContext,
): string {
  if ((style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') && !LINE_BREAK.test(value)) {
    const header = BLOCK_SCALAR_HEADER.exec(old);
    const body = header ? old.slice(header[0].length) : '';
    const first = FIRST_CONTENT_INDENT.exec(body);
    if (header && first && value.trim() === value && value !== '') {
      const contentStart = header[0].length + (first.index ?? 0) + first[1]!.length;
      const trailing = TRAILING_WHITESPACE.exec(old)![0];
      return `${old.slice(0, contentStart)}${value}${trailing}`;
    }
  }
  const trailing =
    style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED' ? TRAILING_WHITESPACE.exec(old)![0] : '';
  return `${renderScalar(value, style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED' ? 'QUOTE_DOUBLE' : style, context)}${trailing}`;
}
