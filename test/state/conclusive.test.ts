import { describe, expect, it } from 'vitest';
import { assembleReport } from '../../src/check/assemble.js';
import type { LinkObservation } from '../../src/check/engine.js';
import type { Classification, RunState } from '../../src/model/index.js';
import { DEFAULT_HISTORY_POLICY, emptyState } from '../../src/state/index.js';

/*
 * Through the whole run assembly: the state a blocked run leaves behind must still let the
 * next run see the link as it was last seen conclusively.
 */

const URL_ = 'https://docs.example.org/guide.html';

function observe(c: Classification, at: string): LinkObservation {
  return {
    target: { url: URL_, citations: [{ id: 'guide', title: 'Guide', file: 'c.yaml', line: 3 }] },
    outcome: null,
    meta: null,
    classification: c,
    checkedAt: at,
    connectionFailure: false,
  };
}

function run(prior: RunState, c: Classification, day: string) {
  const at = `${day}T06:00:00.000Z`;
  return assembleReport({
    run: {
      id: day,
      startedAt: at,
      finishedAt: at,
      toolVersion: 'test',
      catalogues: ['c.yaml'],
      complete: true,
    },
    network: { status: 'ok', hostsChecked: 1, hostsUnreachable: 0 },
    observations: [observe(c, at)],
    prior,
    archives: new Map(),
    policy: DEFAULT_HISTORY_POLICY,
    now: new Date(at),
  });
}

const dead: Classification = { status: 'dead', reason: 'http-404', message: '404.' };
const blocked: Classification = { status: 'blocked', reason: 'http-403', message: '403.' };
const ok: Classification = { status: 'ok', reason: null, message: '200.' };

describe('a blocked week between two conclusive runs', () => {
  it('dead, blocked, ok: the last run reports the link fixed', () => {
    const first = run(emptyState(), dead, '2026-11-02');
    const second = run(first.state, blocked, '2026-11-09');
    const third = run(second.state, ok, '2026-11-16');
    expect(third.report.fixed).toEqual([
      expect.objectContaining({ url: URL_, previousStatus: 'dead', previousReason: 'http-404' }),
    ]);
  });

  it('dead, blocked, dead: still broken, not new this week', () => {
    const first = run(emptyState(), dead, '2026-11-02');
    const second = run(first.state, blocked, '2026-11-09');
    const third = run(second.state, dead, '2026-11-16');
    expect(third.report.links[0]).toMatchObject({
      status: 'dead',
      newFailure: false,
      failingSince: '2026-11-02T06:00:00.000Z',
      consecutiveFailures: 2,
    });
  });
});

describe('first sight of a failing link, through the digest and the HTML page', () => {
  it('a link blocked, in error or dead on its first run is "new", not "still broken"', async () => {
    const { renderHtml, renderMarkdown } = await import('../../src/report/index.js');
    const timeout: Classification = { status: 'error', reason: 'timeout', message: 'Slow.' };
    for (const c of [blocked, timeout, dead]) {
      const first = run(emptyState(), c, '2026-11-02');
      const md = renderMarkdown(first.report);
      expect(md).toContain('## New this week (1)');
      expect(md).toContain('## Still broken (0)');
      expect(renderHtml(first.report)).toContain(`data-status="${c.status}" data-change="new"`);
      // Seen again a week later: still broken, no longer new.
      const second = run(first.state, c, '2026-11-09');
      expect(renderMarkdown(second.report)).toContain('## Still broken (1)');
    }
  });
});
