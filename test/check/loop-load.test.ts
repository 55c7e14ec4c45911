import { describe, expect, it } from 'vitest';
import {
  BUSY_UTILISATION,
  followLoopLoad,
  HIGH_LAG_MS,
  IDLE_UTILISATION,
  LANE_BOUND_HIGH_LAG_MS,
  LANE_BOUND_LOW_LAG_MS,
  LOW_LAG_MS,
  nextCap,
} from '../../src/check/loop-load.js';

const bounds = { min: 16, max: 256 };
const sample = (lagMs: number, utilisation: number, capped = true) => ({
  lagMs,
  utilisation,
  capped,
});

describe('nextCap (the global cap follows the event loop)', () => {
  it('shrinks by a fifth when the loop is late and busy with our own work, down to the floor', () => {
    expect(nextCap(100, sample(HIGH_LAG_MS + 1, BUSY_UTILISATION + 0.05), bounds)).toBe(80);
    expect(nextCap(18, sample(500, 1), bounds)).toBe(16);
  });

  it('does not shrink for lag that other processes cause (the loop is mostly idle)', () => {
    expect(nextCap(100, sample(200, 0.3), bounds)).toBe(113);
    expect(nextCap(100, sample(200, 0.3, false), bounds)).toBe(100);
  });

  it('grows by an eighth only when the cap held requests back and the loop keeps up', () => {
    expect(nextCap(32, sample(LOW_LAG_MS - 1, 0.95), bounds)).toBe(36);
    expect(nextCap(32, sample(0, IDLE_UTILISATION - 0.1), bounds)).toBe(36);
    expect(nextCap(32, sample(0, 0.1, false), bounds)).toBe(32);
    expect(nextCap(250, sample(0, 0.1), bounds)).toBe(256);
  });

  it('holds between the thresholds', () => {
    expect(nextCap(64, sample((LOW_LAG_MS + HIGH_LAG_MS) / 2, 0.9), bounds)).toBe(64);
  });

  it('keeps the loop nearly idle while the run is bound by its busiest lane', () => {
    const lag = LANE_BOUND_HIGH_LAG_MS + 1;
    expect(lag).toBeLessThan(LOW_LAG_MS);
    // A lag the lane-bound run shrinks for, and the other lets grow.
    expect(nextCap(100, { ...sample(lag, 0.95), laneBound: true }, bounds)).toBe(80);
    expect(nextCap(100, { ...sample(lag, 0.95), laneBound: false }, bounds)).toBe(113);
    // Grows only below the strict low threshold (or with the CPU to spare).
    const between = (LANE_BOUND_LOW_LAG_MS + LANE_BOUND_HIGH_LAG_MS) / 2;
    expect(nextCap(32, { ...sample(between, 0.95), laneBound: true }, bounds)).toBe(32);
    expect(
      nextCap(32, { ...sample(LANE_BOUND_LOW_LAG_MS / 2, 0.95), laneBound: true }, bounds),
    ).toBe(36);
    expect(nextCap(32, { ...sample(between, 0.3), laneBound: true }, bounds)).toBe(36);
  });
});

describe('followLoopLoad', () => {
  it('raises the cap of an idle process that is held back, and stops', async () => {
    let cap = 16;
    const target = {
      get cap() {
        return cap;
      },
      setCap(n: number) {
        cap = n;
      },
      takeCapped: () => true,
    };
    const follower = followLoopLoad(target, { min: 16, max: 64 });
    await new Promise((r) => setTimeout(r, 300));
    follower.stop();
    const reached = cap;
    expect(reached).toBeGreaterThan(16);
    await new Promise((r) => setTimeout(r, 100));
    expect(cap).toBe(reached);
  });
});
