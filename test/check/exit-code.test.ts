import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../src/check/exit-code.js';
import { type Report, type ReportSummary, VERDICTS } from '../../src/model/index.js';

const summary = (counts: Partial<ReportSummary>) =>
  ({ total: 0, ...Object.fromEntries(VERDICTS.map((v) => [v, 0])), ...counts }) as ReportSummary;

const head = (
  counts: Partial<ReportSummary>,
  network: 'ok' | 'down' = 'ok',
): Pick<Report, 'run' | 'summary'> => ({
  run: {
    id: 'r',
    startedAt: 's',
    finishedAt: 'f',
    toolVersion: '0',
    catalogues: [],
    complete: true,
    network: { status: network, hostsChecked: 5, hostsUnreachable: network === 'down' ? 5 : 0 },
  },
  summary: summary(counts),
});

describe('exitCodeOf (from a report head)', () => {
  it('is 3 when the network was down, whatever else', () => {
    expect(exitCodeOf(head({ dead: 4 }, 'down'), 'dead', true)).toBe(3);
  });

  it('is 2 on problems, before any failing count', () => {
    expect(exitCodeOf(head({ dead: 1 }), 'dead', true)).toBe(2);
  });

  it('is 1 only for counts at or above --fail-on', () => {
    expect(exitCodeOf(head({ dead: 1 }), 'dead', false)).toBe(1);
    expect(exitCodeOf(head({ error: 2 }), 'dead', false)).toBe(0);
    expect(exitCodeOf(head({ error: 2 }), 'error', false)).toBe(1);
    expect(exitCodeOf(head({ redirected: 1 }), 'redirected', false)).toBe(1);
    expect(exitCodeOf(head({ dead: 3 }), 'none', false)).toBe(0);
  });

  it('is 0 for a clean run', () => {
    expect(exitCodeOf(head({ ok: 10, total: 10 }), 'redirected', false)).toBe(0);
  });
});
