import type { PdfFacts } from '../model/index.js';
import { cleanTitle } from './fold.js';
import { parsePdfDate } from './pdf-dates.js';
import { joinPdfParts } from './pdf-join.js';
import {
  buildIndex,
  type PdfIndex,
  type PdfObject,
  resolve,
  streamBytes,
  stringBytes,
} from './pdf-objects.js';
import { asName, asNumber, dictGet, type PdfValue } from './pdf-syntax.js';
import { decodePdfString, decodeXmp, xmpTitle } from './pdf-text.js';
import { type XmpBiblio, xmpBiblio } from './pdf-xmp.js';

/**
 * PDF title and page count from the bytes the fetcher read (maybe only a prefix).
 *
 * Why a hand-written scanner and not pdfjs-dist or similar: those need Node 22 and the whole
 * file with a valid cross-reference table, while we hold a capped prefix and want two facts.
 * So we scan for `N G obj` headers instead of trusting the xref, unpack compressed object
 * streams (bounded inflate), and read only the Info dictionary, the XMP packet and the page
 * tree counts. Whatever the prefix does not contain comes back as null.
 */

/** Title, page count and bibliographic facts; see the model's PdfFacts for the order of trust. */
export type PdfMeta = PdfFacts;

export const EMPTY_PDF_META: Readonly<PdfMeta> = {
  title: null,
  pages: null,
  authors: [],
  created: null,
  modified: null,
  doi: null,
};

