/**
 * The run journal's writer (journal.ts) writes a batch of observations in transactions of a
 * bounded size, one per turn of the event loop, so a large batch never holds the loop (and the
 * timers that send the busiest host's next request) for long.
 */
import { describe, expect, it } from 'vitest';
import type { LinkObservation } from '../../src/check/engine.js';
import { journalWriter } from '../../src/check/journal.js';
import { createMemoryStore, type HistoryStore } from '../../src/store/index.js';
import { countTurns } from '../support/turns.js';

function observation(i: number): LinkObservation {
  return {
    target: { url: `http://127.0.0.1:9/doc/${i}`, citations: [] },
    outcome: null,
    meta: null,
    classification: { status: 'ok' },
    checkedAt: '2026-12-01T00:00:00.000Z',
    connectionFailure: false,
  } as unknown as LinkObservation;
}

/** Run r1, begun in `store`'s journal. */
function beginR1(store: HistoryStore): Promise<void> {
  return store.journal.begin({
    id: 'r1',
    startedAt: '2026-12-01T00:00:00.000Z',
    finished: false,
    info: null,
    head: null,
  });
}

describe('journalWriter', () => {
  it('writes a large batch in small transactions, one per turn of the event loop', async () => {
    const store = createMemoryStore();
    const counter = countTurns();
    const turns: number[] = [];
    const sizes: number[] = [];
    const record = store.journal.record.bind(store.journal);
    store.journal.record = async (runId, rows) => {
      sizes.push(rows.length);
      turns.push(counter.turn);
      return record(runId, rows);
    };
    await beginR1(store);
    const writer = journalWriter(store, 'r1');
    for (let i = 0; i < 120; i++) await writer.add(observation(i));
    await writer.close();
    counter.stop();

    expect(sizes.reduce((a, b) => a + b, 0)).toBe(120);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
    // One transaction per turn: timers and I/O run between them.
    expect(new Set(turns).size).toBe(turns.length);
    const recorded = await store.journal.recorded(
      'r1',
      Array.from({ length: 120 }, (_, i) => `http://127.0.0.1:9/doc/${i}`),
    );
    expect(recorded.size).toBe(120);
  });

  it('writes no batch while the busiest host holds the loop (lane-guard.ts), then writes them all', async () => {
    const store = createMemoryStore();
    await beginR1(store);
    let holding = true;
    const writer = journalWriter(store, 'r1', undefined, () => holding);
    for (let i = 0; i < 3; i++) await writer.add(observation(i));
    const flushed = writer.flush();
    await new Promise((r) => setTimeout(r, 20));
    const urls = [0, 1, 2].map((i) => `http://127.0.0.1:9/doc/${i}`);
    expect((await store.journal.recorded('r1', urls)).size).toBe(0);
    holding = false;
    await flushed;
    expect((await store.journal.recorded('r1', urls)).size).toBe(3);
  });
});
