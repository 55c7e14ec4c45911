/**
 * A small reader for PDF object syntax (ISO 32000-1 §7.3): enough to parse dictionaries,
 * arrays, strings, names, numbers and references out of a latin1 view of the bytes
 * (one char per byte). It throws PdfSyntaxError on anything malformed or cut off; callers
 * skip that object and go on.
 */

export type PdfValue =
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'name'; value: string }
  | { kind: 'string'; bytes: Uint8Array }
  | { kind: 'ref'; num: number; gen: number }
  | { kind: 'array'; items: PdfValue[] }
  | { kind: 'dict'; entries: Map<string, PdfValue> };

export class PdfSyntaxError extends Error {}

/** Nesting beyond this is not a real document (and would risk the stack). */
const MAX_DEPTH = 64;

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));

function isRegular(code: number): boolean {
  return !Number.isNaN(code) && !WHITESPACE.has(code) && !DELIMITERS.has(code);
}

/** Position of the next token: past whitespace and % comments. */
export function skipSpace(src: string, pos: number): number {
  let p = pos;
  while (p < src.length) {
    const c = src.charCodeAt(p);
    if (WHITESPACE.has(c)) {
      p++;
    } else if (c === 0x25 /* % */) {
      while (p < src.length && src[p] !== '\n' && src[p] !== '\r') p++;
    } else {
      break;
    }
  }
  return p;
}

const REF_TAIL = /\s+(\d{1,5})\s+R(?![^\s()<>[\]{}/%])/y;

const NUMBER_TOKEN = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const INTEGER_TOKEN = /^\d+$/;

/** Parses one value starting at `pos` (after optional whitespace). */
export function parseValue(src: string, pos: number, depth = 0): { value: PdfValue; end: number } {
  if (depth > MAX_DEPTH) throw new PdfSyntaxError('nesting too deep');
  const p = skipSpace(src, pos);
  if (p >= src.length) throw new PdfSyntaxError('unexpected end');
  const c = src[p];
  if (c === '/') return parseName(src, p);
  if (c === '(') return parseLiteralString(src, p);
  if (c === '<') return src[p + 1] === '<' ? parseDict(src, p, depth) : parseHexString(src, p);
  if (c === '[') return parseArray(src, p, depth);
  let e = p;
  while (e < src.length && isRegular(src.charCodeAt(e))) e++;
  const token = src.slice(p, e);
  if (token === 'true' || token === 'false') {
    return { value: { kind: 'bool', value: token === 'true' }, end: e };
  }
  if (token === 'null') return { value: { kind: 'null' }, end: e };
  if (NUMBER_TOKEN.test(token)) {
    if (INTEGER_TOKEN.test(token)) {
      REF_TAIL.lastIndex = e;
      const ref = REF_TAIL.exec(src);
      if (ref) {
        return {
          value: { kind: 'ref', num: Number(token), gen: Number(ref[1]) },
          end: REF_TAIL.lastIndex,
        };
      }
    }
    return { value: { kind: 'number', value: Number(token) }, end: e };
  }
  throw new PdfSyntaxError(`unexpected token at ${p}`);
}

const NAME_HEX_ESCAPE = /#([0-9a-fA-F]{2})/g;

function parseName(src: string, p: number): { value: PdfValue; end: number } {
  let e = p + 1;
  while (e < src.length && isRegular(src.charCodeAt(e))) e++;
  const raw = src.slice(p + 1, e);
  const value = raw.replace(NAME_HEX_ESCAPE, (_, h: string) =>
    String.fromCharCode(Number.parseInt(h, 16)),
  );
  return { value: { kind: 'name', value }, end: e };
}

const ESCAPES: Record<string, number> = {
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  b: 0x08,
  f: 0x0c,
  '(': 0x28,
  ')': 0x29,
  '\\': 0x5c,
};

