import type { LinkState } from '../model/index.js';

/*
 * The prior states the engine read for its links (conditional headers), kept until those links
 * are settled: settling needs the same states, and reading them from the store a second time
 * was half of the run's reads (~0.4 s of lookups per 10,000 links on the bench's machine, most
 * of them one URL at a time while the work is spread over the busiest lane's time). Within one
 * run a link is checked and settled once, and nothing else writes its state meanwhile (a shared
 * or resumed run settles at the end, from the store). Bounded: a state pushed out is read again.
 */

/** States kept at most: links between their check and their settling, a few batches' worth. */
export const PRIOR_MEMO_SIZE = 4096;

export class PriorMemo {
  readonly #max: number;
  /** null: the store had no state for the URL (a new link), which is an answer too. */
  readonly #states = new Map<string, LinkState | null>();

  constructor(max = PRIOR_MEMO_SIZE) {
    this.#max = Math.max(0, max);
  }

  get size(): number {
    return this.#states.size;
  }

  remember(url: string, state: LinkState | undefined): void {
    if (this.#max === 0) return;
    if (this.#states.size >= this.#max && !this.#states.has(url)) {
      // The oldest first: a Map iterates in insertion order.
      const oldest = this.#states.keys().next().value as string;
      this.#states.delete(oldest);
    }
    this.#states.set(url, state ?? null);
  }

  /** The states of `urls` it holds (and forgets), and the URLs it does not hold. */
  take(urls: readonly string[]): { found: Map<string, LinkState>; missing: string[] } {
    const found = new Map<string, LinkState>();
    const missing: string[] = [];
    for (const url of urls) {
      const state = this.#states.get(url);
      if (state === undefined) {
        missing.push(url);
        continue;
      }
      this.#states.delete(url);
      if (state !== null) found.set(url, state);
    }
    return { found, missing };
  }
}
