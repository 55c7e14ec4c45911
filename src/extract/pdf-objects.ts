import { constants, inflateSync } from 'node:zlib';
import { type Encryption, openEncryption } from './pdf-crypt.js';
import { asName, asNumber, dictGet, type PdfValue, parseValue, skipSpace } from './pdf-syntax.js';

/**
 * An index of the indirect objects found in a PDF prefix: plain `N G obj ... endobj` objects
 * found by scanning (no xref table needed, so a truncated file or a broken xref still works),
 * plus the objects packed into compressed object streams (/Type /ObjStm, PDF 1.5+).
 */

export interface PdfObject {
  num: number;
  gen: number;
  /** Read from a compressed object stream: its strings are not encrypted on their own. */
  packed: boolean;
  value: PdfValue;
  /** Where this object's raw stream data lies in the source, if it has a stream. */
  stream: { start: number; end: number } | null;
  /** Byte offset of the object header (objects from object streams: their stream's). */
  offset: number;
}

export interface PdfIndex {
  src: string;
  objects: Map<number, PdfObject>;
  /** Trailer dictionaries (classic `trailer` and cross-reference streams), in file order. */
  trailers: PdfValue[];
  /** Remaining budget of inflated bytes; shared by every stream decoded for this file. */
  inflateBudget: number;
  /** How strings and streams are encrypted (see pdf-crypt.ts). */
  encryption: Encryption;
}

/** Bounds on decompression: a small prefix must not expand into gigabytes (zip bombs). */
export const MAX_STREAM_OUTPUT = 8 * 1024 * 1024;
export const MAX_TOTAL_INFLATE = 32 * 1024 * 1024;
/** Object streams unpacked per file; real files have a handful to a few hundred. */
const MAX_OBJECT_STREAMS = 2000;

const OBJ_HEADER = /(\d{1,10})\s+(\d{1,5})\s+obj(?![^\s()<>[\]{}/%])/g;

export function buildIndex(src: string): PdfIndex {
  const index: PdfIndex = {
    src,
    objects: new Map(),
    trailers: [],
    inflateBudget: MAX_TOTAL_INFLATE,
    encryption: { kind: 'none' },
  };
  const xrefStreams = scanPlainObjects(index);
  scanTrailers(index, xrefStreams);
  // Before unpacking: object streams of an encrypted file are encrypted streams.
  index.encryption = findEncryption(index);
  unpackObjectStreams(index);
  return index;
}

/**
 * The file's encryption, from the latest trailer that names it. Without a trailer (a prefix
 * of the file), an object that looks like a standard security handler dictionary still marks
 * the file as encrypted, so that its strings are not read as plain text.
 */
function findEncryption(index: PdfIndex): Encryption {
  let encrypt: PdfValue | undefined;
  let id: PdfValue | undefined;
  for (let i = index.trailers.length - 1; i >= 0; i--) {
    encrypt ??= dictGet(index.trailers[i], 'Encrypt');
    id ??= dictGet(index.trailers[i], 'ID');
  }
  let dict = resolve(index, encrypt);
  if (encrypt !== undefined && dict === undefined) {
    return { kind: 'unreadable', why: 'encryption dictionary not found', encryptMetadata: true };
  }
  if (dict === undefined) {
    for (const obj of index.objects.values()) {
      const v = obj.value;
      if (v.kind === 'dict' && v.entries.has('O') && v.entries.has('U') && v.entries.has('P')) {
        if (v.entries.has('Filter') && !v.entries.has('Type')) dict = v;
      }
    }
  }
  const first = id?.kind === 'array' ? id.items[0] : undefined;
  return openEncryption(dict, first?.kind === 'string' ? first.bytes : null);
}

/** Whether the data of this stream object is encrypted in an encrypted file. */
function streamEncrypted(index: PdfIndex, obj: PdfObject): boolean {
  if (index.encryption.kind === 'none') return false;
  const type = asName(dictGet(obj.value, 'Type'));
  // Cross-reference streams are never encrypted; metadata streams unless /EncryptMetadata.
  if (type === 'XRef') return false;
  if (type === 'Metadata' && !index.encryption.encryptMetadata) return false;
  return !identityCryptFilter(obj.value);
}

