/**
 * One budget of requests in flight for a process, shared by the schedulers of the shards it
 * works at once: `--concurrency` is the process's, each shard keeping its per-host lanes.
 */
import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../src/check/request-budget.js';
import { HostScheduler } from '../../src/check/scheduler.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RequestBudget', () => {
  it('gives at most its limit of slots and wakes the waiting in the order they asked', () => {
    const b = new RequestBudget(2);
    const woken: string[] = [];
    const wakeA = () => woken.push('a');
    const wakeB = () => woken.push('b');
    expect(b.tryTake(wakeA)).toBe(true);
    expect(b.tryTake(wakeA)).toBe(true);
    expect(b.tryTake(wakeB)).toBe(false);
    expect(b.tryTake(wakeA)).toBe(false);
    expect(b.inFlight).toBe(2);
    // B asked first; neither takes the slot when woken, so both are woken, once each.
    b.release();
    expect(woken).toEqual(['b', 'a']);
    b.release();
    expect(woken).toEqual(['b', 'a']);
    expect(b.inFlight).toBe(0);
  });

  it('stops waking once the freed slot is taken; a closed scheduler is not woken', () => {
    const b = new RequestBudget(1);
    const woken: string[] = [];
    const takers: Record<string, () => void> = {};
    for (const name of ['a', 'b', 'c']) {
      takers[name] = () => {
        woken.push(name);
        b.tryTake(takers[name] as () => void);
      };
    }
    expect(b.tryTake(() => undefined)).toBe(true);
    for (const name of ['a', 'b', 'c']) b.tryTake(takers[name] as () => void);
    b.forget(takers.a as () => void);
    b.release();
    // b took the slot; c was not woken and still waits.
    expect(woken).toEqual(['b']);
    b.release();
    expect(woken).toEqual(['b', 'c']);
  });
});

describe('HostScheduler with a shared budget', () => {
  it('several schedulers together never run more than the budget, and all their work ends', async () => {
    const budget = new RequestBudget(3);
    let inFlight = 0;
    let peak = 0;
    let done = 0;
    const schedulers = [0, 1, 2, 3].map(
      () =>
        new HostScheduler({
          globalConcurrency: 3,
          budget,
          limitsFor: () => ({ concurrency: 2, intervalMs: 0 }),
        }),
    );
    const perScheduler = schedulers.map(() => 0);
    const work = schedulers.flatMap((s, i) =>
      ['h1', 'h2'].flatMap((host) =>
        Array.from({ length: 5 }, () =>
          s.run(`${i}-${host}`, async () => {
            peak = Math.max(peak, ++inFlight);
            perScheduler[i] = (perScheduler[i] ?? 0) + 1;
            await sleep(3);
            inFlight--;
            done++;
          }),
        ),
      ),
    );
    await Promise.all(work);
    expect(done).toBe(40);
    expect(peak).toBe(3);
    // Each slot goes back once its task's bookkeeping ends, just after the task.
    await sleep(5);
    expect(budget.inFlight).toBe(0);
    // Each scheduler alone could run 3 at once (2 hosts of 2, cap 3): 4 of them 12.
    expect(perScheduler).toEqual([10, 10, 10, 10]);
    for (const s of schedulers) s.close();
  });
});
