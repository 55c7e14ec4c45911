// What of a Markdown file is prose, where links are citations: its lines outside code blocks
// (fenced and indented) and HTML comments, and within a line the text outside code spans
// (markdown.ts reads the links in it).

export interface ProseLine {
  text: string;
  line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const LIST_ITEM = /^ {0,3}([-+*]|\d{1,9}[.)])(\s|$)/;

const LINE_BREAK = /\r?\n/;
const INDENTED_CODE = /^( {4}|\t)/;

/** The lines outside code blocks. Indented code is only recognised outside lists. */
export function proseLines(text: string): ProseLine[] {
  const out: ProseLine[] = [];
  let fence: { char: string; length: number } | null = null;
  let prevBlank = true;
  let inIndentedCode = false;
  let inList = false;
  const comments = commentStripper();
  text.split(LINE_BREAK).forEach((raw, i) => {
    const line = i + 1;
    if (fence) {
      const close = FENCE.exec(raw);
      if (
        close?.[1]?.[0] === fence.char &&
        close[1].length >= fence.length &&
        close[2]?.trim() === ''
      ) {
        fence = null;
      }
      return;
    }
    const open = FENCE.exec(raw);
    if (open?.[1] && !(open[1][0] === '`' && open[2]?.includes('`'))) {
      fence = { char: open[1][0]!, length: open[1].length };
      prevBlank = false;
      return;
    }
    const blank = raw.trim() === '';
    const indent = INDENTED_CODE.test(raw);
    if (!blank && !indent) {
      if (LIST_ITEM.test(raw)) inList = true;
      else if (prevBlank) inList = false;
    }
    if (!blank && indent && !inList && (prevBlank || inIndentedCode)) {
      inIndentedCode = true;
      return;
    }
    if (!blank) inIndentedCode = false;
    prevBlank = blank;
    if (blank) return;
    const visible = comments.strip(raw);
    if (visible.trim() !== '') out.push({ text: visible, line });
  });
  return out;
}

/**
 * Removes HTML comments (`<!-- ... -->`, possibly over several lines): a commented-out
 * link is not a citation. Keeps its state between calls, one call per line.
 */
function commentStripper(): { strip: (line: string) => string } {
  let inComment = false;
  return {
    strip(line) {
      let out = '';
      let i = 0;
      while (i < line.length) {
        if (inComment) {
          const end = line.indexOf('-->', i);
          if (end === -1) return out;
          inComment = false;
          i = end + 3;
        } else {
          const start = line.indexOf('<!--', i);
          if (start === -1) return out + line.slice(i);
          out += `${line.slice(i, start)} `;
          inComment = true;
          i = start + 4;
        }
      }
      return out;
    },
  };
}

/**
 * Replaces code spans with spaces so nothing inside them is read as a link. A span closes
 * at the next backtick run of the same length; runs are indexed first so that a line full
 * of unmatched backticks costs linear time, not quadratic.
 */
export function maskCodeSpans(text: string): string {
  if (!text.includes('`')) return text;
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let end = i;
    while (text[end] === '`') end++;
    runs.push({ start: i, length: end - i });
    i = end;
  }
  // For each run, the index of the next run of the same length.
  const next = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    const len = runs[r]!.length;
    next[r] = lastOfLength.get(len) ?? -1;
    lastOfLength.set(len, r);
  }
  let out = '';
  let from = 0;
  for (let r = 0; r < runs.length; ) {
    const close = next[r]!;
    if (close === -1) {
      r++;
      continue;
    }
    const open = runs[r]!;
    const end = runs[close]!.start + runs[close]!.length;
    out += text.slice(from, open.start) + ' '.repeat(end - open.start);
    from = end;
    r = close + 1;
  }
  return out + text.slice(from);
}