/** A stream that names the Identity crypt filter (ISO 32000-1 §7.4.10) is stored in clear. */
function identityCryptFilter(dict: PdfValue): boolean {
  const filter = dictGet(dict, 'Filter');
  const first = filter?.kind === 'array' ? filter.items[0] : filter;
  if (asName(first) !== 'Crypt') return false;
  const parms = dictGet(dict, 'DecodeParms');
  const p = parms?.kind === 'array' ? parms.items[0] : parms;
  const name = asName(dictGet(p, 'Name'));
  return name === undefined || name === 'Identity';
}

/**
 * The bytes of a string read from `holder` (the indirect object it was written in): decrypted
 * when the file is encrypted, null when it cannot be.
 */
export function stringBytes(
  index: PdfIndex,
  holder: PdfObject | undefined,
  bytes: Uint8Array,
): Uint8Array | null {
  const enc = index.encryption;
  if (enc.kind === 'none') return bytes;
  // Strings inside object streams are covered by the stream's own encryption.
  if (holder?.packed) return bytes;
  if (enc.kind === 'unreadable' || holder === undefined) return null;
  return enc.decryptor.decrypt('string', holder.num, holder.gen, bytes);
}

/** Scans `N G obj` headers; returns the cross-reference stream dictionaries met. */
function scanPlainObjects(index: PdfIndex): { offset: number; value: PdfValue }[] {
  const { src } = index;
  const xrefStreams: { offset: number; value: PdfValue }[] = [];
  OBJ_HEADER.lastIndex = 0;
  for (let m = OBJ_HEADER.exec(src); m !== null; m = OBJ_HEADER.exec(src)) {
    const headerEnd = m.index + m[0].length;
    let parsed: { value: PdfValue; end: number };
    try {
      parsed = parseValue(src, headerEnd);
    } catch {
      continue; // malformed or cut off: look for the next header
    }
    const num = Number(m[1]);
    const stream =
      parsed.value.kind === 'dict' ? findStream(index, parsed.value, parsed.end) : null;
    if (stream) OBJ_HEADER.lastIndex = Math.max(stream.end, headerEnd); // skip binary data
    // A later definition (incremental update) replaces an earlier one.
    index.objects.set(num, {
      num,
      gen: Number(m[2]),
      packed: false,
      value: parsed.value,
      stream,
      offset: m.index,
    });
    if (asName(dictGet(parsed.value, 'Type')) === 'XRef') {
      xrefStreams.push({ offset: m.index, value: parsed.value });
    }
  }
  return xrefStreams;
}

/** The span of the stream data after a stream dictionary, or null if none follows. */
function findStream(
  index: PdfIndex,
  dict: PdfValue,
  dictEnd: number,
): { start: number; end: number } | null {
  const { src } = index;
  const p = skipSpace(src, dictEnd);
  if (!src.startsWith('stream', p)) return null;
  let start = p + 6;
  if (src[start] === '\r') start++;
  if (src[start] === '\n') start++;
  // Trust /Length when it is direct and lands on `endstream`; otherwise search for it.
  const length = asNumber(dictGet(dict, 'Length'));
  if (length !== undefined && length >= 0 && start + length <= src.length) {
    const after = skipSpace(src, start + length);
    if (src.startsWith('endstream', after)) return { start, end: start + length };
  }
  const endKeyword = src.indexOf('endstream', start);
  if (endKeyword < 0) return { start, end: src.length }; // truncated inside the stream
  let end = endKeyword;
  if (src[end - 1] === '\n') end--;
  if (src[end - 1] === '\r') end--;
  return { start, end: Math.max(start, end) };
}

// Stateful (g, used with exec): scanTrailers resets lastIndex before its loop.
const TRAILER_KEYWORD = /trailer\s*<</g;

