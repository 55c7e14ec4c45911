import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prerenderer } from '../../src/check/prerender.js';
import type { ReportLink } from '../../src/model/index.js';
import { LinkRows, type RowContext } from '../../src/report/link-rows.js';
import { link } from '../report/fixtures.js';

/**
 * A fake clock and CPU counter: each rendering takes 1 ms of both; `busy` adds CPU time that the
 * rest of the process used meanwhile.
 */
function harness() {
  const clock = { ms: 0, cpu: 0 };
  const rendered: string[] = [];
  const context: RowContext<string> = {
    render: (l) => {
      clock.ms += 1;
      clock.cpu += 1;
      rendered.push(l.url);
      return l.url;
    },
  };
  const rows = new LinkRows([context]);
  let held = false;
  const ahead = prerenderer(rows, {
    hold: () => held,
    tickMs: 20,
    sliceMs: 2,
    // Below its own slice's share of a tick (2 of 22 ms): only the rest of the process counts.
    idleShare: 0.05,
    now: () => clock.ms,
    cpuMs: () => clock.cpu,
  });
  /** One tick of the renderer, the process using `busyMs` of CPU meanwhile. */
  const tick = (busyMs = 0) => {
    clock.ms += 20;
    clock.cpu += busyMs;
    vi.advanceTimersByTime(20);
  };
  return {
    ahead,
    rendered,
    tick,
    hold: (on: boolean) => {
      held = on;
    },
  };
}

const links = (n: number): ReportLink[] =>
  Array.from({ length: n }, (_, i) => link(`https://a.test/${i}`));

describe('prerenderer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renders the kept links a slice per tick while the process idles', () => {
    const h = harness();
    h.ahead.kept(links(5));
    expect(h.ahead.waiting).toBe(5);
    h.tick();
    // A slice of 2 ms: two links of 1 ms each.
    expect(h.rendered).toEqual(['https://a.test/0', 'https://a.test/1']);
    h.tick();
    h.tick();
    expect(h.rendered).toHaveLength(5);
    expect(h.ahead.waiting).toBe(0);
  });

  it('waits while the process is busy or the lane guard holds', () => {
    const h = harness();
    h.ahead.kept(links(3));
    // The rest of the process used half of the tick: busy.
    h.tick(10);
    expect(h.rendered).toEqual([]);
    h.hold(true);
    h.tick();
    expect(h.rendered).toEqual([]);
    h.hold(false);
    h.tick();
    expect(h.rendered).toHaveLength(2);
    // Its own slice is not counted as the process being busy.
    h.tick();
    expect(h.rendered).toHaveLength(3);
  });

  it('lets go of what waits when the mirror gives up its links, or when stopped', () => {
    const h = harness();
    h.ahead.kept(links(4));
    h.ahead.dropped();
    expect(h.ahead.waiting).toBe(0);
    h.tick();
    expect(h.rendered).toEqual([]);
    h.ahead.kept(links(2));
    h.ahead.stop();
    h.ahead.kept(links(2));
    expect(h.ahead.waiting).toBe(0);
    h.tick();
    expect(h.rendered).toEqual([]);
  });
});
