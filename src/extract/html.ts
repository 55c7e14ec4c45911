import { parseDocument } from 'htmlparser2';
import type { PageBiblio, PageMeta } from '../model/index.js';
import { readBiblio } from './biblio/index.js';
import { cleanTitle, foldWhitespace, MAX_TEXT_CHARS } from './fold.js';
import { refreshOf } from './refresh.js';
import { pageSignals } from './signals.js';

/** What an HTML page says about itself. Strings are decoded, folded and capped. */
export interface HtmlMeta {
  htmlTitle: string | null;
  ogTitle: string | null;
  h1: string | null;
  canonical: string | null;
  lang: string | null;
  refresh: PageMeta['refresh'];
  text: string;
  /** Authors, dates, publisher, DOI... (src/extract/biblio). */
  biblio: PageBiblio;
  signals?: PageMeta['signals'];
}

/** The slice of the domhandler node shape we walk (cheerio does not re-export its types). */
interface DomNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
}

/** Elements whose content is never shown as text. */
const INVISIBLE = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'canvas',
  'svg',
  'math',
]);

/** Phrasing elements: their text joins the surrounding words without a space. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);

/**
 * htmlparser2 in HTML mode, not cheerio's default parse5: parse5 is quadratic on deep
 * nesting (30 000 unclosed <div>s, well within a 256 KiB prefix, take seconds) while
 * htmlparser2 stays linear on it; for reading a few elements the spec-exact tree of parse5
 * buys nothing. Both recover from anything, including a prefix cut in the middle of a tag.
 */
const PARSER_OPTIONS = { xmlMode: false, decodeEntities: true };

/**
 * Elements whose `<title>` is not the page's (document.title skips it): a graphic's own title
 * (svg, math), and markup browsers keep out of the document or read as text: template content,
 * noscript (a browser runs scripts, so its content is text), iframe, noembed and noframes (raw
 * text). htmlparser2 builds elements inside all of them. Their `<h1>` is not the page's heading
 * either: an app shell's `<noscript><h1>Enable JavaScript</h1>` is on every URL of the site, and
 * taken for the heading it made the page and a probe of a random URL "the same page".
 */
const TITLE_BLIND = new Set([
  'svg',
  'math',
  'template',
  'noscript',
  'iframe',
  'noembed',
  'noframes',
]);

/** Elements met during the single walk over the document, first of each kind. */
interface Landmarks {
  html?: DomNode;
  title?: DomNode;
  h1?: DomNode;
  body?: DomNode;
  baseHref?: string;
  ogTitle?: string;
  ogTitleByName?: string;
  canonicalHrefs: string[];
  /** Content of each `<meta http-equiv="refresh">` outside noscript/template, in order. */
  refreshContents: string[];
}

/**
 * Reads title, og:title, first h1, canonical URL, language and visible text.
 * One iterative walk over the tree instead of CSS selector queries: each query walks the
 * whole tree again, and on deep trees that adds up to seconds.
 */
export function extractHtml(html: string, responseUrl: string): HtmlMeta {
  // The parser's document itself: a cheerio wrapper (a class made per call) only cost time.
  const root = parseDocument(html, PARSER_OPTIONS) as unknown as DomNode;
  const marks = findLandmarks(root);

  const htmlTitle = marks.title ? cleanTitle(textContent(marks.title)) : null;
  const ogTitle = cleanTitle(marks.ogTitle ?? marks.ogTitleByName);
  const h1 = marks.h1 ? cleanTitle(textContent(marks.h1)) : null;

  const base = baseUrl(marks.baseHref, responseUrl);
  let canonical: string | null = null;
  for (const href of marks.canonicalHrefs) {
    canonical = resolveHttpUrl(href, base);
    if (canonical !== null) break; // skip an unusable one (javascript:, garbage)
  }

  const refresh = refreshOf(marks.refreshContents, base, resolveHttpUrl);

  const langAttr = marks.html?.attribs?.lang ?? marks.html?.attribs?.['xml:lang'];
  const lang = langAttr !== undefined && langAttr.trim() !== '' ? langAttr.trim() : null;

  // Without a <body> tag (htmlparser2 does not invent one), walk the whole document; <head>
  // and everything invisible are skipped anyway.
  const text = visibleText(marks.body ?? root);

  const biblio = readBiblio(root, base);
  const signals = pageSignals(root, responseUrl);

  return { htmlTitle, ogTitle, h1, canonical, lang, refresh, text, biblio, signals };
}

