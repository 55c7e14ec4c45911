// A pattern that does not compile would silently match nothing: such a run checks the wrong
// links without a word. Refused before any request, with the regex engine's own reason.
import type { CheckOptions } from '../config/options.js';
import { compilePatterns } from './plan.js';

/** Every --include/--exclude pattern that is not a valid regular expression, as a problem. */
export function patternProblems(options: Pick<CheckOptions, 'include' | 'exclude'>): string[] {
  const problems: string[] = [];
  for (const [flag, patterns] of [
    ['--include', options.include],
    ['--exclude', options.exclude],
  ] as const) {
    for (const p of compilePatterns(patterns).bad) {
      let why = 'invalid';
      try {
        new RegExp(p, 'i');
      } catch (err) {
        why = (err as Error).message;
      }
      problems.push(`${flag} ${JSON.stringify(p)}: not a valid regular expression (${why})`);
    }
  }
  return problems;
}
