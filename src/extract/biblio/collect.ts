/**
 * One walk over a parsed HTML document collecting what bibliographic readers look at:
 * <meta> pairs, JSON-LD scripts, <link>s, <time>s of the article header, bylines marked
 * rel="author" or itemprop="author". Pure; the document is never changed.
 */

/** The slice of the domhandler node shape we read (cheerio does not re-export its types). */
export interface DomNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

export interface Collected {
  /**
   * Meta contents by lower-cased `name` or `property` ("citation_author", "og:site_name",
   * "dc.creator", "dcterms.issued": "DC:" and "DCTERMS:" written with a dot), in document
   * order; microdata as "itemprop:<name>". One key can repeat (citation_author).
   */
  metas: Map<string, string[]>;
  /** Text of each `<script type="application/ld+json">`. */
  jsonLd: string[];
  /** Every `<link rel href>`: rel lower-cased. */
  links: { rel: string; href: string }[];
  /** `datetime` of the first <time> inside an <article> or <header>, if any. */
  headerTime: string | null;
  /** Visible text of `rel="author"` links, in order. */
  relAuthors: string[];
  /** Text of the first element of the article or its header classed as a byline ("byline", "author"...). */
  classByline: string | null;
  /** `lang` of the <html> element, or null. */
  htmlLang: string | null;
}

/** At most this many JSON-LD blocks and meta values are kept (hostile pages repeat them). */
const MAX_BLOCKS = 32;
const MAX_VALUES_PER_KEY = 64;
/** A byline longer than this is a paragraph, not a name. */
const MAX_BYLINE = 200;

/** Elements whose subtree holds nothing we read. */
const SKIP = new Set(['style', 'svg', 'math', 'template', 'iframe', 'object', 'canvas']);

/** Class names themes give a byline (WordPress, Drupal, news CMSs), as whole tokens. */
const BYLINE_CLASSES = new Set([
  'byline',
  'author',
  'auteur',
  'author-name',
  'article-author',
  'post-author',
  'entry-author',
  'c-byline',
  'signature',
]);

const WHITESPACE_RUN = /\s+/;

function isBylineClass(cls: string | undefined): boolean {
  if (cls === undefined) return false;
  return cls
    .toLowerCase()
    .split(WHITESPACE_RUN)
    .some((c) => BYLINE_CLASSES.has(c));
}

const DUBLIN_CORE_PREFIX = /^(dc|dcterms):/;

function metaKey(raw: string): string {
  const k = raw.trim().toLowerCase();
  // "DC:creator", "dcterms:issued" as the dotted form most sites use.
  return k.replace(DUBLIN_CORE_PREFIX, '$1.');
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  if (key === '') return;
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list.length < MAX_VALUES_PER_KEY) list.push(value);
}

/** Concatenated text under a node, stopping past `cap` characters. */
export function textOf(node: DomNode, cap: number): string {
  let out = '';
  const stack: DomNode[] = [node];
  while (stack.length > 0 && out.length <= cap) {
    const n = stack.pop()!;
    if (n.type === 'text') out += n.data ?? '';
    const children = n.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

const AUTHOR_TOKEN = /(^|\s)author(\s|$)/i;

/** Walks the whole document once (iteratively: deep garbage must not overflow the stack). */
export function collect(root: DomNode): Collected {
  const out: Collected = {
    metas: new Map(),
    jsonLd: [],
    links: [],
    headerTime: null,
    relAuthors: [],
    classByline: null,
    htmlLang: null,
  };
  // [node, inside <article> or <header>]
  const stack: [DomNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, inHeader] = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'root') continue;
    const name = node.name ?? '';
    const a = node.attribs ?? {};
    if (name === 'html' && out.htmlLang === null) {
      const lang = (a.lang ?? a['xml:lang'] ?? '').trim();
      if (lang !== '') out.htmlLang = lang;
    } else if (name === 'meta') {
      const content = a.content;
      if (content !== undefined) {
        if (a.name !== undefined) push(out.metas, metaKey(a.name), content);
        if (a.property !== undefined) {
          // RDFa allows several properties in one attribute.
          for (const p of a.property.split(WHITESPACE_RUN)) push(out.metas, metaKey(p), content);
        }
        if (a.itemprop !== undefined) push(out.metas, `itemprop:${metaKey(a.itemprop)}`, content);
        const equiv = a['http-equiv']?.trim().toLowerCase();
        if (equiv === 'content-language') push(out.metas, 'http-equiv:content-language', content);
      }
      continue;
    } else if (name === 'script') {
      if ((a.type ?? '').trim().toLowerCase() === 'application/ld+json') {
        if (out.jsonLd.length < MAX_BLOCKS) out.jsonLd.push(textOf(node, 1_000_000));
      }
      continue;
    } else if (name === 'link' && a.href !== undefined) {
      out.links.push({ rel: (a.rel ?? '').trim().toLowerCase(), href: a.href });
      continue;
    } else if (name === 'time') {
      const when = a.datetime ?? a.content;
      if (a.itemprop !== undefined && when !== undefined) {
        push(out.metas, `itemprop:${metaKey(a.itemprop)}`, when);
      }
      if (inHeader && out.headerTime === null) {
        // Without a datetime attribute, the visible date ("12 mars 2021"), read strictly later.
        out.headerTime = a.datetime ?? textOf(node, MAX_BYLINE);
      }
    } else if (name === 'a' && AUTHOR_TOKEN.test(a.rel ?? '')) {
      const text = textOf(node, MAX_BYLINE);
      if (text.length <= MAX_BYLINE && out.relAuthors.length < MAX_VALUES_PER_KEY) {
        out.relAuthors.push(text);
      }
    } else if (a.itemprop !== undefined && AUTHOR_TOKEN.test(a.itemprop)) {
      // Microdata byline: <span itemprop="author"><span itemprop="name">Jean Dupont</span></span>
      const text = textOf(node, MAX_BYLINE);
      if (text.length <= MAX_BYLINE) push(out.metas, 'itemprop:author', text);
    }
    if (inHeader && out.classByline === null && name !== 'a' && isBylineClass(a.class)) {
      const text = textOf(node, MAX_BYLINE);
      if (text.length <= MAX_BYLINE) out.classByline = text;
    }
    if (SKIP.has(name)) continue;
    const children = node.children;
    if (!children) continue;
    const childInHeader = inHeader || name === 'article' || name === 'header';
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, childInHeader]);
  }
  return out;
}
