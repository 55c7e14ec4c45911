import zlib from 'node:zlib';
import { parseContentType } from '../extract/headers.js';
import { PDF_TYPES, SNIFF_BYTES, sniffUnknown, UNKNOWN_TYPES } from '../extract/sniff.js';
import type { BodySink, BodySource } from './exchange.js';
import { gzipHeaderLength } from './gzip-header.js';

/** Enough for the head, an h1 and some text. */
export const TEXT_BODY_LIMIT = 256 * 1024;

/**
 * The MIME type as the extractor reads it; '' when absent or not `type/subtype` (`pdf`, `html`,
 * an empty header): browsers sniff such a body as if it were unlabelled, and so do we.
 */
function mimeTypeOf(contentType: string | undefined): string {
  return parseContentType(contentType) ?? '';
}

/** Bytes of (decompressed) body worth reading for this Content-Type; 0 means none. */
export function bodyLimitFor(
  contentType: string | undefined,
  maxBodyBytes: number,
  force = false,
): number {
  const textLimit = Math.min(maxBodyBytes, TEXT_BODY_LIMIT);
  if (force) return textLimit;
  const type = mimeTypeOf(contentType);
  if (PDF_TYPES.has(type)) return maxBodyBytes;
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
  const type = mimeTypeOf(contentType);
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

/**
 * Codings that compress with a method rotwatch cannot undo: the bytes would be useless. Any
 * other unknown value (`utf-8`, `none`, `binary`, `8bit`: servers put a charset or a transfer
 * word there) is ignored, as Chromium ignores it, and the body read as it is.
 */
const UNDECODABLE = new Set([
  'compress',
  'x-compress',
  'zstd',
  'dcb',
  'dcz',
  'pack200-gzip',
  'exi',
]);

/** Content-Encoding list in the order to undo them; null when one cannot be undone. */
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
    else if (UNDECODABLE.has(enc)) return null;
  }
  return out;
}

/** What a stage pauses when its input is full: the body, or the stage before it. */
interface Upstream {
  resume(): void;
}

/** A step of decoding: takes encoded chunks as a sink, gives decoded ones to the next. */
interface Stage extends BodySink, Upstream {
  upstream: Upstream;
  destroy(): void;
}

/**
 * A zlib stream between two sinks. "deflate" is meant to be zlib-wrapped, but some servers send
 * raw deflate: its first byte picks the inflater (a zlib header has compression method 8 in its
 * low nibble). gzip is a raw inflater after a header read by hand (gzip-header.ts: what follows
 * the first member is ignored, as Chromium ignores it). `data` answers false while zlib's input
 * is full; 'drain' resumes the upstream.
 */
function stage(decoder: Decoder, next: BodySink): Stage {
  let z: zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress | null = null;
  let failed = false;
  // gzip bytes held until the member header is whole.
  let held = Buffer.alloc(0);
  const self: Stage = {
    upstream: { resume() {} },
    data(chunk) {
      if (z) return z.write(chunk);
      if (decoder !== 'gzip') {
        z = open(chunk);
        return z.write(chunk);
      }
      held = Buffer.concat([held, chunk]);
      const headerLength = gzipHeaderLength(held);
      if (headerLength === null) return true;
      // Not a gzip header: gunzip reports it as it always did.
      z = wire(headerLength < 0 ? zlib.createGunzip() : zlib.createInflateRaw());
      return z.write(headerLength < 0 ? held : held.subarray(headerLength));
    },
    end() {
      // A body too short to hold a gzip header: gunzip reports it.
      if (!z && held.length > 0) z = wire(zlib.createGunzip()).end(held);
      else if (z) z.end();
      else next.end();
    },
    error(err) {
      if (failed) return;
      failed = true;
      z?.destroy();
      next.error(err);
    },
    resume() {
      z?.resume();
    },
    destroy() {
      failed = true;
      z?.destroy();
    },
  };
  const wire = <T extends NonNullable<typeof z>>(stream: T): T => {
    stream.on('data', (chunk: Buffer) => {
      if (!next.data(chunk)) stream.pause();
    });
    stream.on('end', () => next.end());
    stream.on('error', (err) => self.error(err));
    stream.on('drain', () => self.upstream.resume());
    return stream;
  };
  const open = (first: Buffer) =>
    wire(
      decoder === 'br'
        ? zlib.createBrotliDecompress()
        : first.length > 0 && (first[0]! & 0x0f) === 8
          ? zlib.createInflate()
          : zlib.createInflateRaw(),
    );
  return self;
}

export interface BodyRead {
  bytes: Uint8Array;
  /** Stopped before the end: cap reached, or the stream failed part-way. */
  truncated: boolean;
  /** Why the stream failed part-way, if it did. */
  error: unknown;
}

/**
 * Reads at most `limit` decompressed bytes, then stops (the exchange is aborted: no draining).
 * Decompression is streamed, so a bomb costs at most about one chunk past the cap.
 * `resniff`, when given, sets a new limit once the first SNIFF_BYTES are in (limitAfterSniff);
 * `atLimit`, when given, may raise the limit once, when it is reached (long-head.ts).
 */
export function readCapped(
  body: BodySource,
  contentEncoding: string | undefined,
  initialLimit: number,
  resniff?: (head: Uint8Array) => number,
  atLimit?: (limit: number, read: () => Uint8Array) => number,
): Promise<BodyRead> {
  const decoders = decodersFor(contentEncoding);
  // Unknown encoding: the bytes are useless to the extractor, don't read them.
  if (decoders === null || initialLimit <= 0) {
    body.cancel();
    return Promise.resolve({ bytes: new Uint8Array(0), truncated: true, error: null });
  }
  return new Promise((resolve) => {
    let limit = initialLimit;
    let sniffed = resniff === undefined;
    let raise = atLimit;
    const chunks: Buffer[] = [];
    let total = 0;
    let finished = false;
    const stages: Stage[] = [];
    const finish = (truncated: boolean, error: unknown) => {
      if (finished) return;
      finished = true;
      if (truncated) {
        body.cancel();
        for (const s of stages) s.destroy();
      }
      resolve({ bytes: new Uint8Array(Buffer.concat(chunks, total)), truncated, error });
    };
    const collector: BodySink = {
      data(buf) {
        if (finished) return false;
        if (!sniffed && total + buf.length >= SNIFF_BYTES) {
          sniffed = true;
          const head = Buffer.concat([...chunks, buf], total + buf.length);
          limit = resniff!(head.subarray(0, SNIFF_BYTES));
        }
        if (total + buf.length > limit && raise !== undefined) {
          const r = raise;
          raise = undefined;
          limit = Math.max(
            limit,
            r(limit, () => Buffer.concat([...chunks, buf], total + buf.length)),
          );
        }
        if (total + buf.length > limit) {
          chunks.push(buf.subarray(0, limit - total));
          total = limit;
          finish(true, null);
          return false;
        }
        chunks.push(buf);
        total += buf.length;
        return true;
      },
      end: () => finish(false, null),
      error: (err) => finish(true, err),
    };
    // Built from the collector back to the body: decoders[0] is undone first.
    let sink: BodySink = collector;
    for (let i = decoders.length - 1; i >= 0; i--) {
      const s = stage(decoders[i]!, sink);
      stages.unshift(s);
      sink = s;
    }
    stages.forEach((s, i) => {
      s.upstream = i === 0 ? body : stages[i - 1]!;
    });
    body.pipe(sink);
  });
}
