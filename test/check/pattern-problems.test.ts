import { describe, expect, it } from 'vitest';
import { patternProblems } from '../../src/check/pattern-problems.js';

describe('patternProblems', () => {
  it('names each pattern that does not compile, with its flag and the reason', () => {
    const problems = patternProblems({ include: ['docs/', '[unclosed'], exclude: ['(a'] });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^--include "\[unclosed": not a valid regular expression \(.*\)$/);
    expect(problems[0]).not.toContain('(invalid)');
    expect(problems[1]).toMatch(/^--exclude "\(a": not a valid regular expression/);
  });

  it('has nothing to say of valid patterns, case-insensitive ones included', () => {
    expect(patternProblems({ include: ['^https://', 'Example\\.org'], exclude: [] })).toEqual([]);
  });
});
