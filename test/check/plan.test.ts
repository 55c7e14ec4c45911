import { describe, expect, it } from 'vitest';
import { planTargets } from '../../src/check/plan.js';
import { defaultCheckOptions } from '../../src/config/options.js';
import type { Target } from '../../src/model/index.js';

const target = (url: string): Target => ({
  url,
  citations: [{ id: `list.txt:${url.length}`, file: 'list.txt', line: 1, title: url }],
});

describe('planTargets', () => {
  it('decides fetch or skip per target, with the reason and message of each skip', () => {
    const options = {
      ...defaultCheckOptions(),
      include: ['example'],
      exclude: ['private'],
    };
    const plan = planTargets(
      [
        target('https://example.org/a'),
        target('https://example.org/private/b'),
        target('https://other.test/c'),
        target('ftp://example.org/d'),
      ],
      options,
    );
    expect(plan.badPatterns).toEqual([]);
    expect(
      plan.items.map((i) =>
        i.kind === 'fetch'
          ? ['fetch', i.host]
          : [i.classification.reason, i.classification.message],
      ),
    ).toEqual([
      ['fetch', 'example.org'],
      ['excluded', 'Excluded by pattern private.'],
      ['excluded', 'Not matched by any --include pattern.'],
      ['unsupported-scheme', 'Scheme ftp: is not checked.'],
    ]);
  });

  it('shares one frozen classification among the targets skipped for the same reason', () => {
    const urls = Array.from({ length: 50 }, (_, i) => `https://h${i % 3}.example.org/${i}`);
    const plan = planTargets(urls.map(target), { ...defaultCheckOptions(), exclude: ['.*'] });
    const classifications = new Set(
      plan.items.map((i) => (i.kind === 'skip' ? i.classification : null)),
    );
    expect(classifications.size).toBe(1);
    const [only] = classifications;
    expect(only).toEqual({
      status: 'skipped',
      reason: 'excluded',
      message: 'Excluded by pattern .*.',
    });
    expect(Object.isFrozen(only)).toBe(true);
    // Each item still names its own target.
    expect(plan.items.map((i) => i.target.url)).toEqual(urls);
  });
});
