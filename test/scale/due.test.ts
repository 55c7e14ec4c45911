import { describe, expect, it } from 'vitest';
import { DEFAULT_DUE, nextDue, phaseOf } from '../../src/scale/due.js';

const DAY = 86_400_000;
const t0 = Date.parse('2026-01-05T05:00:00Z');

describe('due dates (pure)', () => {
  it('rechecks live links about a week later and failing ones about three days later', () => {
    for (let i = 0; i < 200; i++) {
      const url = `https://h${i}.example.org/p`;
      const live = nextDue(url, 'ok', t0, DEFAULT_DUE) - t0;
      expect(live).toBeGreaterThanOrEqual(3.5 * DAY);
      expect(live).toBeLessThan(10.5 * DAY);
      const failing = nextDue(url, 'dead', t0, DEFAULT_DUE) - t0;
      expect(failing).toBeGreaterThanOrEqual(1.5 * DAY);
      expect(failing).toBeLessThan(4.5 * DAY);
      expect(nextDue(url, 'redirected', t0, DEFAULT_DUE)).toBe(t0 + live);
      expect(nextDue(url, 'blocked', t0, DEFAULT_DUE)).toBe(t0 + failing);
    }
  });

  it('spreads a catalogue checked in one burst evenly over the week after it', () => {
    const urls = Array.from(
      { length: 7_000 },
      (_, i) => `https://site${i % 50}.example.org/doc/${i}`,
    );
    const perDay = new Array(7).fill(0);
    const start = t0 + 3.5 * DAY;
    for (const url of urls) {
      const due = nextDue(url, 'ok', t0, DEFAULT_DUE);
      perDay[Math.floor((due - start) / DAY)]++;
    }
    // About 1,000 a day, every day: no weekly burst.
    for (const n of perDay) {
      expect(n).toBeGreaterThan(800);
      expect(n).toBeLessThan(1_200);
    }
  });

  it('keeps each link at its own phase, run after run', () => {
    const url = 'https://a.example.org/x';
    const first = nextDue(url, 'ok', t0, DEFAULT_DUE);
    // Checked a little late (at its due time plus an hour), it comes back to the same phase.
    const second = nextDue(url, 'ok', first + 3_600_000, DEFAULT_DUE);
    expect(second - first).toBe(7 * DAY);
    expect(phaseOf(url)).toBe(phaseOf(url));
    expect(phaseOf(url)).toBeGreaterThanOrEqual(0);
    expect(phaseOf(url)).toBeLessThan(1);
  });
});
