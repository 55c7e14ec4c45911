import { describe, expect, it } from 'vitest';
import {
  BUSY_UTILISATION,
  followLoopLoad,
  HIGH_LAG_MS,
  IDLE_UTILISATION,
  LANE_BOUND_HIGH_LAG_MS,
  LANE_BOUND_LOW_LAG_MS,
  LOW_LAG_MS,
  loadStep,
  nextCap,
  WARM_UP_REQUESTS,
} from '../../src/check/loop-load.js';
import type { SchedulerPacing } from '../../src/check/pace-bound.js';

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

describe('loadStep (one sample of the follower, with the work left)', () => {
  /** A scheduler's side: its cap, and the work left of a run whose busiest host has 738 links. */
  function target(opts: { pacing: boolean; finished?: number }) {
    let cap = 100;
    let finished = opts.finished ?? 0;
    const snapshot = (): SchedulerPacing => ({
      top: { work: 738, concurrency: 2, intervalMs: 50 },
      totalWork: 10_000,
      globalConcurrency: 256,
      requestMs: 100,
      finished,
    });
    return {
      get cap() {
        return cap;
      },
      setCap(n: number) {
        cap = n;
      },
      takeCapped: () => true,
      ...(opts.pacing ? { pacing: snapshot } : {}),
      /** `n` more requests ended. */
      end(n: number) {
        finished += n;
      },
    };
  }
  // 5 ms late with the process at 95% of a core: late for a lane-bound run, not for another.
  const busy = { lagMs: 5, cpuUsedMs: 23.75, elapsedMs: 25 };

  it('shrinks the cap at a lag a run bound by its busiest lane cannot afford', () => {
    const laneBound = target({ pacing: true });
    loadStep(laneBound, bounds)(busy);
    expect(laneBound.cap).toBe(80);
    const unknown = target({ pacing: false });
    loadStep(unknown, bounds)(busy);
    expect(unknown.cap).toBe(100);
  });

  it('keeps the permissive rule once the CPU the work needs comes close to the lane', () => {
    // Past the warm-up, each sample ends 8 requests for 23.75 ms of CPU: ~3 ms each, so
    // 10,000 links need ~30 s of CPU against the lane's 37 s: not lane-bound once the estimate
    // has settled, and the same lag no longer moves the cap.
    const heavy = target({ pacing: true });
    const step = loadStep(heavy, bounds);
    heavy.end(WARM_UP_REQUESTS);
    step({ lagMs: 0, cpuUsedMs: 1, elapsedMs: 25 });
    for (let i = 0; i < 30; i++) {
      heavy.end(8);
      step({ lagMs: 2, cpuUsedMs: 23.75, elapsedMs: 25 });
    }
    const settled = heavy.cap;
    expect(settled).toBeGreaterThan(bounds.min);
    heavy.end(8);
    step(busy);
    expect(heavy.cap).toBe(settled);
    // The same CPU during the warm-up is not weighed: the run counts as lane-bound.
    const warming = target({ pacing: true });
    const early = loadStep(warming, bounds);
    warming.end(10);
    early(busy);
    expect(warming.cap).toBe(80);
  });

  it('holds a lane-bound run to its spread share of CPU, however prompt its loop', () => {
    // 20 requests per sample for 17.5 ms of CPU (0.875 ms each, 70% of a core) and no lag:
    // the rest needs ~9 s of CPU against the lane's 37 s, so it is held to half a core.
    const run = target({ pacing: true });
    const step = loadStep(run, bounds);
    run.end(WARM_UP_REQUESTS);
    step({ lagMs: 0, cpuUsedMs: 1, elapsedMs: 25 });
    run.end(20);
    step({ lagMs: 0, cpuUsedMs: 17.5, elapsedMs: 25 });
    run.end(20);
    step({ lagMs: 0, cpuUsedMs: 17.5, elapsedMs: 25 });
    const before = run.cap;
    for (let i = 0; i < 5; i++) {
      run.end(20);
      step({ lagMs: 0, cpuUsedMs: 17.5, elapsedMs: 25 });
    }
    expect(run.cap).toBeLessThan(before);
    // Well below its share, with requests held back, it may grow again.
    const low = run.cap;
    for (let i = 0; i < 20; i++) {
      run.end(8);
      step({ lagMs: 0, cpuUsedMs: 5, elapsedMs: 25 });
    }
    expect(run.cap).toBeGreaterThan(low);
  });
});

describe('nextCap with a spread share (lane-bound, the CPU per request known)', () => {
  const spread = (smoothed: number, extra: Partial<ReturnType<typeof sample>> = {}) => ({
    ...sample(0, smoothed),
    ...extra,
    laneBound: true,
    spread: { target: 0.5, smoothed },
  });

  it('shrinks above the share even with a prompt loop, grows only well below it', () => {
    expect(nextCap(100, spread(0.6), bounds)).toBe(80);
    expect(nextCap(100, spread(0.3), bounds)).toBe(113);
    expect(nextCap(100, spread(0.3, { capped: false }), bounds)).toBe(100);
    // Just below the share: holds.
    expect(nextCap(100, spread(0.45), bounds)).toBe(100);
  });

  it('still shrinks when the loop is late and busy, whatever the smoothed share', () => {
    const lateBusy = { ...spread(0.3), lagMs: LANE_BOUND_HIGH_LAG_MS + 1, utilisation: 0.95 };
    expect(nextCap(100, lateBusy, bounds)).toBe(80);
    // Late but not growing.
    expect(nextCap(100, { ...spread(0.3), lagMs: LANE_BOUND_HIGH_LAG_MS + 1 }, bounds)).toBe(100);
  });
});
