import { describe, expect, it } from 'vitest';
import { HostScheduler } from '../../src/check/scheduler.js';
import {
  laneTimeMs,
  PACE_BURST,
  PACE_FACTOR,
  pacedStart,
  sparePace,
} from '../../src/check/start-pace.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const polite = { concurrency: 1, intervalMs: 100 };

describe('start pacing (pure)', () => {
  it('measures a lane by its gaps or by its requests, whichever is longer', () => {
    expect(laneTimeMs(0, polite, 50)).toBe(0);
    expect(laneTimeMs(11, polite, 50)).toBe(1_000);
    expect(laneTimeMs(10, { concurrency: 2, intervalMs: 0 }, 300)).toBe(1_500);
  });

  it('spreads the others over a share of the busiest lane, and exempts lanes near it', () => {
    const pace = sparePace({ top: { work: 301, limits: polite }, totalWork: 401, requestMs: 50 });
    // The busiest lane needs 30 s; 100 other requests over a third of that.
    expect(pace.gapMs).toBeCloseTo(30_000 / (PACE_FACTOR * 100));
    expect(pace.unpacedFromMs).toBeCloseTo(30_000 / PACE_FACTOR);
    const none = { gapMs: 0, unpacedFromMs: 0 };
    expect(sparePace({ top: { work: 5, limits: polite }, totalWork: 5, requestMs: 100 })).toEqual(
      none,
    );
    expect(sparePace({ top: { work: 5, limits: polite }, totalWork: 9, requestMs: null })).toEqual(
      none,
    );
    expect(sparePace({ top: null, totalWork: 0, requestMs: 100 })).toEqual(none);
  });

  it('lets a burst through after a pause, then one start per gap', () => {
    let pacedAt = Number.NEGATIVE_INFINITY;
    let burst = 0;
    for (;;) {
      const s = pacedStart(pacedAt, 1_000, 10);
      if (!s.ok) {
        // Looked at again once a burst's worth is due, not at every gap.
        expect(s.retryAt).toBe(pacedAt + (PACE_BURST - 1) * 10);
        break;
      }
      pacedAt = s.pacedAt;
      burst++;
    }
    expect(burst).toBe(PACE_BURST + 1);
    // Three gaps later, three more; however long the pause, never more than a burst.
    let later = 0;
    for (let s = pacedStart(pacedAt, 1_030, 10); s.ok; s = pacedStart(pacedAt, 1_030, 10)) {
      pacedAt = s.pacedAt;
      later++;
    }
    expect(later).toBe(3);
    let afterPause = 0;
    for (let s = pacedStart(pacedAt, 99_000, 10); s.ok; s = pacedStart(pacedAt, 99_000, 10)) {
      pacedAt = s.pacedAt;
      afterPause++;
    }
    expect(afterPause).toBe(PACE_BURST + 1);
  });
});

describe('start pacing in the scheduler', () => {
  it('starts the hosts with time to spare a burst at a time, the busy ones at once', async () => {
    let clock = 0;
    const s = new HostScheduler({
      globalConcurrency: 500,
      limitsFor: () => polite,
      now: () => clock,
    });
    const started: string[] = [];
    const release: (() => void)[] = [];
    const held = (host: string) =>
      s.run(host, () => {
        started.push(host);
        return new Promise<void>((r) => release.push(r));
      });
    // One request ends first, so the scheduler knows how long requests take (100 ms).
    s.announce('busy', 300);
    const first = held('busy');
    clock = 100;
    release.shift()?.();
    await first;
    await sleep(1);
    // A second host nearly as busy (200 requests: 20 s of its 30 s) is never held back.
    s.announce('busy-too', 200);
    const all = [held('busy-too')];
    for (let i = 0; i < 100; i++) all.push(held(`small-${i}`));
    await sleep(1);
    const small = () => started.filter((h) => h.startsWith('small-')).length;
    expect(started).toContain('busy-too');
    // 100 small hosts, each free to start: only a burst goes now.
    expect(small()).toBe(PACE_BURST + 1);
    // The clock moves on by a few gaps (30 s spread over the others' ~300 requests, ~35 ms
    // each): a few more when the scheduler looks again, not all.
    clock += 105;
    release.shift()?.();
    await sleep(1);
    const more = small() - (PACE_BURST + 1);
    expect(more).toBeGreaterThan(0);
    expect(more).toBeLessThan(PACE_BURST + 1);
    // However long nobody looked, never more than a burst at once.
    clock += 60_000;
    release.shift()?.();
    await sleep(1);
    // (A burst shrinks a little as the gap grows with fewer requests left to spread.)
    const burst = small() - (PACE_BURST + 1 + more);
    expect(burst).toBeGreaterThanOrEqual(PACE_BURST / 2);
    expect(burst).toBeLessThanOrEqual(PACE_BURST + 1);
    s.close();
    for (const r of release.splice(0)) r();
    await Promise.allSettled(all);
  });
});
