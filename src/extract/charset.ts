import { labelToName, TextDecoder as WhatwgDecoder } from '@exodus/bytes/encoding.js';
import sniffHTMLEncoding from 'html-encoding-sniffer';
import { extractMimeType } from './content-type.js';
import { detectUndeclared } from './detect-encoding.js';
import { missingMetaLabel, xmlDeclarationCharset } from './labels.js';

/**
 * Byte-to-text decoding for response bodies, as Chromium picks the encoding.
 *
 * HTML: BOM > transport (Content-Type charset) > a `<meta charset>` or http-equiv Content-Type
 * (metaCharset: anywhere in the first 1024 bytes, then as long as the head lasts) > an XML
 * declaration at byte 0 (Chromium's, labels.ts) > fallback. The WHATWG prescan looks at the
 * first 1024 bytes only and reads a `<meta>` inside a script or a style there too; Chromium's
 * meta charset parser is a tokenizer (a `<meta>` in a script's string is text to it) that reads
 * on past 1024 bytes while still in the head, which is also what the HTML tree builder's "change
 * the encoding" step finds once the parser reaches a late declaration: we do as Chromium does.
 * The fallback is ours: a body that is valid UTF-8 is UTF-8 (most undeclared pages today are),
 * a clearly Chinese, Japanese, Korean or Cyrillic one its legacy encoding (as Chromium's
 * detector finds it: detect-encoding.ts), anything else windows-1252 (the WHATWG default for
 * most locales).
 *
 * XML (XHTML served as application/xhtml+xml, text/xml...): BOM > transport > the XML
 * declaration > UTF-8, as XML says and browsers do; a `<meta>` is not a declaration there and
 * nothing is guessed.
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

/** How the body is parsed, which decides how its encoding is declared. */
export type Markup = 'html' | 'xml';

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
export function sniffEncoding(
  body: Uint8Array,
  contentTypeHeader: string | null,
  markup: Markup = 'html',
): string {
  const bom = bomEncoding(body);
  if (bom !== null) return bom;
  const label = charsetFromContentType(contentTypeHeader);
  // An unknown label is no declaration: the document's own is looked for.
  const transport = label === null ? null : labelToName(label);
  if (transport !== null) return transport;
  if (markup === 'xml') return xmlDeclarationCharset(body) ?? 'UTF-8';
  return (
    metaCharset(body) ??
    xmlDeclarationCharset(body) ??
    (isValidUtf8(body) ? 'UTF-8' : (detectUndeclared(body) ?? 'windows-1252'))
  );
}

/** The encoding a byte-order mark names (the Encoding Standard's BOM sniff), or null. */
function bomEncoding(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'UTF-8';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
  if (b[0] === 0xff && b[1] === 0xfe) return 'UTF-16LE';
  return null;
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
 * of the bytes (every encoding a <meta> may declare is ASCII-compatible there). The raw-text
 * elements are those Chromium's tokenizer switches state for, with scripting off as in its meta
 * charset parser: a `<meta>` in `<noscript>` or `<template>` counts (checked in Chromium 156).
 * A quoted attribute value may hold a `>` (`<meta name="a>b" charset=...>`); bounded, so that an
 * unclosed quote costs a bounded look-ahead.
 */
const HEAD_TOKENS =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|title|textarea|xmp|iframe|noembed|noframes)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][^\s/>]*)(?:[^>"'=]+|=\s*"[^"]{0,4096}"|=\s*'[^']{0,4096}'|[^>])*>?|<[!?][^>]*>?/gi;

/**
 * The first `<meta charset>` (or http-equiv Content-Type) as Chromium's meta charset parser
 * finds it: tokens, not bytes (comments and raw-text elements are skipped whole), anywhere in
 * the first 1024 bytes, and past them while every tag so far could be in a head (any other
 * start tag, or any end tag but those of head elements, ends the head; it stops at the first
 * token past 1024 bytes once out of the head). `<plaintext>` makes the rest text. The encoding
 * named is mapped as the prescan maps it (UTF-16 labels mean UTF-8, x-user-defined
 * windows-1252); each `<meta>` tag is read by html-encoding-sniffer's prescan, so its attribute
 * rules apply, and labels it does not know come from labels.ts. Null when there is none.
 */
export function metaCharset(body: Uint8Array): string | null {
  const src = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  let inHead = true;
  HEAD_TOKENS.lastIndex = 0;
  for (let m = HEAD_TOKENS.exec(src); m !== null; m = HEAD_TOKENS.exec(src)) {
    const end = m.index + m[0].length;
    const rawText = m[1]?.toLowerCase();
    const name = rawText ?? m[3]?.toLowerCase();
    if (name !== undefined) {
      const closing = m[2] === '/';
      if (!closing && name === 'plaintext') return null;
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
  let decoder: InstanceType<typeof WhatwgDecoder>;
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
export function decodeBody(
  body: Uint8Array,
  contentTypeHeader: string | null,
  markup: Markup = 'html',
): DecodedBody {
  const name = sniffEncoding(body, contentTypeHeader, markup);
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
