import { describe, expect, it } from 'vitest';
import type { Classification, LinkState } from '../../src/model/index.js';
import { applyHistory, needsHysteresis, nextLinkState } from '../../src/state/index.js';

const URL_ = 'https://www.example.org/report.pdf';

function run(c: Classification, days: string[]) {
  let state: LinkState | undefined;
  const verdicts: [string, string | null][] = [];
  for (const d of days) {
    const now = new Date(`${d}T06:00:00.000Z`);
    const r = applyHistory(c, state, now);
    verdicts.push([r.classification.status, r.classification.reason]);
    state = nextLinkState(state, {
      url: URL_,
      classification: r.classification,
      checkedAt: now.toISOString(),
    });
  }
  return verdicts;
}

describe('history rule for failures a failing server also gives', () => {
  it.each([
    ['truncated-body', 'The connection broke in the middle of the document.'],
    ['empty-page', 'The server answered 200 with an empty page.'],
  ] as const)('%s is an error until it lasts 3 runs over 14 days', (reason, message) => {
    const c: Classification = { status: 'error', reason, message };
    expect(needsHysteresis(c)).toBe(true);
    expect(run(c, ['2026-01-01', '2026-01-08', '2026-01-15'])).toEqual([
      ['error', reason],
      ['error', reason],
      ['dead', 'persistent-error'],
    ]);
  });

  it('calls a broken redirect chain dead at once: it is the server answer', () => {
    const c: Classification = { status: 'dead', reason: 'redirect-loop', message: 'A loop.' };
    expect(needsHysteresis(c)).toBe(false);
    expect(run(c, ['2026-01-01'])).toEqual([['dead', 'redirect-loop']]);
  });
});