const WHITESPACE_RUN = /\s+/;

function findLandmarks(root: DomNode): Landmarks {
  const marks: Landmarks = { canonicalHrefs: [], refreshContents: [] };
  // [node, inside a TITLE_BLIND element, inside noscript/template]: a refresh in <noscript>
  // only sends script-less readers to a "turn on JavaScript" page.
  const stack: [DomNode, boolean, boolean][] = [[root, false, false]];
  while (stack.length > 0) {
    const [node, foreign, inert] = stack.pop()!;
    const name = node.type === 'tag' ? (node.name ?? '') : '';
    const attrs = node.attribs ?? {};
    if (name === 'html') marks.html ??= node;
    else if (name === 'title' && !foreign) marks.title ??= node;
    else if (name === 'h1' && !foreign) marks.h1 ??= node;
    else if (name === 'body') marks.body ??= node;
    else if (name === 'base' && attrs.href !== undefined) marks.baseHref ??= attrs.href;
    else if (name === 'meta' && attrs.content !== undefined) {
      if (attrs.property === 'og:title') marks.ogTitle ??= attrs.content;
      else if (attrs.name === 'og:title') marks.ogTitleByName ??= attrs.content;
      else if (!inert && attrs['http-equiv']?.trim().toLowerCase() === 'refresh') {
        marks.refreshContents.push(attrs.content);
      }
    } else if (name === 'link' && attrs.rel !== undefined && attrs.href !== undefined) {
      if (attrs.rel.toLowerCase().split(WHITESPACE_RUN).includes('canonical')) {
        marks.canonicalHrefs.push(attrs.href);
      }
    }
    const children = node.children;
    if (!children) continue;
    const childForeign = foreign || TITLE_BLIND.has(name);
    const childInert = inert || name === 'noscript' || name === 'template';
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push([children[i]!, childForeign, childInert]);
    }
  }
  return marks;
}

/** Concatenated text under `node` (as textContent), bounded for pathological input. */
function textContent(node: DomNode): string {
  let out = '';
  const stack: DomNode[] = [node];
  while (stack.length > 0 && out.length < MAX_TEXT_CHARS) {
    const n = stack.pop()!;
    if (n.type === 'text') out += n.data ?? '';
    const children = n.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/** The document base: <base href> resolved against the response URL, if it is usable. */
function baseUrl(href: string | undefined, responseUrl: string): string {
  if (href === undefined) return responseUrl;
  try {
    return new URL(href.trim(), responseUrl).href;
  } catch {
    return responseUrl;
  }
}

/** An absolute http(s) URL without its fragment, or null. */
function resolveHttpUrl(href: string, base: string): string | null {
  const trimmed = href.trim();
  if (trimmed === '') return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Folded visible text under `root`, stopping once enough has been collected. */
function visibleText(root: DomNode): string {
  const parts: string[] = [];
  let length = 0;
  // Iterative walk: deeply nested garbage must not overflow the stack.
  const stack: DomNode[] = [root];
  while (stack.length > 0 && length < MAX_TEXT_CHARS * 2) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      const data = node.data ?? '';
      parts.push(data);
      // Count what survives folding, so indentation-only nodes do not end the walk early.
      const trimmed = data.trim().length;
      if (trimmed > 0) length += trimmed + 1;
      continue;
    }
    if (node.type === 'separator') {
      // Not counted: thousands of empty nested blocks must not end the walk early.
      parts.push(node.data ?? '');
      continue;
    }
    if ((node.type !== 'tag' && node.type !== 'root') || !node.children) continue;
    const name = node.name ?? '';
    if (INVISIBLE.has(name) || node.attribs?.hidden !== undefined) continue;
    const separator = INLINE.has(name) ? '' : ' ';
    // Children pushed in reverse so they pop in document order, framed by separators.
    if (separator) stack.push({ type: 'separator', data: separator });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    if (separator) stack.push({ type: 'separator', data: separator });
  }
  const folded = foldWhitespace(parts.join(''));
  if (folded.length <= MAX_TEXT_CHARS) return folded;
  // Cut at a word boundary when one is close, so the last word is not a fragment.
  const cut = folded.slice(0, MAX_TEXT_CHARS);
  const space = cut.lastIndexOf(' ');
  return (space > MAX_TEXT_CHARS - 64 ? cut.slice(0, space) : cut).trimEnd();
}
