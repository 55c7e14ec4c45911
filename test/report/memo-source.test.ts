/**
 * memoSource (source.ts): the report writers read the links once per pass; a run of ordinary
 * size reads its store once, a large one every time (memory stays bounded).
 */
import { describe, expect, it } from 'vitest';
import type { ReportLink, ReportSource } from '../../src/model/index.js';
import { jsonChunks, reportSourceOf } from '../../src/report/index.js';
import { memoSource } from '../../src/report/source.js';
import { link, sampleReport, textOf } from './fixtures.js';

/** A source over `n` links that counts how often its links are read from the start. */
function countingSource(n: number) {
  const report = sampleReport();
  report.links = Array.from({ length: n }, (_, i) => link(`https://h.test/p/${i}`));
  const inner = reportSourceOf(report);
  const counter = { reads: 0 };
  const source: ReportSource = {
    head: inner.head,
    async *links() {
      counter.reads++;
      yield* inner.links();
    },
  };
  return { source, counter, report };
}

async function urls(source: ReportSource): Promise<string[]> {
  const out: string[] = [];
  for await (const l of source.links()) out.push((l as ReportLink).url);
  return out;
}

describe('memoSource', () => {
  it('reads the store once when the links fit, and gives the same links every time', async () => {
    const { source, counter } = countingSource(5);
    const memo = memoSource(source, 10);
    const first = await urls(memo);
    const second = await urls(memo);
    expect(second).toEqual(first);
    expect(first).toHaveLength(5);
    expect(counter.reads).toBe(1);
    // A writer's output is the same through the memo as straight from the source.
    expect(await textOf(jsonChunks(memo))).toBe(await textOf(jsonChunks(source)));
  });

  it('keeps nothing above the limit: every read goes to the store', async () => {
    const { source, counter } = countingSource(12);
    const memo = memoSource(source, 10);
    expect(await urls(memo)).toHaveLength(12);
    expect(await urls(memo)).toHaveLength(12);
    expect(counter.reads).toBe(2);
  });

  it('keeps only a read to the end (a reader that stops early keeps nothing)', async () => {
    const { source, counter } = countingSource(5);
    const memo = memoSource(source, 10);
    for await (const _ of memo.links()) break;
    expect(await urls(memo)).toHaveLength(5);
    expect(await urls(memo)).toHaveLength(5);
    expect(counter.reads).toBe(2);
  });
});