/** `%PDF-` within the first 1024 bytes (the spec tolerates junk before the header). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  return head.includes('%PDF-', 0, 'latin1');
}

/** `bytes`: the body read; `tail`: the file's last bytes when the body was cut (pdf-join.ts). */
export function extractPdfMeta(
  bytes: Uint8Array,
  tail?: { start: number; bytes: Uint8Array },
): PdfMeta {
  try {
    const src = joinPdfParts(
      latin1(bytes),
      tail ? { start: tail.start, src: latin1(tail.bytes) } : null,
    );
    const index = buildIndex(src);
    const root = resolve(index, latestTrailerEntry(index, 'Root'));
    const info = findInfo(index);
    const own = ownXmp(index, root);
    const xmp = own ? safeBiblio(own) : null;
    const authors = infoAuthors(index, info);
    return {
      title: infoText(index, info, 'Title') ?? readXmpTitle(index, root),
      pages: readPageCount(index, root),
      authors: authors.length > 0 ? authors : cleanNames(xmp?.authors ?? []),
      created: infoDate(index, info, 'CreationDate') ?? xmp?.created ?? xmp?.date ?? null,
      modified: infoDate(index, info, 'ModDate') ?? xmp?.modified ?? null,
      doi: xmp?.doi ?? null,
    };
  } catch {
    return { ...EMPTY_PDF_META, authors: [] };
  }
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/** The value of `key` in the latest trailer (classic or cross-reference stream) that has it. */
function latestTrailerEntry(index: PdfIndex, key: string): PdfValue | undefined {
  for (let i = index.trailers.length - 1; i >= 0; i--) {
    const v = dictGet(index.trailers[i], key);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The Info dictionary and the object it was written in (its strings' encryption key). */
interface Info {
  dict: PdfValue;
  holder: PdfObject | undefined;
}

function findInfo(index: PdfIndex): Info | null {
  const ref = latestTrailerEntry(index, 'Info');
  if (ref?.kind === 'ref') {
    const holder = index.objects.get(ref.num);
    if (holder?.value.kind === 'dict') return { dict: holder.value, holder };
  }
  const guessed = guessInfoDict(index);
  return guessed ? { dict: guessed.value, holder: guessed } : null;
}

/** A text string of the Info dictionary, decrypted if need be; null when absent or unreadable. */
function infoString(index: PdfIndex, info: Info | null, key: string): string | null {
  if (!info) return null;
  let value = dictGet(info.dict, key);
  let holder = info.holder;
  // An indirect string is encrypted with its own object's key.
  for (let hops = 0; value?.kind === 'ref' && hops < 8; hops++) {
    holder = index.objects.get(value.num);
    value = holder?.value;
  }
  if (value?.kind !== 'string') return null;
  const bytes = stringBytes(index, holder, value.bytes);
  if (bytes === null) return null;
  const text = decodePdfString(bytes);
  // A wrong key gives bytes that decode to control characters: no text rather than garbage.
  if (index.encryption.kind !== 'none' && hasControls(text)) return null;
  return text;
}

function hasControls(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) return true;
  }
  return false;
}

function infoText(index: PdfIndex, info: Info | null, key: string): string | null {
  return cleanTitle(infoString(index, info, key));
}

function infoDate(index: PdfIndex, info: Info | null, key: string): string | null {
  const raw = infoString(index, info, key);
  return raw === null ? null : parsePdfDate(raw);
}

const AUTHOR_SEPARATORS = /[;\n\r]+/;

/** Info /Author: one string, several names separated by semicolons (or line breaks). */
function infoAuthors(index: PdfIndex, info: Info | null): string[] {
  const raw = infoString(index, info, 'Author');
  return raw === null ? [] : cleanNames(raw.split(AUTHOR_SEPARATORS));
}

/**
 * Producers write the account name of whoever saved the file: such placeholders are not
 * authors (better none than a wrong one).
 */
const PLACEHOLDER_AUTHORS =
  /^(?:unknown|anonymous|author|user|admin|administrator|owner|default|utilisateur|auteur|microsoft office user|microsoft account|windows user|pc|hp|dell|lenovo|acer)$/i;

function cleanNames(names: string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const name = cleanTitle(n);
    if (name === null || PLACEHOLDER_AUTHORS.test(name) || out.includes(name)) continue;
    out.push(name);
  }
  return out;
}

const INFO_KEYS = ['Producer', 'Creator', 'CreationDate', 'ModDate', 'Author'];

/**
 * Without a trailer (the prefix stops before the end of a non-linearized file), the Info
 * dictionary is recognised by its keys: a /Title next to producer/date keys, and none of the
 * keys of outline items or annotations that also carry a /Title.
 */
function guessInfoDict(index: PdfIndex): PdfObject | undefined {
  let found: PdfObject | undefined;
  for (const obj of index.objects.values()) {
    const v = obj.value;
    if (v.kind !== 'dict' || !v.entries.has('Title')) continue;
    if (v.entries.has('Type') || v.entries.has('Parent') || v.entries.has('Subtype')) continue;
    if (INFO_KEYS.some((k) => v.entries.has(k))) found = obj;
  }
  return found;
}

/** The document's own XMP packet (the catalog's /Metadata), decoded; null when out of reach. */
function ownXmp(index: PdfIndex, root: PdfValue | undefined): string | null {
  const ref = dictGet(root, 'Metadata');
  const own = ref?.kind === 'ref' ? index.objects.get(ref.num) : undefined;
  const data = own ? streamBytes(index, own) : null;
  return data ? decodeXmp(data) : null;
}

function safeBiblio(xml: string): XmpBiblio | null {
  try {
    return xmpBiblio(xml);
  } catch {
    return null;
  }
}

function readXmpTitle(index: PdfIndex, root: PdfValue | undefined): string | null {
  // The document's own packet (catalog /Metadata) first, then any metadata stream, in file
  // order (the catalog may be missing from a prefix).
  const candidates: PdfObject[] = [];
  const ref = dictGet(root, 'Metadata');
  const own = ref?.kind === 'ref' ? index.objects.get(ref.num) : undefined;
  if (own) candidates.push(own);
  for (const obj of index.objects.values()) {
    if (obj !== own && obj.stream && asName(dictGet(obj.value, 'Type')) === 'Metadata') {
      candidates.push(obj);
    }
  }
  for (const obj of candidates) {
    const data = streamBytes(index, obj);
    const title = data ? cleanTitle(xmpTitle(decodeXmp(data))) : null;
    if (title !== null) return title;
  }
  return null;
}

function count(index: PdfIndex, v: PdfValue | undefined): number | null {
  const n = asNumber(resolve(index, v));
  return n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * Page count, most trustworthy first: the catalog's page tree root /Count; a /Pages node
 * without /Parent (a root, when the catalog is out of reach); the linearization
 * dictionary's /N; the largest /Count of any /Pages node seen (a lower bound).
 */
function readPageCount(index: PdfIndex, root: PdfValue | undefined): number | null {
  const fromCatalog = count(index, dictGet(resolve(index, dictGet(root, 'Pages')), 'Count'));
  if (fromCatalog !== null) return fromCatalog;

  let rootCount: number | null = null;
  let anyCount: number | null = null;
  let linearized: number | null = null;
  for (const obj of index.objects.values()) {
    const v = obj.value;
    if (v.kind !== 'dict') continue;
    if (v.entries.has('Linearized') && linearized === null) {
      linearized = count(index, v.entries.get('N'));
    }
    if (asName(v.entries.get('Type')) !== 'Pages') continue;
    const c = count(index, v.entries.get('Count'));
    if (c === null) continue;
    anyCount = Math.max(anyCount ?? 0, c);
    if (!v.entries.has('Parent')) rootCount = Math.max(rootCount ?? 0, c);
  }
  return rootCount ?? linearized ?? anyCount;
}
