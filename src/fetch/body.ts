import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { SNIFF_BYTES, sniffUnknown, UNKNOWN_TYPES } from '../extract/sniff.js';

/** Enough for the head, an h1 and some text. */
export const TEXT_BODY_LIMIT = 256 * 1024;

/** Bytes of (decompressed) body worth reading for this Content-Type; 0 means none. */
export function bodyLimitFor(
  contentType: string | undefined,
  maxBodyBytes: number,
  force = false,
): number {
  const textLimit = Math.min(maxBodyBytes, TEXT_BODY_LIMIT);
  if (force) return textLimit;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf' || type === 'application/x-pdf') return maxBodyBytes;
  if (
    type === '' || // unlabelled: let the extractor sniff it
    UNKNOWN_TYPES.has(type) || // "I don't know" types: the same, see limitAfterSniff
    type.startsWith('text/') ||
    type === 'application/xhtml+xml' ||
    type === 'application/xml' ||
    type.endsWith('+xml')
  ) {
    return textLimit;
  }
  return 0;
}

/**
 * The limit once the first bytes are in (SNIFF_BYTES, or the whole body if shorter), for a
 * body read with `initial` (bodyLimitFor's answer): a body that turns out to be a PDF is read
 * as a PDF (up to `maxBodyBytes`) whatever its label said; one labelled with an "unknown" type
 * that is neither a PDF nor HTML/XML is not read further (a download: nothing to extract).
 */
export function limitAfterSniff(
  contentType: string | undefined,
  maxBodyBytes: number,
  initial: number,
  head: Uint8Array,
): number {
  if (initial <= 0 || initial >= maxBodyBytes) return initial;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const sniffable = type === '' || UNKNOWN_TYPES.has(type);
  const kind = sniffUnknown(head);
  const startsPdf =
    head.byteLength >= 5 && Buffer.from(head.subarray(0, 5)).toString('latin1') === '%PDF-';
  if (startsPdf || (sniffable && kind === 'pdf')) return maxBodyBytes;
  if (UNKNOWN_TYPES.has(type) && kind !== 'html' && kind !== 'xml') {
    return Math.min(initial, SNIFF_BYTES);
  }
  return initial;
}

type Decoder = 'gzip' | 'deflate' | 'br';

/** Content-Encoding list in the order to undo them; null when one is unknown. */
export function decodersFor(contentEncoding: string | undefined): Decoder[] | null {
  const list = (contentEncoding ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '' && s !== 'identity');
  const out: Decoder[] = [];
  for (const enc of list.reverse()) {
    if (enc === 'gzip' || enc === 'x-gzip') out.push('gzip');
    else if (enc === 'deflate') out.push('deflate');
    else if (enc === 'br') out.push('br');
    else return null;
  }
  return out;
}

/**
 * "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: peek at the first
 * byte (a zlib header has compression method 8 in its low nibble) and pick the inflater.
 */
function inflateAuto(source: Readable): Readable {
  const it = source[Symbol.asyncIterator]();
  return Readable.from(
    (async function* () {
      const first = await it.next();
      if (first.done) return;
      const chunk = first.value as Buffer;
      const inflater =
        chunk.length > 0 && (chunk[0]! & 0x0f) === 8
          ? zlib.createInflate()
          : zlib.createInflateRaw();
      const rest = Readable.from(
        (async function* () {
          yield chunk;
          for (;;) {
            const r = await it.next();
            if (r.done) return;
            yield r.value as Buffer;
          }
        })(),
      );
      yield* pipeline(rest, inflater, () => {});
    })(),
    { objectMode: false },
  );
}

function decoded(body: Readable, decoders: Decoder[]): Readable {
  let stream = body;
  for (const d of decoders) {
    if (d === 'deflate') {
      stream = inflateAuto(stream);
      continue;
    }
    const z = d === 'gzip' ? zlib.createGunzip() : zlib.createBrotliDecompress();
    stream = pipeline(stream, z, () => {});
  }
  return stream;
}

export interface BodyRead {
  bytes: Uint8Array;
  /** Stopped before the end: cap reached, or the stream failed part-way. */
  truncated: boolean;
  /** Why the stream failed part-way, if it did. */
  error: unknown;
}

/**
 * Reads at most `limit` decompressed bytes, then stops (the caller aborts the request: no
 * draining). Decompression is streamed, so a bomb costs at most about one chunk past the cap.
 * `resniff`, when given, sets a new limit once the first SNIFF_BYTES are in (limitAfterSniff).
 */
export async function readCapped(
  body: Readable,
  contentEncoding: string | undefined,
  initialLimit: number,
  resniff?: (head: Uint8Array) => number,
): Promise<BodyRead> {
  let limit = initialLimit;
  let sniffed = resniff === undefined;
  const decoders = decodersFor(contentEncoding);
  // Unknown encoding: the bytes are useless to the extractor, don't read them.
  if (decoders === null || limit <= 0) {
    body.destroy();
    return { bytes: new Uint8Array(0), truncated: true, error: null };
  }
  const stream = decoders.length > 0 ? decoded(body, decoders) : body;
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  let error: unknown = null;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      if (!sniffed && total + buf.length >= SNIFF_BYTES) {
        sniffed = true;
        const head = Buffer.concat([...chunks, buf], total + buf.length);
        limit = resniff!(head.subarray(0, SNIFF_BYTES));
      }
      if (total + buf.length > limit) {
        chunks.push(buf.subarray(0, limit - total));
        total = limit;
        truncated = true;
        break;
      }
      chunks.push(buf);
      total += buf.length;
    }
  } catch (err) {
    truncated = true;
    error = err;
  } finally {
    stream.destroy();
    body.destroy();
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks, total)), truncated, error };
}
