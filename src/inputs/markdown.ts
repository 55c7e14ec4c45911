import { urlProblem } from '../catalogue/url.js';
import type { FoundLink, FoundLinks } from './found.js';
import { maskCodeSpans, proseLines } from './markdown-prose.js';

const HTTP_SCHEME = /^https?:\/\//i;

/**
 * Links in a Markdown file: inline links and images, reference definitions, autolinks and
 * bare URLs, each with its line. Code blocks (fenced and indented), code spans and HTML
 * comments are skipped: URLs there are examples or switched off, not citations. Only
 * http(s) URLs are taken; relative links and other schemes are not this tool's business.
 *
 * This is a line scanner, not a full CommonMark parser: a link whose text spans several
 * lines is only found through its bare URL.
 */
export function parseMarkdownLinks(text: string, file: string): FoundLinks {
  const found: FoundLinks = { links: [], problems: [] };
  const add = (url: string, line: number, title: string) => {
    if (!HTTP_SCHEME.test(url)) return;
    const reason = urlProblem(url);
    if (reason) found.problems.push({ code: 'invalid-url', file, line, message: reason });
    else found.links.push({ url, line, title: cleanTitle(title) || url });
  };
  for (const { text: content, line } of proseLines(text)) {
    for (const link of linksInLine(content, line)) add(link.url, link.line, link.title);
  }
  return found;
}

const REFERENCE_DEF = /^ {0,3}\[([^\]]+)\]:[ \t]*(?:<([^>\s]*)>|(\S+))/;
const AUTOLINK = /<(https?:\/\/[^\s<>]*)>/gi;
const BARE = /https?:\/\/[^\s<>"'`]+/gi;
/** Longest link destination read; longer ones are not URLs anyone cites. */
const MAX_DESTINATION = 4096;
/** Deepest bracket nesting followed; deeper brackets are plain text. */
const MAX_BRACKETS = 32;

function linksInLine(raw: string, line: number): FoundLink[] {
  const text = maskCodeSpans(raw);
  const def = REFERENCE_DEF.exec(text);
  if (def) {
    const url = unescapeDestination(def[2] ?? def[3] ?? '');
    return [{ url, line, title: def[1] ?? url }];
  }
  const links: FoundLink[] = [];
  let rest = inlineLinks(text, line, links);
  rest = rest.replace(AUTOLINK, (whole, url: string) => {
    links.push({ url, line, title: url });
    return ' '.repeat(whole.length);
  });
  for (const m of rest.matchAll(BARE)) {
    const url = trimTrailing(m[0]);
    links.push({ url, line, title: url });
  }
  return links;
}

const HTTP_SCHEMES = /https?:\/\//gi;

/**
 * Finds `[text](url)` and `![alt](url)` in one left-to-right pass, innermost first, so an
 * image inside a link yields both. Returns the line with each link replaced by its text
 * (URL schemes in it blanked), for the autolink and bare-URL passes that follow.
 * Linear time: a failed destination is not read again from inside.
 */
function inlineLinks(text: string, line: number, links: FoundLink[]): string {
  const out: string[] = [];
  const openers: number[] = []; // indexes into `out` where a `[` or `![` was written
  let skipUntil = 0;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if ((c === '[' || (c === '!' && text[i + 1] === '[')) && openers.length < MAX_BRACKETS) {
      openers.push(out.length);
      const mark = c === '!' ? '![' : '[';
      out.push(mark);
      i += mark.length;
      continue;
    }
    if (c === ']' && text[i + 1] === '(' && openers.length > 0 && i >= skipUntil) {
      const opener = openers.pop()!;
      const dest = readDestination(text, i + 2);
      if (dest.ok) {
        const label = out.slice(opener + 1).join('');
        links.push({ url: unescapeDestination(dest.url), line, title: label });
        out.length = opener;
        out.push(label.replace(HTTP_SCHEMES, (s) => ' '.repeat(s.length)));
        i = dest.end;
        continue;
      }
      skipUntil = dest.end;
    } else if (c === ']' && text[i + 1] !== '(') {
      openers.pop(); // `[text]` that is not a link: its brackets are closed
    }
    out.push(c);
    i++;
  }
  return out.join('');
}

type Destination = { ok: true; url: string; end: number } | { ok: false; end: number };

/**
 * Reads `url "title")` after an inline link's `(`: `<...>` or a run without spaces whose
 * parentheses balance (Wikipedia URLs contain them). `end` is past the `)` on success, or
 * where reading stopped.
 */
function readDestination(text: string, start: number): Destination {
  const limit = Math.min(text.length, start + MAX_DESTINATION);
  let i = start;
  while (text[i] === ' ') i++;
  let url = '';
  if (text[i] === '<') {
    const close = indexBefore(text, '>', i, limit);
    if (close === -1) return { ok: false, end: limit };
    url = text.slice(i + 1, close);
    i = close + 1;
  } else {
    let depth = 0;
    const from = i;
    for (; i < limit; i++) {
      const c = text[i]!;
      if (c === ' ' || c === '\t') break;
      if (c === '\\' && i + 1 < limit) {
        i++; // an escaped character, `\)` included, is part of the URL
        continue;
      }
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
    const close = indexBefore(text, quote === '(' ? ')' : quote, i + 1, limit);
    if (close === -1) return { ok: false, end: limit };
    i = close + 1;
    while (text[i] === ' ') i++;
  }
  if (text[i] !== ')') return { ok: false, end: Math.max(i, start) };
  return { ok: true, url, end: i + 1 };
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  num: '#',
  percnt: '%',
  equals: '=',
  quest: '?',
  sol: '/',
};

const BACKSLASH_ESCAPE_OR_ENTITY =
  /\\([!-/:-@[-`{-~])|&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/**
 * A link destination as CommonMark reads it: backslash escapes (`Foo_\(bar\)`) and entity
 * references (`?a=1&amp;b=2`, written by tools that escape for HTML) are resolved. Left as
 * they are, the URL checked would not be the one readers follow (a backslash becomes `%5C`,
 * `&amp;b` a parameter named `amp;b`), and a live page would be reported dead.
 */
export function unescapeDestination(url: string): string {
  return url.replace(
    BACKSLASH_ESCAPE_OR_ENTITY,
    (whole, escaped?: string, hex?: string, dec?: string, name?: string) => {
      if (escaped !== undefined) return escaped;
      if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : '\ufffd';
    },
  );
}

/** indexOf that gives up at `limit`, so a missing delimiter costs a bounded scan. */
function indexBefore(text: string, char: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) if (text[i] === char) return i;
  return -1;
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

const WHITESPACE_RUNS = /\s+/g;
const EDGE_EMPHASIS = /^[*_\s]+|[*_\s]+$/g;

function cleanTitle(title: string): string {
  return title.replace(WHITESPACE_RUNS, ' ').replace(EDGE_EMPHASIS, '');
}
