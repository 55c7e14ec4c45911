import { describe, expect, it } from 'vitest';
import { settledReport, summaryOf } from '../../src/check/run-report.js';
import type { ReportSummary, RunSummaryRecord } from '../../src/model/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { VERSION } from '../../src/version.js';

const emptySummary: ReportSummary = {
  total: 0,
  ok: 0,
  redirected: 0,
  dead: 0,
  error: 0,
  blocked: 0,
  skipped: 0,
};

const record = (id: string): RunSummaryRecord => ({
  id,
  startedAt: `${id}-start`,
  finishedAt: `${id}-end`,
  complete: true,
  network: 'ok',
  summary: emptySummary,
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

describe('settledReport', () => {
  it("stamps the run's end, leaves the run itself out of its history and records its line", async () => {
    const store = createMemoryStore({ runs: [record('older'), record('r1')] });
    await store.journal.begin({
      id: 'r1',
      startedAt: 's',
      finished: false,
      info: null,
      head: null,
    });
    const { source, record: line } = await settledReport(
      store,
      { id: 'r1', startedAt: 's', catalogues: ['urls.txt'], complete: false, language: 'fr' },
      { status: 'down', hostsChecked: 4, hostsUnreachable: 4 },
      () => new Date('2026-06-01T00:00:00Z'),
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
    await store.journal.begin({
      id: 'r1',
      startedAt: 's',
      finished: false,
      info: null,
      head: null,
    });
    const { source } = await settledReport(
      store,
      { id: 'r1', startedAt: 's', catalogues: [], complete: true },
      { status: 'ok', hostsChecked: 0, hostsUnreachable: 0 },
      () => new Date('2026-06-01T00:00:00Z'),
    );
    expect('language' in source.head.run).toBe(false);
  });
});
