/**
 * schema.org JSON-LD: the page's main creative work and what it says about itself. Pure and
 * forgiving: a block that will not parse (even after the usual repairs) is skipped, the
 * others still count; cycles and deep nesting are bounded.
 */
import { doiOf } from './doi.js';
import { cleanName, dedupeNames, splitNames } from './names.js';
import type { Reading } from './reading.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Node = { [k: string]: Json };

/** The work itself, most specific first: an article beats the web page that holds it. */
const WORK_TYPES = new Set([
  'article',
  'newsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'reportagenewsarticle',
  'reviewnewsarticle',
  'backgroundnewsarticle',
  'askpublicnewsarticle',
  'blogposting',
  'liveblogposting',
  'socialmediaposting',
  'discussionforumposting',
  'scholarlyarticle',
  'medicalscholarlyarticle',
  'techarticle',
  'apireference',
  'report',
  'thesis',
  'book',
  'chapter',
  'dataset',
  'creativework',
  'legislation',
  'guide',
  'howto',
  'presentationdigitaldocument',
  'digitaldocument',
  'videoobject',
  'podcastepisode',
]);
const PAGE_TYPES = new Set([
  'webpage',
  'itempage',
  'aboutpage',
  'collectionpage',
  'medicalwebpage',
  'faqpage',
  'qapage',
  'profilepage',
  'searchresultspage',
]);
/** What `isPartOf` can be when it names a journal or series (a WebSite names the site). */
const CONTAINER_TYPES = new Set([
  'periodical',
  'publicationissue',
  'publicationvolume',
  'creativeworkseries',
  'series',
  'bookseries',
  'book',
  'newspaper',
  'collection',
]);

const MAX_NODES = 2000;
const MAX_DEPTH = 12;

/** Control characters (below U+0020) as spaces, without a control-character regexp. */
function spacedControls(s: string): string {
  let out = '';
  for (const ch of s) out += ch.charCodeAt(0) < 0x20 ? ' ' : ch;
  return out;
}

const CDATA_OPEN = /^\s*(?:\/\/\s*)?<!\[CDATA\[/;
const CDATA_CLOSE = /(?:\/\/\s*)?\]\]>\s*$/;
const HTML_COMMENT_OPEN = /^\s*<!--/;
const HTML_COMMENT_CLOSE = /-->\s*$/;
const TRAILING_COMMA = /,(\s*[}\]])/g;

/** JSON as sites really write it: comments, CDATA, trailing commas, raw newlines in strings. */
export function parseLenient(text: string): Json | undefined {
  const stripped = text
    .replace(CDATA_OPEN, '')
    .replace(CDATA_CLOSE, '')
    .replace(HTML_COMMENT_OPEN, '')
    .replace(HTML_COMMENT_CLOSE, '')
    .trim();
  if (stripped === '') return undefined;
  const attempts = [
    stripped,
    stripped.replace(TRAILING_COMMA, '$1'),
    // Raw control characters (a newline inside a string) are not JSON; as spaces they are.
    spacedControls(stripped.replace(TRAILING_COMMA, '$1')),
  ];
  for (const attempt of attempts) {
    try {
      return JSON.parse(attempt) as Json;
    } catch {
      // next repair
    }
  }
  return undefined;
}

function isNode(v: Json | undefined): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asList(v: Json | undefined): Json[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

const SCHEMA_ORG_URL_PREFIX = /^https?:\/\/schema\.org\//i;
const SCHEMA_PREFIX = /^schema:/i;

function typesOf(node: Node): string[] {
  return asList(node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(SCHEMA_ORG_URL_PREFIX, '').replace(SCHEMA_PREFIX, '').toLowerCase());
}

/** Every object of every block, graphs and nested values included, bounded. */
function allNodes(blocks: readonly Json[]): Node[] {
  const out: Node[] = [];
  const seen = new Set<Node>();
  const stack: [Json, number][] = blocks.map((b) => [b, 0]);
  while (stack.length > 0 && out.length < MAX_NODES) {
    const [v, depth] = stack.shift()!;
    if (depth > MAX_DEPTH) continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push([x, depth + 1]);
    } else if (isNode(v) && !seen.has(v)) {
      seen.add(v);
      out.push(v);
      for (const x of Object.values(v)) if (typeof x === 'object') stack.push([x, depth + 1]);
    }
  }
  return out;
}

/** Resolves a bare `{"@id": ...}` reference against the nodes that carry that id. */
function resolver(nodes: readonly Node[]): (v: Json | undefined) => Json | undefined {
  const byId = new Map<string, Node>();
  for (const n of nodes) {
    const id = n['@id'];
    // The fullest node for an id wins over a bare reference to it.
    if (typeof id !== 'string') continue;
    const known = byId.get(id);
    if (known === undefined || Object.keys(n).length > Object.keys(known).length) byId.set(id, n);
  }
  return (v) => {
    if (!isNode(v) || typeof v['@id'] !== 'string') return v;
    return byId.get(v['@id']) ?? v;
  };
}

