import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveFinder } from '../../src/archive/index.js';
import { createTestJudge, type FakeArchive, startFakeArchive } from '../support/archives.js';
import { testOptions, UA } from './helpers.js';

let archive: FakeArchive | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

describe('abort listeners', () => {
  it('a run with many archive lookups at once adds no MaxListenersExceededWarning', async () => {
    // Every failing link of a run asks the archive at once: the lookups wait in the archive's
    // queue. Each must not hang a listener on one shared signal while it waits.
    archive = await startFakeArchive({});
    const finder = createArchiveFinder(
      testOptions(archive.base, { wayback: true, wikiwix: true, memento: true }),
      { judge: createTestJudge(), userAgent: UA },
    );
    const warnings: Error[] = [];
    const onWarning = (w: Error) => {
      if (w.name === 'MaxListenersExceededWarning') warnings.push(w);
    };
    process.on('warning', onWarning);
    try {
      const urls = Array.from({ length: 40 }, (_, i) => `http://example.org/gone/${i}`);
      const results = await Promise.all(
        urls.map((url) =>
          finder.find({ url, windowEnd: '2021-04-10', windowStart: null, contentType: null }),
        ),
      );
      expect(results).toHaveLength(40);
      expect(results.every((r) => r.capture === null)).toBe(true);
      // Warnings are emitted on a later tick.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
      await finder.close();
    }
    expect(warnings.map((w) => w.message)).toEqual([]);
  });
});
