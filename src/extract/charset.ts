import { TextDecoder as WhatwgDecoder } from '@exodus/bytes/encoding.js';
import sniffHTMLEncoding from 'html-encoding-sniffer';
import { extractMimeType } from './content-type.js';
import { detectUndeclared } from './detect-encoding.js';
import { missingLabel, missingMetaLabel, xmlDeclarationCharset } from './labels.js';

/**
 * Byte-to-text decoding for response bodies.
 *
 * Order follows the WHATWG encoding sniffing algorithm: BOM > transport (Content-Type charset)
 * > <meta> prescan of the first 1024 bytes > a <meta> later in the head > an XML declaration
 * at byte 0 (Chromium's, labels.ts) > fallback. html-encoding-sniffer implements the first
 * three, for the labels it knows (labels.ts has the others browsers know). A declaration past 1024 bytes is what the
 * HTML tree builder's "change the encoding" step finds once the parser reaches it, and what
 * Chromium's meta charset parser looks for as long as it is in the head (it stops at the first
 * tag that cannot be in a head, past the first 1024 bytes): we do as Chromium does. The
 * fallback is ours: a body that is valid UTF-8 is UTF-8 (most undeclared pages today are),
 * a clearly Chinese, Japanese or Korean one its multi-byte encoding (as Chromium's detector
 * finds it: detect-encoding.ts), anything else windows-1252 (the WHATWG default for most
 * locales).
 *
 * Decoding is the Encoding Standard's, byte for byte, through @exodus/bytes (a WHATWG decoder in
 * JavaScript that passes the web-platform tests). Not Node's TextDecoder: Node 20.20 with full
 * ICU drops windows-1252's 0x80–0x9F (€ ’ œ – gone) and reads KOI8-U 0xAE as ╬, not ў. Not
 * iconv-lite either: it turns the bytes browsers map to C1 controls in windows-125x into U+FFFD,
 * has its own KOI8-U, Macintosh and x-mac-cyrillic (0xFF is € on the web), Big5 and gb18030
 * tables, and no ISO-2022-JP at all.
 */

/** Returned by the sniffer when nothing was declared; not a valid encoding label. */
const UNDECLARED = 'x-rotwatch-undeclared';

export interface DecodedBody {
  text: string;
  /** Lower-cased WHATWG encoding name, e.g. `utf-8`, `windows-1252`, `utf-16le`. */
  charset: string;
}

/**
 * The `charset` parameter of a Content-Type header value, or null: of repeated headers, the one
 * the Fetch standard picks (content-type.ts). Single quotes are not quotes to the MIME standard,
 * but servers send `charset='utf-8'` and Chromium reads the label inside.
 */
export function charsetFromContentType(contentType: string | null): string | null {
  return extractMimeType(contentType)?.charset ?? null;
}

/** Whether the bytes are well-formed UTF-8, tolerating a sequence cut off at the very end. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  // The UTF-8 TextDecoder is fine (only legacy single-byte decoders are affected); with
  // `stream: true` an incomplete final sequence is held back instead of reported.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Picks the encoding of a body: a WHATWG encoding name with its canonical case. */
export function sniffEncoding(body: Uint8Array, contentTypeHeader: string | null): string {
  const label = charsetFromContentType(contentTypeHeader);
  // A header label browsers know and the sniffer does not (labels.ts); a BOM still wins.
  const missing = label === null ? null : missingLabel(label);
  if (missing !== null && !hasBom(body)) return missing;
  const sniffed = sniffHTMLEncoding(body, {
    ...(label !== null ? { transportLayerEncodingLabel: label } : {}),
    defaultEncoding: UNDECLARED,
  });
  if (sniffed !== UNDECLARED) return sniffed;
  return (
    lateMetaCharset(body) ??
    xmlDeclarationCharset(body) ??
    (isValidUtf8(body) ? 'UTF-8' : (detectUndeclared(body) ?? 'windows-1252'))
  );
}

