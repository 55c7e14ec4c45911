import { describe, expect, it } from 'vitest';
import { type HostLane, laneReadyAt, newLane, pickLane } from '../../src/check/host-lane.js';

const task = { run: async () => {}, settle: () => {}, cancel: () => {}, tracksSend: false };

/** A lane with `queued` tasks waiting, `announced` more, and its bookkeeping overridden. */
function lane(host: string, queued: number, more: Partial<HostLane> = {}): HostLane {
  const l = newLane(host, { concurrency: 2, intervalMs: 50 });
  l.backlog.push(...Array.from({ length: queued }, () => task));
  return Object.assign(l, more);
}

describe('pickLane (longest-queue-first among the lanes that may start now)', () => {
  it('picks the ready lane with the most work, announced tasks included', () => {
    const a = lane('a', 3);
    const b = lane('b', 1, { announced: 5 });
    const pick = pickLane([a, b], 1_000);
    expect(pick.best).toBe(b);
    expect(pick.top).toBe(b);
    expect([pick.topWork, pick.secondWork]).toEqual([6, 3]);
    expect(pick.nextEligible).toBe(Number.POSITIVE_INFINITY);
  });

  it('leaves out lanes at their concurrency or within their gap, and says when the gap ends', () => {
    const full = lane('full', 9, { inFlight: 2 });
    const recent = lane('recent', 8, { lastStart: 990 });
    const ready = lane('ready', 1);
    const pick = pickLane([full, recent, ready], 1_000);
    expect(pick.best).toBe(ready);
    // The busiest lane still counts as the top one, though it cannot start now.
    expect(pick.top).toBe(full);
    expect(pick.nextEligible).toBe(1_040);
    expect(pickLane([full, recent], 1_000).best).toBeNull();
  });

  it('holds a lane whose last request is not on the wire yet, up to the wait limit', () => {
    const waiting = lane('w', 2, { lastStart: 900, unsent: [900] });
    expect(laneReadyAt(waiting, 2_000)).toBe(2_900);
    expect(pickLane([waiting], 1_000, 2_000).best).toBeNull();
    expect(pickLane([waiting], 3_000, 2_000).best).toBe(waiting);
  });

  it('tells which lanes have no work left (none queued or announced), busy or not', () => {
    const done = lane('done', 0, { inFlight: 1 });
    const announced = lane('announced', 0, { announced: 2 });
    const ready = lane('ready', 1);
    const idle: string[] = [];
    const pick = pickLane([done, announced, ready], 1_000, 2_000, (l) => idle.push(l.host));
    expect(idle).toEqual(['done']);
    expect(pick.best).toBe(ready);
    expect(pick.top).toBe(announced);
  });

  it('makes the limits whole: at least one at a time, no negative gap', () => {
    expect(newLane('x', { concurrency: 0, intervalMs: -5 }).limits).toEqual({
      concurrency: 1,
      intervalMs: 0,
    });
  });
});
