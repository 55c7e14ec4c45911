import { afterEach, describe, expect, it } from 'vitest';
import { createGate, type Gate } from '../../src/archive/throttle.js';

const gates: Gate[] = [];
afterEach(() => {
  for (const g of gates.splice(0)) g.close();
});

function gate(now: () => number): Gate {
  const g = createGate({
    name: 'Test archive',
    requests: 100,
    intervalMs: 1000,
    backoffMs: 40,
    retryAfterMaxMs: 5000,
    downAfterFailures: 3,
    now,
  });
  gates.push(g);
  return g;
}

describe('the pause after a 429', () => {
  it('ends even when its timer fires before the clock says so', async () => {
    // A clock at half speed: every timer fires "early" by this clock, as a real timer may by
    // a millisecond. The pause must be re-armed, not dropped (the queue stayed paused for the
    // rest of the run, and every lookup waited out its lookup time).
    const t0 = performance.now();
    const now = () => t0 + (performance.now() - t0) / 2;
    const g = gate(now);
    const pausedAt = now();
    expect(g.notice(429)).toBe(true);
    let startedAt = Number.NaN;
    const out = await g.run(async () => {
      startedAt = now();
      return 'sent';
    }, Date.now() + 10_000);
    expect(out).toEqual({ ok: true, value: 'sent' });
    // Not sent before the pause was over, by the gate's own clock.
    expect(startedAt - pausedAt).toBeGreaterThanOrEqual(40);
  });
});
