/*
 * A compact JSON encoding for the documents the SQLite history keeps a million of (link states,
 * report links): most of their bytes are key names and nulls, the same on every row. An object
 * is written as its "shape" (the list of its keys, kept once in a small dictionary and named by
 * a number), a bit mask of which values are not null, and those values only:
 *
 *   {"url":"u","status":"ok","title":null,"entries":[]}  ->  [7,11,"u","ok",[0]]
 *
 * - An array is `[0, ...items]`; a shaped object `[shape, mask, ...values]` (shape >= 1). Any
 *   other JSON value is itself; an object that gets no shape (no keys, keys that do not look
 *   like field names, too many of them, a full dictionary) stays a JSON object, values encoded.
 * - The top-level `url` equal to the row's key is left out (shape negated): it is the key.
 * - The text starts with `~` (never the start of JSON): a row written before this encoding
 *   existed, plain JSON, is read as it is.
 * - Decoding gives back the same document, key order included, so what a writer streams from
 *   the store is byte for byte what it was given.
 */

/** The shape dictionary: key lists <-> small numbers, kept by the store. */
export interface ShapeBook {
  /** The number of this key list, given one if new; null when the dictionary is full. */
  idOf(keys: readonly string[]): number | null;
  /** The key list of a number; throws when unknown (the history is damaged). */
  keysOf(id: number): readonly string[];
}

/** Keys that name fields, not data (a map keyed by URLs or headers would grow the dictionary). */
const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;
/** Masks are JSON numbers: exact up to 2^53. */
const MAX_KEYS = 52;

const MARK = '~';

export function encodeDoc(value: unknown, book: ShapeBook, rowUrl?: string): string {
  return MARK + JSON.stringify(encodeValue(value, book, rowUrl));
}

export function decodeDoc(text: string, book: ShapeBook, rowUrl?: string): unknown {
  if (!text.startsWith(MARK)) return JSON.parse(text);
  return decodeValue(JSON.parse(text.slice(1)), book, rowUrl);
}

function encodeValue(value: unknown, book: ShapeBook, rowUrl?: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return encodeValue((value as { toJSON(): unknown }).toJSON(), book);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [0];
    // JSON.stringify writes null for what JSON cannot hold in an array.
    for (const item of value) out.push(item === undefined ? null : encodeValue(item, book));
    return out;
  }
  const record = value as Record<string, unknown>;
  const keys = definedKeys(record);
  const id = shapeIdOf(keys, book);
  if (id === null) {
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = encodeValue(record[k], book);
    return out;
  }
  const omitUrl = rowUrl !== undefined && record.url === rowUrl;
  // Shape and mask first, filled in once the values are in: one array per object (a store
  // encodes a dozen objects per link, and their garbage was the run's largest).
  const out: unknown[] = [0, 0];
  let mask = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = record[k];
    if (v === null || (omitUrl && k === 'url')) continue;
    mask += 2 ** i;
    out.push(encodeValue(v, book));
  }
  out[0] = omitUrl ? -id : id;
  out[1] = mask;
  return out;
}

/** The keys JSON.stringify would write (undefined values are left out); no copy if all are. */
function definedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  for (const k of keys) {
    if (record[k] === undefined) return keys.filter((key) => record[key] !== undefined);
  }
  return keys;
}

/**
 * The shape of a key list already named, found by walking its keys (no string built, no key
 * tested again): a store encodes a few documents per link of a run, each a dozen objects of the
 * same few shapes, and naming each list anew (JSON text of the keys, a test of every key) was
 * most of the encoding's time. Only named lists enter the walk: keys that are data (a map keyed
 * by URLs) never make it grow.
 */
interface ShapeNode {
  id: number | null;
  next: Map<string, ShapeNode> | null;
}
const namedShapes = new WeakMap<ShapeBook, ShapeNode>();

function shapeIdOf(keys: readonly string[], book: ShapeBook): number | null {
  let root = namedShapes.get(book);
  if (!root) {
    root = { id: null, next: null };
    namedShapes.set(book, root);
  }
  let node: ShapeNode | undefined = root;
  for (let i = 0; node && i < keys.length; i++) node = node.next?.get(keys[i] as string);
  if (node && node !== root && node.id !== null) return node.id;
  const fits = keys.length > 0 && keys.length <= MAX_KEYS && keys.every((k) => FIELD_NAME.test(k));
  const id = fits ? book.idOf(keys) : null;
  if (id === null) return null;
  let at = root;
  for (const key of keys) {
    at.next ??= new Map();
    let child = at.next.get(key);
    if (!child) {
      child = { id: null, next: null };
      at.next.set(key, child);
    }
    at = child;
  }
  at.id = id;
  return id;
}

function decodeValue(value: unknown, book: ShapeBook, rowUrl?: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (!Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeValue(v, book);
    return out;
  }
  const tag = value[0] as number;
  if (tag === 0) {
    const out = new Array(value.length - 1);
    for (let i = 1; i < value.length; i++) out[i - 1] = decodeValue(value[i], book);
    return out;
  }
  const keys = book.keysOf(Math.abs(tag));
  const mask = value[1] as number;
  const keyed = tag < 0;
  const out: Record<string, unknown> = {};
  let next = 2;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const present = i < 30 ? (mask >> i) & 1 : Math.floor(mask / 2 ** i) % 2;
    if (present) out[k] = decodeValue(value[next++], book);
    else out[k] = keyed && k === 'url' ? (rowUrl ?? null) : null;
  }
  return out;
}

/** A dictionary in memory (tests; a store fills one from its table). */
export function memoryShapeBook(limit = 4_096): ShapeBook & { entries(): [number, string[]][] } {
  const ids = new Map<string, number>();
  const lists: string[][] = [];
  return {
    idOf(keys) {
      const name = JSON.stringify(keys);
      const known = ids.get(name);
      if (known !== undefined) return known;
      if (lists.length >= limit) return null;
      lists.push([...keys]);
      ids.set(name, lists.length);
      return lists.length;
    },
    keysOf(id) {
      const keys = lists[id - 1];
      if (!keys) throw new Error(`unknown document shape ${id}`);
      return keys;
    },
    entries: () => lists.map((keys, i) => [i + 1, keys]),
  };
}
