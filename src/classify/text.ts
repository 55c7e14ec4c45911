/**
 * Text folding shared by the wording rules: accents, case, typographic apostrophes and
 * ligatures are folded so that "Page non trouvée", "PAGE NON TROUVEE" and "page non trouvee"
 * compare equal.
 *
 * Why not `/\p{M}+/gu` and `/[^\p{L}\p{N}']+/gu`: V8 runs Unicode property classes slowly (about
 * 2 ms for the 16 KB of text a page keeps, the largest cost of classifying a page). The same
 * classes are looked up in a table built once from those very regexps, so the results are
 * the same character for character (test/classify/text.test.ts compares both on every BMP
 * character and on random text).
 */

/** A letter, a digit or an apostrophe: part of a word. */
const WORD = 1;
/** A combining mark: dropped once the text is decomposed. */
const MARK = 2;
/** Tested on one code point at a time (one character, or one surrogate pair). */
const WORD_CHAR = /[\p{L}\p{N}']/u;
const MARK_CHAR = /\p{M}/u;

/** Not looked up yet. */
const UNKNOWN = 0xff;
/**
 * Kind of each BMP code unit, looked up the first time it is met (surrogates: 0, as the
 * regexps treat a lone one).
 */
const bmp = new Uint8Array(0x10000).fill(UNKNOWN).fill(0, 0xd800, 0xe000);
function bmpKind(c: number): number {
  let k = bmp[c]!;
  if (k === UNKNOWN) {
    k = kindOf(String.fromCharCode(c));
    bmp[c] = k;
  }
  return k;
}

function kindOf(ch: string): number {
  return (WORD_CHAR.test(ch) ? WORD : 0) | (MARK_CHAR.test(ch) ? MARK : 0);
}

/** Kinds of astral code points met so far (rare: emoji, historic scripts, math letters). */
const astral = new Map<number, number>();
function astralKind(cp: number): number {
  let k = astral.get(cp);
  if (k === undefined) {
    k = kindOf(String.fromCodePoint(cp));
    if (astral.size < 4096) astral.set(cp, k);
  }
  return k;
}

/** Output buffer of the two passes below, grown as needed (one string at a time). */
let buffer = new Uint16Array(4096);
function room(n: number): Uint16Array {
  if (buffer.length < n) buffer = new Uint16Array(Math.max(n, buffer.length * 2));
  return buffer;
}
function text16(out: Uint16Array, n: number): string {
  return Buffer.from(out.buffer, 0, n * 2).toString('utf16le');
}

/**
 * `s` without its combining marks (`s.replace(/\p{M}+/gu, '')`, when `spaces` is false), or with
 * each run of characters that are not letters, digits or apostrophes as one space
 * (`s.replace(/[^\p{L}\p{N}']+/gu, ' ')`, when true). A surrogate pair is one code point; a lone
 * surrogate is neither a mark nor part of a word, as for the regexps.
 */
function rewrite(s: string, spaces: boolean): string {
  const out = room(s.length);
  let n = 0;
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let kind = 0;
    let pair = false;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        kind = astralKind((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
        pair = true;
      }
    }
    if (!pair) kind = bmpKind(c);
    const keep = spaces ? (kind & WORD) !== 0 : (kind & MARK) === 0;
    if (keep) {
      if (gap) out[n++] = 0x20;
      gap = false;
      out[n++] = c;
      if (pair) out[n++] = s.charCodeAt(i + 1);
    } else if (spaces) gap = true;
    if (pair) i++;
  }
  if (gap) out[n++] = 0x20;
  return text16(out, n);
}

/** Only ASCII (fast path: nothing to decompose, no marks, no ligatures). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const BACKTICKS = /`/g;
const APOSTROPHE_LIKE = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const OE_LIGATURE = /œ/g;
const OE_LIGATURE_UPPER = /Œ/g;
const AE_LIGATURE = /æ/g;
const AE_LIGATURE_UPPER = /Æ/g;
const SHARP_S = /ß/g;

export function fold(text: string): string {
  if (isAscii(text)) return text.replace(BACKTICKS, "'").toLowerCase();
  return rewrite(text.normalize('NFKD'), false)
    .replace(APOSTROPHE_LIKE, "'")
    .replace(OE_LIGATURE, 'oe')
    .replace(OE_LIGATURE_UPPER, 'OE')
    .replace(AE_LIGATURE, 'ae')
    .replace(AE_LIGATURE_UPPER, 'AE')
    .replace(SHARP_S, 'ss')
    .toLowerCase();
}

const EDGE_APOSTROPHES = /(^|\s)'+|'+(\s|$)/g;
const MULTIPLE_SPACES = / {2,}/g;

/** Folded text reduced to words: everything but letters, digits and apostrophes becomes a space. */
export function words(text: string): string {
  // Only letters, digits, apostrophes and single spaces are left after the first step, so
  // collapsing runs of spaces is the whole of the `\s+` rule.
  return rewrite(fold(text), true)
    .replace(EDGE_APOSTROPHES, ' ')
    .replace(MULTIPLE_SPACES, ' ')
    .trim();
}

/** Folded word tokens, for similarity measures. */
export function tokens(text: string): string[] {
  const w = words(text);
  return w === '' ? [] : w.split(' ');
}

/**
 * `tokens(holder.text)`, worked out once per holder (a page's or a probe's metadata): the rules
 * read the same 16 KB of text several times per page, and a host's probe text once per page of
 * that host. The array is shared: callers must not change it.
 */
const tokenCache = new WeakMap<object, { text: string; tokens: readonly string[] }>();
export function textTokens(holder: { text: string }): readonly string[] {
  const cached = tokenCache.get(holder);
  if (cached !== undefined && cached.text === holder.text) return cached.tokens;
  const fresh = tokens(holder.text);
  tokenCache.set(holder, { text: holder.text, tokens: fresh });
  return fresh;
}
