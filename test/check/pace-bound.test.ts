import { describe, expect, it } from 'vitest';
import {
  isLaneBound,
  LANE_BOUND_FACTOR,
  MAX_SPREAD_UTILISATION,
  MIN_SPREAD_UTILISATION,
  type PacingSnapshot,
  SPREAD_MARGIN,
  spreadUtilisation,
} from '../../src/check/pace-bound.js';

/** A run with `top` links on its busiest host (2 at a time, 50 ms apart) among `total`. */
const run = (top: number, total: number, requestMs: number | null = 100): PacingSnapshot => ({
  top: { work: top, concurrency: 2, intervalMs: 50 },
  totalWork: total,
  globalConcurrency: 256,
  requestMs,
});

describe('isLaneBound (what bounds the run: its busiest lane or its whole work)', () => {
  it('is lane-bound when the busiest host needs far longer than the rest of the work', () => {
    // 738 links paced 50 ms apart: ~37 s; 10,000 links 256 at a time: ~4 s; CPU 1 ms each: 10 s.
    expect(isLaneBound(run(738, 10_000), 1)).toBe(true);
    expect(isLaneBound(run(738, 10_000), null)).toBe(true);
  });

  it('is not lane-bound when many small hosts make the global cap the limit', () => {
    expect(isLaneBound(run(10, 10_000), null)).toBe(false);
    // Lane ~37 s, network ~27 s: within the margin, so not lane-bound.
    expect(isLaneBound(run(738, 70_000), null)).toBe(false);
    expect(LANE_BOUND_FACTOR).toBeGreaterThan(1);
  });

  it('is not lane-bound when the CPU the work needs comes close to the lane', () => {
    // 10,000 links at 3 ms of CPU each: 30 s against the lane's 37 s.
    expect(isLaneBound(run(738, 10_000), 3)).toBe(false);
    // At 2 ms each (20 s) the lane is long enough to spare the margin.
    expect(isLaneBound(run(738, 10_000), 2)).toBe(20_000 * LANE_BOUND_FACTOR < 36_900);
  });

  it('says nothing before a request has ended or with no work left', () => {
    expect(isLaneBound(run(738, 10_000, null), 1)).toBe(false);
    expect(isLaneBound({ ...run(0, 0), top: null }, 1)).toBe(false);
  });

  it('counts the slower of the interval and the answer time per slot', () => {
    // 100 links, one at a time, answers of 1 s: 100 s of lane against 1,000 links' 4 s.
    const slow = { ...run(100, 1_000, 1_000), top: { work: 100, concurrency: 1, intervalMs: 0 } };
    expect(isLaneBound(slow, null)).toBe(true);
  });
});

describe('spreadUtilisation (the CPU share the rest of a lane-bound run is held to)', () => {
  it('spreads the rest of the work over the lane, with a margin, within its bounds', () => {
    // 10,000 links at 0.5 ms each: 5 s of CPU against the lane's 36.9 s: the least share.
    expect(spreadUtilisation(run(738, 10_000), 0.5)).toBe(MIN_SPREAD_UTILISATION);
    // At 1.5 ms each, 15 s: the share that ends them once SPREAD_MARGIN times 15 s has passed.
    const share = (SPREAD_MARGIN * 15_000) / 36_900;
    expect(share).toBeGreaterThan(MIN_SPREAD_UTILISATION);
    expect(share).toBeLessThan(MAX_SPREAD_UTILISATION);
    expect(spreadUtilisation(run(738, 10_000), 1.5)).toBeCloseTo(share, 6);
  });

  it('grows as the margin shrinks: the rest never waits past the lane', () => {
    // Late in the run: the lane has 100 links left (5 s), the rest 3,000 at 1 ms (3 s).
    const late = spreadUtilisation(run(100, 3_000), 1);
    expect(late).toBe(MAX_SPREAD_UTILISATION);
    const early = spreadUtilisation(run(738, 3_000), 1) ?? 1;
    expect(early).toBeLessThan(late ?? 0);
  });

  it('is null when the run is not lane-bound or the CPU per request is unknown', () => {
    expect(spreadUtilisation(run(738, 10_000), null)).toBeNull();
    expect(spreadUtilisation(run(738, 10_000), 3)).toBeNull();
    expect(spreadUtilisation(run(10, 10_000), 0.5)).toBeNull();
    expect(spreadUtilisation(run(738, 10_000, null), 0.5)).toBeNull();
  });
});
