import type { InputProblem } from '../model/index.js';

/**
 * Characters that must not reach a terminal from file contents: C0 controls except newline,
 * DEL, C1 controls (some terminals act on them) and bidirectional overrides (text that
 * reads differently from what it is).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes control characters (C0 except newline, DEL, C1, bidi overrides). */
export function stripControl(text: string): string {
  return text.replace(UNSAFE, '');
}

/** Shortens text quoted from a file, so one absurd value cannot flood a report. */
export function clip(text: string, max = 80): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const LINE_BREAKS = /\r?\n/g;

/** One line per problem: `file:line: message (path)`, safe to print on a terminal. */
export function formatProblem(p: InputProblem): string {
  const where = `${p.file}:${p.line}`;
  const path = p.path ? ` (${p.path})` : '';
  // A problem is one line: newlines inside a message would break `file:line:` parsing.
  return stripControl(`${where}: ${p.message}${path}`.replace(LINE_BREAKS, ' '));
}

/** Orders problems by file, then line, keeping the discovery order among equals. */
export function sortProblems(problems: InputProblem[]): InputProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) =>
      a.p.file === b.p.file ? a.p.line - b.p.line || a.i - b.i : a.p.file < b.p.file ? -1 : 1,
    )
    .map(({ p }) => p);
}