function str(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (isNode(v)) return str(v['@value']);
  return undefined;
}

/** A Person's or Organization's name: `name`, else given + family names. */
function nameOfAgent(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (!isNode(v)) return undefined;
  const name = str(v.name);
  if (name !== undefined) return name;
  const given = str(v.givenName);
  const family = str(v.familyName);
  if (given !== undefined || family !== undefined) {
    return [given, family].filter((x) => x !== undefined).join(' ');
  }
  return undefined;
}

function agentNames(
  v: Json | undefined,
  resolve: (v: Json | undefined) => Json | undefined,
): string[] {
  const names: string[] = [];
  for (const item of asList(v)) {
    const r = resolve(item);
    const name = nameOfAgent(r);
    if (name === undefined) continue;
    // An organisation's name is never split or reordered; a person's string is cleaned
    // ("By ...") and may hold several people.
    const isOrg = isNode(r) && typesOf(r).some((t) => t !== 'person');
    if (isOrg) {
      const clean = cleanName(name);
      if (clean !== null) names.push(clean);
    } else names.push(...splitNames(name));
  }
  return dedupeNames(names);
}

function containerName(
  v: Json | undefined,
  resolve: (v: Json | undefined) => Json | undefined,
): string | undefined {
  // An issue is part of a volume, part of a periodical: the periodical names the container.
  let node = resolve(asList(v)[0]);
  let best: string | undefined;
  for (let hops = 0; hops < 4 && isNode(node); hops++) {
    const types = typesOf(node);
    if (!types.some((t) => CONTAINER_TYPES.has(t))) break;
    best = str(node.name) ?? best;
    node = resolve(asList(node.isPartOf)[0]);
  }
  return best;
}

/** Keys that make a node the description of a work, not a mere mention of one. */
const DESCRIBING = [
  'headline',
  'name',
  'author',
  'creator',
  'datePublished',
  'dateModified',
  'publisher',
];

/**
 * The node of one of `types` that describes most (a page may mention other articles, or carry
 * an empty stub besides the full description); the first on ties.
 */
function pickWork(nodes: readonly Node[], types: ReadonlySet<string>): Node | undefined {
  let best: Node | undefined;
  let bestScore = -1;
  for (const n of nodes) {
    if (!typesOf(n).some((t) => types.has(t))) continue;
    const score = DESCRIBING.filter((k) => n[k] !== undefined).length;
    if (score > bestScore) {
      best = n;
      bestScore = score;
    }
  }
  return best;
}

/** What the JSON-LD blocks of a page say about the page's work. Never throws. */
export function readJsonLd(blocks: readonly string[]): Reading {
  const parsed = blocks.map(parseLenient).filter((b): b is Json => b !== undefined);
  const nodes = allNodes(parsed);
  if (nodes.length === 0) return {};
  const resolve = resolver(nodes);
  const work = pickWork(nodes, WORK_TYPES);
  const page = pickWork(nodes, PAGE_TYPES);
  const site = pickWork(nodes, new Set(['website']));
  // Fields missing on the article are taken from its web page (Yoast puts dates there).
  const from = (key: string): Json | undefined => work?.[key] ?? page?.[key];

  const reading: Reading = {};
  const title = str(work?.headline) ?? str(work?.name) ?? str(page?.headline) ?? str(page?.name);
  if (title !== undefined) reading.title = [title];
  const authors = agentNames(from('author') ?? from('creator'), resolve);
  if (authors.length > 0) reading.authors = authors;
  const published = str(from('datePublished')) ?? str(from('dateCreated'));
  if (published !== undefined) reading.published = [published];
  const modified = str(from('dateModified'));
  if (modified !== undefined) reading.modified = [modified];
  const publisher = agentNames(from('publisher'), resolve)[0];
  if (publisher !== undefined) reading.publisher = [publisher];
  const container = containerName(from('isPartOf'), resolve);
  if (container !== undefined) reading.container = [container];
  const partOf = resolve(asList(from('isPartOf'))[0]);
  const siteName =
    str(site?.name) ??
    (isNode(partOf) && typesOf(partOf).includes('website') ? str(partOf.name) : undefined);
  if (siteName !== undefined) reading.siteName = [siteName];
  const lang = str(from('inLanguage'));
  if (lang !== undefined) reading.lang = [lang];
  for (const v of [...asList(from('identifier')), ...asList(from('sameAs')), from('url')]) {
    const r = resolve(v);
    const doi = doiOf(str(isNode(r) ? (r.value ?? r['@id']) : r));
    if (doi !== null) {
      reading.doi = [doi];
      break;
    }
  }
  return reading;
}
