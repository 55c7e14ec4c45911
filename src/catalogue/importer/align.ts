/**
 * URL-to-entry alignment for one page: a monotone dynamic programme over the page's URL block
 * (reading order) and its candidate entries (document order). Each URL goes to one candidate or
 * to none; assignments never go backwards. A choice scores a small base (a link on a page
 * belongs to something on it), a bonus for an entry's first link (each entry tends to have one),
 * and the evidence between URL and entry. Confidence is the margin between the best alignment
 * and the best one that places that URL elsewhere. Pure.
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

/** Best alignment, optionally with URL `fixJ` forced to option `fixC` (-1 = none). */
function solve(input: AlignInput, fixJ = -1, fixC = -2): { score: number; choice: number[] } {
  const n = input.evidence.length;
  const m = input.hasLinks.length;
  // state s = last assigned candidate + 1 (0 = none yet)
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(NEG));
  const back: number[][][] = Array.from({ length: n + 1 }, () =>
    Array.from({ length: m + 1 }, () => [-1, -1]),
  );
  dp[0]![0] = 0;
  for (let j = 0; j < n; j++) {
    for (let s = 0; s <= m; s++) {
      const cur = dp[j]![s]!;
      if (cur === NEG) continue;
      const allowNone = fixJ !== j || fixC === -1;
      if (allowNone && cur > dp[j + 1]![s]!) {
        dp[j + 1]![s] = cur;
        back[j + 1]![s] = [s, -1];
      }
      for (let c = Math.max(0, s - 1); c < m; c++) {
        if (fixJ === j && fixC !== c) continue;
        const first = c + 1 !== s && !input.hasLinks[c] ? FIRST_LINK : 0;
        const v = cur + BASE + first + (input.evidence[j]![c] ?? 0);
        if (v > dp[j + 1]![c + 1]!) {
          dp[j + 1]![c + 1] = v;
          back[j + 1]![c + 1] = [s, c];
        }
      }
    }
  }
  let bestS = 0;
  for (let s = 0; s <= m; s++) if (dp[n]![s]! > dp[n]![bestS]!) bestS = s;
  const score = dp[n]![bestS]!;
  const choice = new Array<number>(n).fill(-1);
  let s = bestS;
  for (let j = n; j > 0; j--) {
    const [prev, c] = back[j]![s]!;
    choice[j - 1] = c!;
    s = prev!;
  }
  return { score, choice };
}

export function alignPage(input: AlignInput): AlignOutput {
  const n = input.evidence.length;
  const m = input.hasLinks.length;
  const best = solve(input);
  const margin = best.choice.map((chosen, j) => {
    let alt = NEG;
    for (let o = -1; o < m; o++) {
      if (o === chosen) continue;
      const r = solve(input, j, o);
      if (r.score > alt) alt = r.score;
    }
    return alt === NEG ? Number.POSITIVE_INFINITY : best.score - alt;
  });
  return { choice: n ? best.choice : [], margin, score: best.score };
}
