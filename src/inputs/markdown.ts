import { urlProblem } from '../catalogue/url.js';
import type { FoundLink, FoundLinks } from './found.js';

/**
 * Links in a Markdown file: inline links and images, reference definitions, autolinks and
 * bare URLs, each with its line. Code blocks (fenced and indented) and code spans are
 * skipped: URLs there are examples, not citations. Only http(s) URLs are taken; relative
 * links and other schemes are not this tool's business.
 *
 * This is a line scanner, not a full CommonMark parser: a link whose text spans several
 * lines is only found through its bare URL.
 */
export function parseMarkdownLinks(text: string, file: string): FoundLinks {
  const found: FoundLinks = { links: [], problems: [] };
  const add = (url: string, line: number, title: string) => {
    if (!/^https?:\/\//i.test(url)) return;
    const reason = urlProblem(url);
    if (reason) found.problems.push({ code: 'invalid-url', file, line, message: reason });
    else found.links.push({ url, line, title: cleanTitle(title) || url });
  };
  for (const { text: content, line } of proseLines(text)) {
    for (const link of linksInLine(content, line)) add(link.url, link.line, link.title);
  }
  return found;
}

interface ProseLine {
  text: string;
  line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const LIST_ITEM = /^ {0,3}([-+*]|\d{1,9}[.)])(\s|$)/;

/** The lines outside code blocks. Indented code is only recognised outside lists. */
function proseLines(text: string): ProseLine[] {
  const out: ProseLine[] = [];
  let fence: { char: string; length: number } | null = null;
  let prevBlank = true;
  let inIndentedCode = false;
  let inList = false;
  text.split(/\r?\n/).forEach((raw, i) => {
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
    const indent = /^( {4}|\t)/.test(raw);
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
    if (!blank) out.push({ text: raw, line });
  });
  return out;
}

/** Replaces code spans with spaces so nothing inside them is read as a link. */
function maskCodeSpans(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      out += text[i];
      i++;
      continue;
    }
    let run = 0;
    while (text[i + run] === '`') run++;
    const ticks = '`'.repeat(run);
    let close = text.indexOf(ticks, i + run);
    // A closing run must be exactly as long as the opening one.
    while (close !== -1 && text[close + run] === '`') {
      let end = close;
      while (text[end] === '`') end++;
      close = text.indexOf(ticks, end);
    }
    if (close === -1) {
      out += ticks;
      i += run;
    } else {
      out += ' '.repeat(close + run - i);
      i = close + run;
    }
  }
  return out;
}

const REFERENCE_DEF = /^ {0,3}\[([^\]]+)\]:[ \t]*(?:<([^>\s]*)>|(\S+))/;
/** An inline link or image whose text holds no brackets: innermost first. */
const INLINE_START = /!?\[([^[\]]*)\]\(/g;
const AUTOLINK = /<(https?:\/\/[^\s<>]*)>/gi;
const BARE = /https?:\/\/[^\s<>"'`]+/gi;

function linksInLine(raw: string, line: number): FoundLink[] {
  const links: FoundLink[] = [];
  let text = maskCodeSpans(raw);
  const def = REFERENCE_DEF.exec(text);
  if (def) {
    const url = def[2] ?? def[3] ?? '';
    return [{ url, line, title: def[1] ?? url }];
  }
  // Innermost links first; each is replaced by its text (URLs in it blanked) so that an
  // image inside a link leaves the outer link readable, and nothing is found twice.
  for (let guard = 0; guard < 100; guard++) {
    INLINE_START.lastIndex = 0;
    let replaced = false;
    for (let m = INLINE_START.exec(text); m; m = INLINE_START.exec(text)) {
      const dest = readDestination(text, m.index + m[0].length);
      if (!dest) continue;
      const label = m[1] ?? '';
      links.push({ url: dest.url, line, title: label });
      const shown = label.replace(/https?:\/\//gi, (s) => ' '.repeat(s.length));
      text = text.slice(0, m.index) + shown + text.slice(dest.end);
      replaced = true;
      break;
    }
    if (!replaced) break;
  }
  text = text.replace(AUTOLINK, (whole, url: string) => {
    links.push({ url, line, title: url });
    return ' '.repeat(whole.length);
  });
  for (const m of text.matchAll(BARE)) {
    const url = trimTrailing(m[0]);
    links.push({ url, line, title: url });
  }
  return links;
}

/**
 * Reads `url "title")` after an inline link's `(`: `<...>` or a run without spaces whose
 * parentheses balance (Wikipedia URLs contain them). Returns where the link ends.
 */
function readDestination(text: string, start: number): { url: string; end: number } | null {
  let i = start;
  while (text[i] === ' ') i++;
  let url = '';
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    if (close === -1) return null;
    url = text.slice(i + 1, close);
    i = close + 1;
  } else {
    let depth = 0;
    const from = i;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (/\s/.test(c)) break;
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      }
    }
    url = text.slice(from, i);
  }
  while (text[i] === ' ') i++;
  const quote = text[i];
  if (quote === '"' || quote === "'" || quote === '(') {
    const close = text.indexOf(quote === '(' ? ')' : quote, i + 1);
    if (close === -1) return null;
    i = close + 1;
    while (text[i] === ' ') i++;
  }
  if (text[i] !== ')') return null;
  return { url, end: i + 1 };
}

/** Drops sentence punctuation after a bare URL, and closing brackets it did not open. */
function trimTrailing(url: string): string {
  let u = url;
  for (;;) {
    const last = u[u.length - 1];
    if (last && '.,;:!?*_~'.includes(last)) u = u.slice(0, -1);
    else if (last === ')' && count(u, ')') > count(u, '(')) u = u.slice(0, -1);
    else if (last === ']' && count(u, ']') > count(u, '[')) u = u.slice(0, -1);
    else return u;
  }
}

function count(s: string, c: string): number {
  return s.split(c).length - 1;
}

function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').replace(/^[*_\s]+|[*_\s]+$/g, '');
}