function scanTrailers(index: PdfIndex, xrefStreams: { offset: number; value: PdfValue }[]): void {
  const { src } = index;
  const found: { offset: number; value: PdfValue }[] = [];
  TRAILER_KEYWORD.lastIndex = 0;
  for (let m = TRAILER_KEYWORD.exec(src); m !== null; m = TRAILER_KEYWORD.exec(src)) {
    try {
      const r = parseValue(src, m.index + m[0].length - 2);
      found.push({ offset: m.index, value: r.value });
    } catch {
      // a cut-off trailer: ignore
    }
  }
  // Merge with cross-reference stream dictionaries, keeping file order.
  index.trailers = [...found, ...xrefStreams]
    .sort((a, b) => a.offset - b.offset)
    .map((t) => t.value);
}

/**
 * The decoded bytes of a stream: unfiltered or FlateDecode without a predictor. Truncated
 * deflate data yields what could be inflated (Z_SYNC_FLUSH); output is capped.
 */
export function streamBytes(index: PdfIndex, obj: PdfObject): Buffer | null {
  if (!obj.stream) return null;
  let raw: Buffer = Buffer.from(index.src.slice(obj.stream.start, obj.stream.end), 'latin1');
  if (streamEncrypted(index, obj)) {
    const enc = index.encryption;
    const clear = enc.kind === 'ok' ? enc.decryptor.decrypt('stream', obj.num, obj.gen, raw) : null;
    if (!clear) return null;
    raw = clear;
  }
  const filter = dictGet(obj.value, 'Filter');
  const filters = (
    filter === undefined
      ? []
      : filter.kind === 'array'
        ? filter.items.map((f) => asName(f))
        : [asName(filter)]
  ).filter((f) => f !== 'Crypt');
  if (filters.length === 0) return raw;
  if (filters.length !== 1 || (filters[0] !== 'FlateDecode' && filters[0] !== 'Fl')) return null;
  const parms = dictGet(obj.value, 'DecodeParms');
  const predictor = asNumber(
    dictGet(parms?.kind === 'array' ? parms.items[0] : parms, 'Predictor'),
  );
  if (predictor !== undefined && predictor > 1) return null;
  const limit = Math.min(MAX_STREAM_OUTPUT, index.inflateBudget);
  if (limit <= 0) return null;
  try {
    const out = inflateSync(raw, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: limit });
    index.inflateBudget -= out.length;
    return out;
  } catch {
    return null; // corrupt data, or more than the limit
  }
}

const WHITESPACE_RUN = /\s+/;

function unpackObjectStreams(index: PdfIndex): void {
  const containers = [...index.objects.values()]
    .filter((o) => o.stream && asName(dictGet(o.value, 'Type')) === 'ObjStm')
    .slice(0, MAX_OBJECT_STREAMS)
    // Later containers first: an earlier container's copy of an object is then skipped.
    .sort((a, b) => b.offset - a.offset);
  for (const container of containers) {
    const n = asNumber(dictGet(container.value, 'N'));
    const first = asNumber(dictGet(container.value, 'First'));
    if (n === undefined || first === undefined || n < 0 || first < 0) continue;
    const data = streamBytes(index, container);
    if (!data) continue;
    const text = data.toString('latin1');
    const pairs = text.slice(0, first).trim().split(WHITESPACE_RUN).map(Number);
    for (let i = 0; i < n && 2 * i + 1 < pairs.length; i++) {
      const num = pairs[2 * i]!;
      const rel = pairs[2 * i + 1]!;
      // The copy written last in the file wins: an incremental update comes after what it
      // replaces, as a plain object or packed in its own object stream (iText, Acrobat).
      const existing = index.objects.get(num);
      if (!Number.isInteger(num) || !Number.isInteger(rel)) continue;
      if (existing && existing.offset > container.offset) continue;
      try {
        const { value } = parseValue(text, first + rel);
        index.objects.set(num, {
          num,
          gen: 0,
          packed: true,
          value,
          stream: null,
          offset: container.offset,
        });
      } catch {
        // cut off by truncation: skip
      }
    }
  }
}

/** Follows references (a bounded number of hops) to a direct value. */
export function resolve(index: PdfIndex, v: PdfValue | undefined): PdfValue | undefined {
  let cur = v;
  for (let hops = 0; cur?.kind === 'ref' && hops < 8; hops++) {
    cur = index.objects.get(cur.num)?.value;
  }
  return cur?.kind === 'ref' ? undefined : cur;
}
