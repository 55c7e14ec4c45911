import { describe, expect, it } from 'vitest';
import { type SettledRun, settledReport, summaryOf } from '../../src/check/run-report.js';
import type { NetworkHealth } from '../../src/classify/index.js';
import type { RunSummaryRecord } from '../../src/model/index.js';
import type { HistoryStore } from '../../src/store/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { VERSION } from '../../src/version.js';

const record = (id: string): RunSummaryRecord => ({
  id,
  startedAt: `${id}-start`,
  finishedAt: `${id}-end`,
  complete: true,
  network: 'ok',
  summary: summaryOf({ counts: {}, notChecked: 0, drifted: 0, fixed: [] }),
});

describe('summaryOf', () => {
  it('gives every verdict a count, absent ones zero, and a total that adds them up', () => {
    const summary = summaryOf({
      counts: { ok: 5, dead: 2, error: 1 },
      notChecked: 1,
      drifted: 3,
      fixed: [],
    });
    expect(summary).toEqual({
      total: 8,
      ok: 5,
      redirected: 0,
      dead: 2,
      error: 1,
      blocked: 0,
      skipped: 0,
      notChecked: 1,
      drifted: 3,
    });
  });
});

/** The report of run r1, begun and settled with nothing in it. */
async function reportOfR1(
  store: HistoryStore,
  run: Omit<SettledRun, 'id' | 'startedAt'>,
  network: NetworkHealth,
) {
  await store.journal.begin({ id: 'r1', startedAt: 's', finished: false, info: null, head: null });
  return settledReport(
    store,
    { id: 'r1', startedAt: 's', ...run },
    network,
    () => new Date('2026-06-01T00:00:00Z'),
  );
}

describe('settledReport', () => {
  it("stamps the run's end, leaves the run itself out of its history and records its line", async () => {
    const store = createMemoryStore({ runs: [record('older'), record('r1')] });
    const { source, record: line } = await reportOfR1(
      store,
      { catalogues: ['urls.txt'], complete: false, language: 'fr' },
      { status: 'down', hostsChecked: 4, hostsUnreachable: 4 },
    );
    expect(source.head.run).toEqual({
      id: 'r1',
      startedAt: 's',
      finishedAt: '2026-06-01T00:00:00.000Z',
      toolVersion: VERSION,
      catalogues: ['urls.txt'],
      complete: false,
      language: 'fr',
      network: { status: 'down', hostsChecked: 4, hostsUnreachable: 4 },
    });
    // The report's trend is of the runs before it: a resumed run's own earlier line is not one.
    expect(source.head.history.map((r) => r.id)).toEqual(['older']);
    expect(line).toMatchObject({ id: 'r1', complete: false, network: 'down' });
    expect(line.summary.total).toBe(0);
  });

  it('states no language when the run has none', async () => {
    const store = createMemoryStore();
    const { source } = await reportOfR1(
      store,
      { catalogues: [], complete: true },
      { status: 'ok', hostsChecked: 0, hostsUnreachable: 0 },
    );
    expect('language' in source.head.run).toBe(false);
  });
});
