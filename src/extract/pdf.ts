import { cleanTitle } from './fold.js';
import { buildIndex, type PdfIndex, type PdfObject, resolve, streamBytes } from './pdf-objects.js';
import { asName, asNumber, dictGet, type PdfValue } from './pdf-syntax.js';
import { decodePdfString, decodeXmp, xmpTitle } from './pdf-text.js';

/**
 * PDF title and page count from the bytes the fetcher read (maybe only a prefix).
 *
 * Why a hand-written scanner and not pdfjs-dist or similar: those need Node 22 and the whole
 * file with a valid cross-reference table, while we hold a capped prefix and want two facts.
 * So we scan for `N G obj` headers instead of trusting the xref, unpack compressed object
 * streams (bounded inflate), and read only the Info dictionary, the XMP packet and the page
 * tree counts. Whatever the prefix does not contain comes back as null.
 */

export interface PdfMeta {
  title: string | null;
  pages: number | null;
}

/** `%PDF-` within the first 1024 bytes (the spec tolerates junk before the header). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  return head.includes('%PDF-', 0, 'latin1');
}

export function extractPdfMeta(bytes: Uint8Array): PdfMeta {
  try {
    const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const index = buildIndex(src);
    const root = resolve(index, latestTrailerEntry(index, 'Root'));
    return { title: readTitle(index, root), pages: readPageCount(index, root) };
  } catch {
    return { title: null, pages: null };
  }
}

/** The value of `key` in the latest trailer (classic or cross-reference stream) that has it. */
function latestTrailerEntry(index: PdfIndex, key: string): PdfValue | undefined {
  for (let i = index.trailers.length - 1; i >= 0; i--) {
    const v = dictGet(index.trailers[i], key);
    if (v !== undefined) return v;
  }
  return undefined;
}

function readTitle(index: PdfIndex, root: PdfValue | undefined): string | null {
  const info = resolve(index, latestTrailerEntry(index, 'Info')) ?? guessInfoDict(index);
  const titleValue = resolve(index, dictGet(info, 'Title'));
  const infoTitle =
    titleValue?.kind === 'string' ? cleanTitle(decodePdfString(titleValue.bytes)) : null;
  return infoTitle ?? readXmpTitle(index, root);
}

const INFO_KEYS = ['Producer', 'Creator', 'CreationDate', 'ModDate', 'Author'];

/**
 * Without a trailer (the prefix stops before the end of a non-linearized file), the Info
 * dictionary is recognised by its keys: a /Title next to producer/date keys, and none of the
 * keys of outline items or annotations that also carry a /Title.
 */
function guessInfoDict(index: PdfIndex): PdfValue | undefined {
  let found: PdfValue | undefined;
  for (const obj of index.objects.values()) {
    const v = obj.value;
    if (v.kind !== 'dict' || !v.entries.has('Title')) continue;
    if (v.entries.has('Type') || v.entries.has('Parent') || v.entries.has('Subtype')) continue;
    if (INFO_KEYS.some((k) => v.entries.has(k))) found = v;
  }
  return found;
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
