/**
 * A fingerprint of a page's visible text that survives small edits: a 64-bit SimHash of word
 * shingles. Two prints are compared by how many of their 64 bits differ (Hamming distance):
 * the same page with a date or a counter changed stays within a few bits, an unrelated text
 * lands near 32 (half the bits, as for random prints). The history stores the print (16 hex
 * digits) instead of the text, so comparing with last week costs 8 bytes per URL.
 *
 * It runs on every page checked, so it allocates nothing per word: words are hashed as the
 * characters go by, and the 64 bit counters are kept bit-sliced (see BitCounters).
 */

/** Words per shingle: three keep word order without making every small edit count. */
const SHINGLE_WORDS = 3;
/** Below this many words the print is noise (a title, a cookie banner): no print. */
export const MIN_PRINT_WORDS = 24;

/**
 * Whether a UTF-16 unit of lower-cased text belongs to a word: ASCII letters and digits, and
 * anything above Latin-1's punctuation except the spaces and punctuation blocks. Not a full
 * Unicode word test: it only has to cut the same text the same way on every run.
 */
function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  // General punctuation and spaces, CJK symbols, specials, BOM.
  if (c >= 0x2000 && c <= 0x206f) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  return c !== 0xfeff && !(c >= 0xfff0 && c <= 0xffff);
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function mix(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * 32 counters (one per bit of a 32-bit word) stored as bit planes: plane i holds bit i of every
 * counter. Adding a word is a ripple-carry add across planes that stops when the carry is
 * spent, two steps on average, instead of 32 separate increments.
 */
class BitCounters {
  private planes = new Int32Array(16);
  add(word: number): void {
    let carry = word;
    for (let i = 0; carry !== 0 && i < 16; i++) {
      const next = this.planes[i]! & carry;
      this.planes[i]! ^= carry;
      carry = next;
    }
  }
  /** Bit b set when counter b exceeds half of `total`. */
  majority(total: number): number {
    let out = 0;
    for (let b = 0; b < 32; b++) {
      let count = 0;
      for (let i = 0; i < 16; i++) count |= ((this.planes[i]! >>> b) & 1) << i;
      if (count * 2 > total) out |= 1 << b;
    }
    return out >>> 0;
  }
}

/**
 * SimHash of the text's word shingles as 16 lower-case hex digits, or null when the text has
 * fewer than MIN_PRINT_WORDS words. Case is ignored. Pure and deterministic (the same text gives
 * the same print on every machine and Node version).
 */
export function textPrint(text: string): string | null {
  const s = text.toLowerCase();
  const hi = new BitCounters();
  const lo = new BitCounters();
  let words = 0;
  let shingles = 0;
  let w1 = 0;
  let w2 = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  const endWord = () => {
    words++;
    const w0 = w1;
    w1 = w2;
    w2 = mix(h);
    if (words >= SHINGLE_WORDS) {
      const key = (Math.imul(w0, 0x9e3779b1) ^ Math.imul(w1, 0x7feb352d) ^ w2) >>> 0;
      hi.add(mix(key ^ 0x2545f491));
      lo.add(mix(key ^ 0x68e31da4));
      shingles++;
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isWordUnit(c)) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      endWord();
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord) endWord();
  if (words < MIN_PRINT_WORDS) return null;
  return hex32(hi.majority(shingles)) + hex32(lo.majority(shingles));
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

const PRINT = /^[0-9a-f]{16}$/;

/** Bits that differ between two prints (0..64), or null when either is missing or malformed. */
export function printDistance(
  a: string | null | undefined,
  b: string | null | undefined,
): number | null {
  if (!a || !b || !PRINT.test(a) || !PRINT.test(b)) return null;
  const x = Number.parseInt(a.slice(0, 8), 16) ^ Number.parseInt(b.slice(0, 8), 16);
  const y = Number.parseInt(a.slice(8), 16) ^ Number.parseInt(b.slice(8), 16);
  return popcount(x) + popcount(y);
}

function popcount(n: number): number {
  let v = n >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
