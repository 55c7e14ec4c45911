import { describe, expect, it } from 'vitest';
import { isNewSince, newBasis, parseStoreRead, sawWrite } from '../../src/scale/snapshot-since.js';

const since = '2026-11-30T05:00:00.000Z';

describe('parseStoreRead and sawWrite', () => {
  it('reads PostgreSQL snapshots and tells which transactions they saw', () => {
    const read = parseStoreRead('100:105:101,103');
    expect(read).not.toBeNull();
    const r = read as NonNullable<typeof read>;
    // Below xmin: finished before the read; in progress or at/after xmax: not seen.
    expect([99n, 100n, 101n, 102n, 103n, 104n, 105n, 200n].map((t) => sawWrite(r, t))).toEqual([
      true,
      true,
      false,
      true,
      false,
      true,
      false,
      false,
    ]);
    expect(parseStoreRead('7:7:')).toEqual({ xmin: 7n, xmax: 7n, inProgress: new Set() });
    // Beyond 2^53: txids carry an epoch in their high bits.
    expect(parseStoreRead('9007199254740993:9007199254740995:')?.xmin).toBe(9007199254740993n);
    for (const bad of [null, '', 'x:1:', '5:4:', '1:2:a']) expect(parseStoreRead(bad)).toBeNull();
  });
});

describe('isNewSince', () => {
  it('is new exactly when the previous snapshot did not see its transaction, whatever the clocks', () => {
    const basis = newBasis(since, '100:105:103', '120:121:');
    // Checked before `since` but committed after the previous read began (103 in progress,
    // 110 after it): the previous report never showed it.
    expect(isNewSince({ at: '2026-11-30T04:59:00.000Z', txid: '103' }, basis)).toBe(true);
    expect(isNewSince({ at: '2026-11-30T04:59:00.000Z', txid: '110' }, basis)).toBe(true);
    // Checked after `since` by the clock, yet seen by the previous read: shown already.
    expect(isNewSince({ at: '2026-12-01T00:00:00.000Z', txid: '102' }, basis)).toBe(false);
    expect(isNewSince(null, basis)).toBe(false);
  });

  it('falls back to the time rule without a previous read, or without a transaction', () => {
    const noPrevious = newBasis(since, null, '120:121:');
    expect(noPrevious.previous).toBeNull();
    expect(isNewSince({ at: '2026-12-01T00:00:00.000Z', txid: '102' }, noPrevious)).toBe(true);
    expect(isNewSince({ at: '2026-11-29T00:00:00.000Z', txid: '110' }, noPrevious)).toBe(false);
    const basis = newBasis(since, '100:105:', '120:121:');
    expect(isNewSince({ at: '2026-12-01T00:00:00.000Z', txid: null }, basis)).toBe(true);
    expect(isNewSince({ at: '2026-11-29T00:00:00.000Z', txid: null }, basis)).toBe(false);
    expect(isNewSince({ at: null, txid: null }, basis)).toBe(false);
    expect(isNewSince({ at: '', txid: null }, basis)).toBe(false);
  });

  it('trusts only the time when the transaction ids come from another cluster (a restore)', () => {
    // The previous read claims transactions beyond this one's: no basis.
    expect(newBasis(since, '5000:5001:', '120:121:').previous).toBeNull();
    // A row this read sees, written "after" it: its txid is not this cluster's.
    const basis = newBasis(since, '100:105:', '120:121:');
    expect(isNewSince({ at: '2026-11-29T00:00:00.000Z', txid: '4000' }, basis)).toBe(false);
    expect(isNewSince({ at: '2026-12-01T00:00:00.000Z', txid: '4000' }, basis)).toBe(true);
  });
});
