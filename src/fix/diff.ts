import { structuredPatch } from 'diff';

const COLOURS = {
  del: '\u001b[31m',
  add: '\u001b[32m',
  hunk: '\u001b[36m',
  head: '\u001b[1m',
  reset: '\u001b[0m',
};

/**
 * Characters a terminal would act on (escape sequences, other C0/C1 controls, bidirectional
 * overrides) out of a line shown in colour; tabs stay. Plain output is the exact patch.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const TRAILING_CR = /\r$/;

/**
 * A unified diff (`--- a/file`, `+++ b/file`, 3 lines of context) of one file's edit, or '' when
 * nothing changed. Without colour the text is an exact patch (`git apply` takes it, CRLF
 * included); with colour, lines are cleaned for the terminal.
 */
export function renderDiff(file: string, before: string, after: string, colour: boolean): string {
  if (before === after) return '';
  const patch = structuredPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, {
    context: 3,
  });
  const paint = (code: keyof typeof COLOURS, line: string) =>
    colour
      ? `${COLOURS[code]}${line.replace(TRAILING_CR, '').replace(UNSAFE, '')}${COLOURS.reset}`
      : line;
  const out = [paint('head', `--- a/${file}`), paint('head', `+++ b/${file}`)];
  for (const h of patch.hunks) {
    out.push(paint('hunk', `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`));
    for (const line of h.lines) {
      if (line.startsWith('\\'))
        out.push(line); // "\ No newline at end of file"
      else if (line.startsWith('-')) out.push(paint('del', line));
      else if (line.startsWith('+')) out.push(paint('add', line));
      else out.push(colour ? line.replace(TRAILING_CR, '').replace(UNSAFE, '') : line);
    }
  }
  return `${out.join('\n')}\n`;
}
