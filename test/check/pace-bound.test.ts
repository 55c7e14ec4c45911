import { describe, expect, it } from 'vitest';
import { isLaneBound, LANE_BOUND_FACTOR, type PacingSnapshot } from '../../src/check/pace-bound.js';

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
    // Lane ~37 s, network ~20 s: within the margin, so not lane-bound.
    expect(isLaneBound(run(738, 50_000), null)).toBe(false);
    expect(LANE_BOUND_FACTOR).toBeGreaterThan(1);
  });

  it('is not lane-bound when the CPU the work needs comes close to the lane', () => {
    // 10,000 links at 3 ms of CPU each: 30 s against the lane's 37 s.
    expect(isLaneBound(run(738, 10_000), 3)).toBe(false);
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
