import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { EditError } from './ops.js';

/**
 * Where one link of one entry sits in the parsed document: written as a bare URL (a scalar
 * item of the `links` list) or as a mapping, each either in block or in flow style.
 */
export type LinkSite =
  | { kind: 'bare'; scalar: Scalar; list: YAMLSeq; flow: boolean }
  | { kind: 'map'; map: YAMLMap; url: Scalar; flow: boolean };

type Found<T> = { ok: true; value: T } | { ok: false; error: EditError };

const fail = (code: EditError['code'], message: string): { ok: false; error: EditError } => ({
  ok: false,
  error: { code, message },
});

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p): p is Pair => isPair(p) && isScalar(p.key) && p.key.value === key);
}

/**
 * An anchored node is shared with every alias of it, and an alias is someone else's node:
 * editing either would change places nobody asked to change.
 */
export function shared(node: unknown): boolean {
  return isAlias(node) || Boolean((node as Node | null)?.anchor);
}

/** The mapping of the entry whose id is `entry`. */
export function locateEntry(doc: Document, entry: string): Found<YAMLMap> {
  const root = doc.contents;
  const entries = isMap(root) ? pairOf(root, 'entries')?.value : undefined;
  if (!isSeq(entries)) return fail('entry-not-found', 'the file has no "entries:" list');
  const item = entries.items.find((e) => {
    if (!isMap(e)) return false;
    const id = pairOf(e, 'id')?.value;
    return isScalar(id) && String(id.value) === entry;
  });
  if (!isMap(item)) return fail('entry-not-found', `no entry with id "${entry}"`);
  return { ok: true, value: item };
}

/** Finds link `link` (0-based) of the entry whose id is `entry`. */
export function locateLink(doc: Document, entry: string, link: number): Found<LinkSite> {
  const found = locateEntry(doc, entry);
  if (!found.ok) return found;
  const item = found.value;
  const links = pairOf(item, 'links')?.value;
  if (shared(links))
    return fail('unsupported-yaml', `entry "${entry}": links is an alias or anchored`);
  if (!isSeq(links) || links.items[link] === undefined)
    return fail('link-not-found', `entry "${entry}" has no link ${link + 1}`);
  const node = links.items[link];
  const where = `entry "${entry}", link ${link + 1}`;
  if (shared(node) || (isScalar(node) && node.tag))
    return fail('unsupported-yaml', `${where} is an alias, anchored or tagged: edit it by hand`);
  if (isScalar(node)) {
    return {
      ok: true,
      value: { kind: 'bare', scalar: node, list: links, flow: Boolean(links.flow) },
    };
  }
  if (isMap(node)) {
    const url = pairOf(node, 'url')?.value;
    if (!isScalar(url) || shared(url) || url.tag)
      return fail('unsupported-yaml', `${where}: its url is not a plain value: edit it by hand`);
    return { ok: true, value: { kind: 'map', map: node, url, flow: Boolean(node.flow) } };
  }
  return fail('unsupported-yaml', `${where} is neither a URL nor a mapping`);
}

/** The mapping's pair for `key`, for callers that check whether a field is already there. */
export function hasKey(map: YAMLMap, key: string): boolean {
  return pairOf(map, key) !== undefined;
}

/** The last pair of a mapping (where a new field goes after). */
export function lastPair(map: YAMLMap): Pair | undefined {
  const last = map.items.at(-1);
  return isPair(last) ? last : undefined;
}
