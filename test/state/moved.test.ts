import { describe, expect, it } from 'vitest';
import type { Classification, LinkState } from '../../src/model/index.js';
import { nextLinkState } from '../../src/state/index.js';
import { checkState } from '../../src/state/validate.js';

const ok: Classification = { status: 'ok', reason: null, message: 'ok' };
const moved: Classification = {
  status: 'redirected',
  reason: 'moved-permanently',
  message: 'moved',
};
const blocked: Classification = { status: 'blocked', reason: 'http-403', message: 'blocked' };

function run(steps: [Classification, string | null, string | null][]): LinkState | undefined {
  let state: LinkState | undefined;
  steps.forEach(([classification, movedTo, title], i) => {
    state = nextLinkState(state, {
      url: 'https://a.test/x',
      classification,
      checkedAt: `2026-01-0${i + 1}T06:00:00.000Z`,
      title,
      movedTo,
    });
  });
  return state;
}

describe('moved (permanent move history)', () => {
  it('counts runs seeing the same target and keeps the title from before the move', () => {
    const s = run([
      [ok, null, 'Old title'],
      [moved, 'https://b.test/y', 'New title'],
      [moved, 'https://b.test/y', 'New title'],
    ]);
    expect(s?.moved).toEqual({
      to: 'https://b.test/y',
      since: '2026-01-02T06:00:00.000Z',
      runs: 2,
      titleBefore: 'Old title',
    });
  });

  it('starts again on a new target (title before the first move kept), survives a blocked run, ends when the move ends', () => {
    const again = run([
      [ok, null, 'Old title'],
      [moved, 'https://b.test/y', 'B'],
      [blocked, null, null],
      [moved, 'https://c.test/z', 'C'],
    ]);
    expect(again?.moved).toEqual({
      to: 'https://c.test/z',
      since: '2026-01-04T06:00:00.000Z',
      runs: 1,
      titleBefore: 'Old title',
    });
    const kept = run([
      [moved, 'https://b.test/y', 'B'],
      [blocked, null, null],
      [moved, 'https://b.test/y', 'B'],
    ]);
    expect(kept?.moved?.runs).toBe(2);
    expect(kept?.moved?.titleBefore).toBeNull();
    const gone = run([
      [moved, 'https://b.test/y', 'B'],
      [ok, null, 'B'],
    ]);
    expect(gone).not.toHaveProperty('moved');
  });

  it('survives the JSON state file, and a malformed one is refused', () => {
    const link = run([[moved, 'https://b.test/y', 'B']])!;
    const good = checkState({ schema: 'rotwatch/state@1', links: { [link.url]: link }, runs: [] });
    expect(good.ok && good.value.links[link.url]?.moved).toEqual(link.moved);
    const bad = checkState({
      schema: 'rotwatch/state@1',
      links: { [link.url]: { ...link, moved: { to: 1 } } },
      runs: [],
    });
    expect(bad.ok).toBe(false);
  });
});
