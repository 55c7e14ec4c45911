/**
 * URL-to-entry alignment for one page: a monotone dynamic programme over the page's URL block
 * (reading order) and its candidate entries (document order). Each URL goes to one candidate or
 * to none; assignments never go backwards. A choice scores a small base (a link on a page
 * belongs to something on it), a bonus for an entry's first link (each entry tends to have one),
 * and the evidence between URL and entry. Confidence is the margin between the best alignment
 * and the best one that places that URL elsewhere, computed from forward and backward tables
 * so a large page costs O(urls × candidates²). Pure.
 */

export interface AlignInput {
  /** evidence[j][c]: evidence that URL j belongs to candidate c. */
  evidence: number[][];
  /** Per candidate: it already holds links (from an earlier page), so no first-link bonus. */
  hasLinks: boolean[];
}

export interface AlignOutput {
  /** Candidate index per URL, or -1 for none. */
  choice: number[];
  /** Margin per URL against the best alignment placing it elsewhere (Infinity if no alternative). */
  margin: number[];
  score: number;
}

export const BASE = 0.3;
export const FIRST_LINK = 0.4;

const NEG = Number.NEGATIVE_INFINITY;

/**
 * States: s = 1 + the last candidate given a URL so far, 0 = none yet. From state s, URL j may
 * go to none (state stays) or to a candidate c >= s - 1 (state becomes c + 1).
 */
function step(input: AlignInput, j: number, s: number, c: number): number {
  const first = c + 1 !== s && !input.hasLinks[c] ? FIRST_LINK : 0;
  return BASE + first + (input.evidence[j]?.[c] ?? 0);
}

export function alignPage(input: AlignInput): AlignOutput {
  const n = input.evidence.length;
  const m = input.hasLinks.length;
  const S = m + 1;
  // fwd[j][s]: best score of URLs 0..j-1 ending in state s
  const fwd: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(S).fill(NEG));
  fwd[0]![0] = 0;
  for (let j = 0; j < n; j++) {
    for (let s = 0; s < S; s++) {
      const cur = fwd[j]![s]!;
      if (cur === NEG) continue;
      if (cur > fwd[j + 1]![s]!) fwd[j + 1]![s] = cur;
      for (let c = Math.max(0, s - 1); c < m; c++) {
        const v = cur + step(input, j, s, c);
        if (v > fwd[j + 1]![c + 1]!) fwd[j + 1]![c + 1] = v;
      }
    }
  }
  // bwd[j][s]: best score of URLs j..n-1 starting from state s
  const bwd: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(S).fill(NEG));
  bwd[n]!.fill(0);
  for (let j = n - 1; j >= 0; j--) {
    for (let s = 0; s < S; s++) {
      let best = bwd[j + 1]![s]!;
      for (let c = Math.max(0, s - 1); c < m; c++) {
        const v = step(input, j, s, c) + bwd[j + 1]![c + 1]!;
        if (v > best) best = v;
      }
      bwd[j]![s] = best;
    }
  }
  const total = bwd[0]![0]!;

  /** Best total with URL j sent to option o (-1 = none). */
  const forced = (j: number, o: number): number => {
    let best = NEG;
    for (let s = 0; s < S; s++) {
      const before = fwd[j]![s]!;
      if (before === NEG) continue;
      if (o < 0) best = Math.max(best, before + bwd[j + 1]![s]!);
      else if (o >= s - 1)
        best = Math.max(best, before + step(input, j, s, o) + bwd[j + 1]![o + 1]!);
    }
    return best;
  };

  // Trace one best alignment forwards, keeping every step consistent with the optimum.
  const choice = new Array<number>(n).fill(-1);
  let s = 0;
  let acc = 0;
  const eps = 1e-9;
  for (let j = 0; j < n; j++) {
    let picked = -1;
    let next = s;
    let gain = 0;
    for (let c = Math.max(0, s - 1); c < m; c++) {
      const g = step(input, j, s, c);
      if (acc + g + bwd[j + 1]![c + 1]! >= total - eps) {
        picked = c;
        next = c + 1;
        gain = g;
        break;
      }
    }
    if (picked < 0 && !(acc + bwd[j + 1]![s]! >= total - eps)) {
      // cannot happen with finite scores; keep "none" as the safe answer
      picked = -1;
    }
    choice[j] = picked;
    acc += gain;
    s = next;
  }

  const margin = choice.map((chosen, j) => {
    let alt = NEG;
    for (let o = -1; o < m; o++) if (o !== chosen) alt = Math.max(alt, forced(j, o));
    return alt === NEG ? Number.POSITIVE_INFINITY : total - alt;
  });
  return { choice, margin, score: n ? total : 0 };
}