function parseLiteralString(src: string, p: number): { value: PdfValue; end: number } {
  const out: number[] = [];
  let depth = 1;
  let i = p + 1;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\\') {
      const next = src[i + 1];
      if (next === undefined) break;
      const known = ESCAPES[next];
      if (known !== undefined) {
        out.push(known);
        i += 2;
      } else if (next >= '0' && next <= '7') {
        let j = i + 1;
        let code = 0;
        while (j < src.length && j < i + 4 && src[j]! >= '0' && src[j]! <= '7') {
          code = code * 8 + (src.charCodeAt(j) - 0x30);
          j++;
        }
        out.push(code & 0xff);
        i = j;
      } else if (next === '\r') {
        i += src[i + 2] === '\n' ? 3 : 2; // line continuation
      } else if (next === '\n') {
        i += 2;
      } else {
        out.push(next.charCodeAt(0)); // unknown escape: the backslash is dropped
        i += 2;
      }
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') {
      depth--;
      if (depth === 0)
        return { value: { kind: 'string', bytes: Uint8Array.from(out) }, end: i + 1 };
    }
    if (ch === '\r') {
      // An end of line inside a string reads as a single \n.
      out.push(0x0a);
      i += src[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    out.push(src.charCodeAt(i) & 0xff);
    i++;
  }
  throw new PdfSyntaxError('unterminated string');
}

/** Longest hex string searched for its end: keeps junk from making every scan reach EOF. */
const MAX_HEX_STRING = 1 << 20;

const HEX_STRING_FILLER = /[\s\0]/g;
const HEX_DIGITS = /^[0-9a-fA-F]*$/;

function parseHexString(src: string, p: number): { value: PdfValue; end: number } {
  const rel = src.slice(p + 1, p + 1 + MAX_HEX_STRING).indexOf('>');
  if (rel < 0) throw new PdfSyntaxError('unterminated hex string');
  const close = p + 1 + rel;
  const hex = src.slice(p + 1, close).replace(HEX_STRING_FILLER, '');
  if (!HEX_DIGITS.test(hex)) throw new PdfSyntaxError('bad hex string');
  const even = hex.length % 2 === 0 ? hex : `${hex}0`;
  return { value: { kind: 'string', bytes: Buffer.from(even, 'hex') }, end: close + 1 };
}

function parseArray(src: string, p: number, depth: number): { value: PdfValue; end: number } {
  const items: PdfValue[] = [];
  let i = p + 1;
  for (;;) {
    i = skipSpace(src, i);
    if (i >= src.length) throw new PdfSyntaxError('unterminated array');
    if (src[i] === ']') return { value: { kind: 'array', items }, end: i + 1 };
    const r = parseValue(src, i, depth + 1);
    items.push(r.value);
    i = r.end;
  }
}

function parseDict(src: string, p: number, depth: number): { value: PdfValue; end: number } {
  const entries = new Map<string, PdfValue>();
  let i = p + 2;
  for (;;) {
    i = skipSpace(src, i);
    if (i >= src.length) throw new PdfSyntaxError('unterminated dictionary');
    if (src[i] === '>' && src[i + 1] === '>')
      return { value: { kind: 'dict', entries }, end: i + 2 };
    const key = parseValue(src, i, depth + 1);
    if (key.value.kind !== 'name') throw new PdfSyntaxError('dictionary key is not a name');
    const val = parseValue(src, key.end, depth + 1);
    entries.set(key.value.value, val.value);
    i = val.end;
  }
}

/** Convenience accessors (they return undefined for a wrong kind). */
export function dictGet(v: PdfValue | undefined, key: string): PdfValue | undefined {
  return v?.kind === 'dict' ? v.entries.get(key) : undefined;
}
export function asName(v: PdfValue | undefined): string | undefined {
  return v?.kind === 'name' ? v.value : undefined;
}
export function asNumber(v: PdfValue | undefined): number | undefined {
  return v?.kind === 'number' ? v.value : undefined;
}