function hasBom(b: Uint8Array): boolean {
  return (
    (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) ||
    (b[0] === 0xfe && b[1] === 0xff) ||
    (b[0] === 0xff && b[1] === 0xfe)
  );
}

/** Bytes Chromium reads whatever tags it meets (the prescan's length). */
const UNCONDITIONAL_BYTES = 1024;
/** Tags that keep Chromium's meta charset parser "in the head" (html and head: start tags). */
const HEAD_TAGS = new Set([
  'script',
  'noscript',
  'style',
  'link',
  'meta',
  'object',
  'title',
  'base',
]);
/**
 * Comments, raw-text elements (skipped whole: their `<meta` is text) and tags, on a latin1 view
 * of the bytes (every encoding a <meta> may declare is ASCII-compatible there).
 */
const HEAD_TOKENS =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|title|textarea|noscript|xmp)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][^\s/>]*)[^>]*>?|<[!?][^>]*>?/gi;

/**
 * A `<meta charset>` (or http-equiv Content-Type) in the head past the prescan's 1024 bytes, as
 * Chromium's meta charset parser finds it: it reads on while every tag so far could be in a
 * head (any other start tag, or any end tag but those of head elements, ends the head) and
 * stops at the first token past 1024 bytes once out of the head. The encoding named is mapped
 * as the prescan maps it (UTF-16 labels mean UTF-8); each `<meta>` tag is read by the prescan
 * itself, so its attribute rules apply. Also a `<meta>` anywhere the prescan looked, naming a
 * label browsers know and the sniffer does not (labels.ts). Null when there is none.
 */
export function lateMetaCharset(body: Uint8Array): string | null {
  const src = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  let inHead = true;
  HEAD_TOKENS.lastIndex = 0;
  for (let m = HEAD_TOKENS.exec(src); m !== null; m = HEAD_TOKENS.exec(src)) {
    const end = m.index + m[0].length;
    const rawText = m[1]?.toLowerCase();
    const name = rawText ?? m[3]?.toLowerCase();
    if (name !== undefined) {
      const closing = m[2] === '/';
      if (!closing && name === 'meta') {
        const found = sniffHTMLEncoding(body.subarray(m.index, end), {
          defaultEncoding: UNDECLARED,
        });
        if (found !== UNDECLARED) return found;
        const missing = missingMetaLabel(m[0]);
        if (missing !== null) return missing;
      }
      const headStart = !closing && (name === 'html' || name === 'head');
      if (!HEAD_TAGS.has(name) && !headStart) inHead = false;
    }
    if (!inHead && end >= UNCONDITIONAL_BYTES) return null;
  }
  return null;
}

/** Decodes `bytes` as the WHATWG encoding `name`; unknown names fall back to windows-1252. */
export function decodeAs(bytes: Uint8Array, name: string): string {
  // The replacement encoding has no TextDecoder (the standard keeps it out of the API).
  if (name === 'replacement') return bytes.length > 0 ? '\uFFFD' : '';
  let decoder: WhatwgDecoder;
  try {
    decoder = new WhatwgDecoder(name);
  } catch {
    decoder = new WhatwgDecoder('windows-1252');
  }
  // `stream`: a multi-byte sequence cut off by a truncated body is held back (dropped) rather
  // than turned into U+FFFD. The decoder strips a leading BOM of its own encoding.
  return decoder.decode(bytes, { stream: true });
}

/** Decodes a response body: see the module comment for how the encoding is chosen. */
export function decodeBody(body: Uint8Array, contentTypeHeader: string | null): DecodedBody {
  const name = sniffEncoding(body, contentTypeHeader);
  let text: string;
  try {
    text = decodeAs(body, name);
  } catch {
    text = decodeAs(body, 'windows-1252');
  }
  // Belt and braces: a BOM is never part of the text.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, charset: name.toLowerCase() };
}
