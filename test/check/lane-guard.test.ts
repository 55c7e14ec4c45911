import { describe, expect, it } from 'vitest';
import {
  DUE_LEAD_MS,
  DUE_TAIL_MS,
  LaneGuard,
  SEND_GUARD_MAX_MS,
} from '../../src/check/lane-guard.js';
import { loadStep } from '../../src/check/loop-load.js';
import type { SchedulerPacing } from '../../src/check/pace-bound.js';
import { HostScheduler } from '../../src/check/scheduler.js';
import { turnBudget } from '../../src/check/turn-budget.js';

/** A guard on a clock the test moves. */
function clocked() {
  let t = 1_000;
  const guard = new LaneGuard(() => t);
  return { guard, at: (ms: number) => (t = ms), now: () => t };
}

describe('LaneGuard', () => {
  it('holds from admission until the request leaves, at most SEND_GUARD_MAX_MS', () => {
    const { guard, at } = clocked();
    expect(guard.active()).toBe(false);
    const first = guard.request();
    expect(guard.active()).toBe(true);
    expect(guard.liftsAt()).toBe(1_000 + SEND_GUARD_MAX_MS);
    at(1_004);
    first.sent();
    // No round trip known yet: nothing is due.
    expect(guard.active()).toBe(false);
    expect(guard.liftsAt()).toBe(Number.POSITIVE_INFINITY);
    // A request that never leaves holds the rest back for a bounded time only.
    guard.request();
    at(1_004 + SEND_GUARD_MAX_MS - 1);
    expect(guard.active()).toBe(true);
    at(1_004 + SEND_GUARD_MAX_MS);
    expect(guard.active()).toBe(false);
  });

  it("holds around the time the lane's answer is due, and lifts when it comes", () => {
    const { guard, at } = clocked();
    // One round trip of 100 ms teaches the guard the lane's pace.
    const first = guard.request();
    first.sent();
    at(1_100);
    first.ended();
    const next = guard.request();
    next.sent();
    expect(guard.active()).toBe(false);
    at(1_200 - DUE_LEAD_MS - 1);
    expect(guard.active()).toBe(false);
    at(1_200 - DUE_LEAD_MS);
    expect(guard.active()).toBe(true);
    expect(guard.liftsAt()).toBe(1_200 + DUE_TAIL_MS);
    at(1_201);
    next.ended();
    expect(guard.active()).toBe(false);
    // A late answer holds the rest back only until the window closes (the lane's round trip
    // is now an average of 100 and 101 ms).
    const late = guard.request();
    late.sent();
    at(1_201 + 100 + DUE_TAIL_MS - 1);
    expect(guard.active()).toBe(true);
    at(1_201 + 101 + DUE_TAIL_MS);
    expect(guard.active()).toBe(false);
  });

  it('holds nothing while off, and lets go of what it held when turned off', () => {
    const { guard } = clocked();
    guard.request();
    expect(guard.active()).toBe(true);
    guard.enabled = false;
    expect(guard.active()).toBe(false);
    guard.request();
    expect(guard.active()).toBe(false);
    guard.enabled = true;
    expect(guard.active()).toBe(false);
    guard.request();
    expect(guard.active()).toBe(true);
  });
});

describe('the guard in the scheduler and the turn budget', () => {
  it("starts no other host's request while the top host's waits to leave", async () => {
    // The clock stands still: the guard holds until the request leaves, however late this
    // process's timers fire (on a loaded machine they passed SEND_GUARD_MAX_MS).
    const now = () => 1_000;
    const guard = new LaneGuard(now);
    const s = new HostScheduler({
      globalConcurrency: 8,
      limitsFor: () => ({ concurrency: 2, intervalMs: 0 }),
      guard,
      now,
    });
    s.announce('big.test', 10);
    const started: string[] = [];
    let send: () => void = () => undefined;
    const big = s.run(
      'big.test',
      (sent) => {
        started.push('big');
        send = sent;
        return new Promise<void>((r) => setTimeout(r, 30));
      },
      { tracksSend: true },
    );
    const small = s.run('small.test', async () => {
      started.push('small');
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual(['big']);
    expect(guard.active()).toBe(true);
    send();
    await small;
    expect(started).toEqual(['big', 'small']);
    await big;
    s.close();
  });

  it('starts them at once when the guard is off (a run bound by its total work)', async () => {
    const guard = new LaneGuard();
    guard.enabled = false;
    const s = new HostScheduler({
      globalConcurrency: 8,
      limitsFor: () => ({ concurrency: 2, intervalMs: 0 }),
      guard,
    });
    s.announce('big.test', 10);
    let send: () => void = () => undefined;
    const big = s.run(
      'big.test',
      (sent) => {
        send = sent;
        return new Promise<void>((r) => setTimeout(r, 30));
      },
      { tracksSend: true },
    );
    let smallRan = false;
    await s.run('small.test', async () => {
      smallRan = true;
    });
    expect(smallRan).toBe(true);
    send();
    await big;
    s.close();
  });

  it('makes gated work wait while it holds, then lets it run', async () => {
    let holding = true;
    const budget = turnBudget({ budgetMs: 3, hold: () => holding });
    const turn = budget.gate();
    expect(turn).toBeInstanceOf(Promise);
    let ran = false;
    void turn?.then(() => {
      ran = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toBe(false);
    holding = false;
    await turn;
    expect(ran).toBe(true);
  });

  it('is told by the load follower whether the run is lane-bound, once a request ended', () => {
    const told: boolean[] = [];
    let pacing: SchedulerPacing = {
      top: { work: 738, concurrency: 2, intervalMs: 50 },
      totalWork: 10_000,
      globalConcurrency: 256,
      requestMs: null,
      finished: 0,
    };
    const target = {
      cap: 100,
      setCap() {},
      takeCapped: () => false,
      pacing: () => pacing,
      noteLaneBound: (bound: boolean) => told.push(bound),
    };
    const step = loadStep(target, { min: 16, max: 256 });
    const sample = { lagMs: 0, cpuUsedMs: 5, elapsedMs: 25 };
    step(sample);
    expect(told).toEqual([]);
    pacing = { ...pacing, requestMs: 100, finished: 1 };
    step(sample);
    // Many hosts of a few links each: bound by the global cap, not by a lane.
    pacing = { ...pacing, top: { work: 20, concurrency: 2, intervalMs: 50 } };
    step(sample);
    expect(told).toEqual([true, false]);
  });
});
