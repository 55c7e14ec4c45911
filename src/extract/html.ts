import { load } from 'cheerio';
import { cleanTitle, foldWhitespace, MAX_TEXT_CHARS } from './fold.js';

/** What an HTML page says about itself. Strings are decoded, folded and capped. */
export interface HtmlMeta {
  htmlTitle: string | null;
  ogTitle: string | null;
  h1: string | null;
  canonical: string | null;
  lang: string | null;
  text: string;
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
 * Reads title, og:title, first h1, canonical URL, language and visible text.
 * The parser (parse5 through cheerio) recovers from anything, including a body prefix cut
 * in the middle of a tag, so a truncated page still yields what its prefix holds.
 */
export function extractHtml(html: string, responseUrl: string): HtmlMeta {
  const $ = load(html);

  // The first <title> that is not an SVG/MathML title (parse5 moves a stray one into place).
  const titleEl = $('title')
    .filter((_, el) => $(el).closest('svg, math').length === 0)
    .first();
  const htmlTitle = titleEl.length > 0 ? cleanTitle(titleEl.text()) : null;

  const ogContent =
    $('meta[property="og:title"]').first().attr('content') ??
    $('meta[name="og:title"]').first().attr('content');
  const ogTitle = cleanTitle(ogContent);

  const h1El = $('h1').first();
  const h1 = h1El.length > 0 ? cleanTitle(h1El.text()) : null;

  const base = baseUrl($('base[href]').first().attr('href'), responseUrl);
  let canonical: string | null = null;
  $('link[rel][href]').each((_, el) => {
    const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('canonical')) return true;
    canonical = resolveHttpUrl($(el).attr('href') ?? '', base);
    return canonical === null; // keep looking past an unusable one
  });

  const langAttr = $('html').first().attr('lang') ?? $('html').first().attr('xml:lang');
  const lang = langAttr !== undefined && langAttr.trim() !== '' ? langAttr.trim() : null;

  const body = $('body').get(0) as unknown as DomNode | undefined;
  const text = body ? visibleText(body) : '';

  return { htmlTitle, ogTitle, h1, canonical, lang, text };
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
      length += data.length;
      continue;
    }
    if (node.type !== 'tag' || !node.children) continue;
    const name = node.name ?? '';
    if (INVISIBLE.has(name) || node.attribs?.hidden !== undefined) continue;
    const separator = INLINE.has(name) ? '' : ' ';
    // Children pushed in reverse so they pop in document order, framed by separators.
    stack.push({ type: 'text', data: separator });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    stack.push({ type: 'text', data: separator });
  }
  const folded = foldWhitespace(parts.join(''));
  if (folded.length <= MAX_TEXT_CHARS) return folded;
  // Cut at a word boundary when one is close, so the last word is not a fragment.
  const cut = folded.slice(0, MAX_TEXT_CHARS);
  const space = cut.lastIndexOf(' ');
  return (space > MAX_TEXT_CHARS - 64 ? cut.slice(0, space) : cut).trimEnd();
}
