/**
 * Page reading is spread over turns of the event loop (turn-budget.ts): within a turn, work goes
 * on at once until the budget is spent; the rest goes in later turns, in the order it came, so
 * timers (the busiest host's next request) run between.
 */
import { describe, expect, it } from 'vitest';
import { turnBudget } from '../../src/check/turn-budget.js';
import { countTurns } from '../support/turns.js';

/** A clock the test moves: each piece of work "costs" what it adds. */
function clock() {
  let t = 0;
  return { now: () => t, spend: (ms: number) => (t += ms) };
}

/** Runs `n` pieces of gated work of `cost` ms each; returns the turn each one ran in. */
async function runGated(n: number, cost: number, budgetMs: number): Promise<number[]> {
  const c = clock();
  const budget = turnBudget({ budgetMs, now: c.now });
  const turns = countTurns();
  const ranIn: number[] = [];
  await Promise.all(
    Array.from({ length: n }, async () => {
      const wait = budget.gate();
      if (wait) await wait;
      ranIn.push(turns.turn);
      c.spend(cost);
    }),
  );
  turns.stop();
  return ranIn;
}

describe('turnBudget', () => {
  it('lets cheap work run in the turn it comes in', async () => {
    const turns = await runGated(10, 0.1, 3);
    expect(new Set(turns).size).toBe(1);
  });

  it('spreads work worth more than the budget over later turns, in order', async () => {
    // 1 ms each under a 3 ms budget: three per turn at most.
    const turns = await runGated(12, 1, 3);
    expect(turns).toHaveLength(12);
    const perTurn = new Map<number, number>();
    for (const t of turns) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(3);
    expect(perTurn.size).toBeGreaterThanOrEqual(4);
    // Turns only move forward: the work ran in the order it came.
    expect([...turns].sort((a, b) => a - b)).toEqual(turns);
  });

  it('never holds work back forever: a piece dearer than the budget still runs, one per turn', async () => {
    const turns = await runGated(4, 10, 3);
    expect(turns).toHaveLength(4);
    expect(new Set(turns).size).toBe(4);
  });
});
