import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  visit,
  type YAMLMap,
} from 'yaml';

export type PathKey = string | number;

/**
 * The deepest YAML node along `path` (following aliases), and, when the last step is a
 * mapping key, that key's node. When the path leaves the document (a missing field), the
 * last node that exists is returned: its line is where the field should have been.
 */
export function nodeAt(
  doc: Document,
  path: readonly PathKey[],
): { node: Node | null; key: Node | null } {
  let node: unknown = doc.contents;
  let key: Node | null = null;
  for (const step of path) {
    if (isAlias(node)) node = aliasTargets(doc).get(node);
    if (isMap(node)) {
      const pair = keyIndex(node).get(String(step));
      if (!pair) break;
      key = pair.key as Node;
      // `field:` with nothing after it has no value node; the key still has a line.
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
      key = null;
      node = node.items[step];
    } else break;
  }
  return { node: (node as Node | null) ?? null, key };
}

const targets = new WeakMap<Document, Map<Alias, Node>>();

/**
 * What each alias points to, found in one pass (the latest anchor of that name before it).
 * `Alias.resolve` walks the whole document on every call.
 */
function aliasTargets(doc: Document): Map<Alias, Node> {
  let map = targets.get(doc);
  if (!map) {
    const found = new Map<Alias, Node>();
    const anchors = new Map<string, Node>();
    visit(doc, {
      Node(_, node) {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target) found.set(node, target);
        } else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
    targets.set(doc, found);
    map = found;
  }
  return map;
}

const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** Pairs of a mapping by key, built once per mapping: lookups stay cheap on huge maps. */
function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      // The first occurrence wins; a duplicate's own line is reported separately.
      if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) {
        index.set(String(p.key.value), p as Pair);
      }
    }
    indexes.set(map, index);
  }
  return index;
}

/** 1-based line where a node starts, or 1 when it has no position. */
export function lineOf(node: Node | null | undefined, counter: LineCounter): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

/** The plain value at `path`, or undefined. */
export function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let v = data;
  for (const step of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.hasOwn(v, step)) return undefined;
    v = (v as Record<PathKey, unknown>)[step];
  }
  return v;
}
