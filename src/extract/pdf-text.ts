import { TextDecoder } from '@exodus/bytes/encoding.js';

/**
 * Text strings inside PDFs: document-information strings and XMP packets. UTF-16 and UTF-8 go
 * through the Encoding Standard's decoders (charset.ts): an unpaired surrogate becomes U+FFFD,
 * as pdfinfo shows it, never a lone surrogate that no JSON or SQLite text can hold.
 */

const utf16be = new TextDecoder('utf-16be');
const utf16le = new TextDecoder('utf-16le');
const utf8 = new TextDecoder('utf-8');

/** UTF-16 text of a string, an odd last byte dropped (as pdfinfo does): a fresh stream decoder. */
function utf16(bytes: Uint8Array, label: 'utf-16be' | 'utf-16le'): string {
  return new TextDecoder(label).decode(bytes, { stream: true });
}

/** PDFDocEncoding (ISO 32000-1 Annex D) where it differs from ISO-8859-1. */
const PDF_DOC_DIFFS: Record<number, number> = {
  24: 0x02d8,
  25: 0x02c7,
  26: 0x02c6,
  27: 0x02d9,
  28: 0x02dd,
  29: 0x02db,
  30: 0x02da,
  31: 0x02dc,
  128: 0x2022,
  129: 0x2020,
  130: 0x2021,
  131: 0x2026,
  132: 0x2014,
  133: 0x2013,
  134: 0x0192,
  135: 0x2044,
  136: 0x2039,
  137: 0x203a,
  138: 0x2212,
  139: 0x2030,
  140: 0x201e,
  141: 0x201c,
  142: 0x201d,
  143: 0x2018,
  144: 0x2019,
  145: 0x201a,
  146: 0x2122,
  147: 0xfb01,
  148: 0xfb02,
  149: 0x0141,
  150: 0x0152,
  151: 0x0160,
  152: 0x0178,
  153: 0x017d,
  154: 0x0131,
  155: 0x0142,
  156: 0x0153,
  157: 0x0161,
  158: 0x017e,
  159: 0xfffd,
  160: 0x20ac,
  173: 0xfffd,
};

/**
 * Decodes a PDF text string: UTF-16BE when it starts with the FE FF BOM (FF FE, seen in the
 * wild, as UTF-16LE), UTF-8 with its BOM (PDF 2.0), else PDFDocEncoding.
 */
export function decodePdfString(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    text = utf16(buf.subarray(2), 'utf-16be');
  } else if (buf[0] === 0xff && buf[1] === 0xfe) {
    text = utf16(buf.subarray(2), 'utf-16le');
  } else if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    text = utf8.decode(buf.subarray(3));
  } else {
    text = '';
    for (const b of buf) text += String.fromCharCode(PDF_DOC_DIFFS[b] ?? b);
  }
  // Unicode strings may carry language tags: ESC <lang> ESC (ISO 32000-1 §7.9.2.2).
  return stripLanguageTags(text);
}

function stripLanguageTags(text: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = text.indexOf('\u001b', i);
    const close = open < 0 ? -1 : text.indexOf('\u001b', open + 1);
    if (close < 0) return out + text.slice(i);
    out += text.slice(i, open);
    i = close + 1;
  }
}

/** XMP packets are UTF-8 unless they carry a UTF-16 BOM. */
export function decodeXmp(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Each decoder drops the byte-order mark of its own encoding.
  if (buf[0] === 0xfe && buf[1] === 0xff) return utf16be.decode(buf);
  if (buf[0] === 0xff && buf[1] === 0xfe) return utf16le.decode(buf);
  return utf8.decode(buf);
}

const XML_ENTITY = /&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g;

export function decodeXmlEntities(s: string): string {
  return s.replace(XML_ENTITY, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' ? Number.parseInt(ent.slice(2), 16) : Number(ent.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[ent] ?? whole;
  });
}

const DC_TITLE_ELEMENT = /<dc:title\b[^>]*>([\s\S]*?)<\/dc:title>/;
const RDF_LIST_ITEM = /<rdf:li\b([^>]*)>([\s\S]*?)<\/rdf:li>/g;
const DEFAULT_LANGUAGE_ATTR = /xml:lang\s*=\s*["']x-default["']/;
const ANGLE_BRACKET = /</;
const CDATA_SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

/** The dc:title of an XMP packet: the x-default alternative, else the first one. */
export function xmpTitle(xml: string): string | null {
  const block = DC_TITLE_ELEMENT.exec(xml)?.[1];
  if (block === undefined) return null;
  const items = [...block.matchAll(RDF_LIST_ITEM)];
  const chosen = items.find((m) => DEFAULT_LANGUAGE_ATTR.test(m[1] ?? '')) ?? items[0];
  const raw = chosen ? (chosen[2] ?? '') : ANGLE_BRACKET.test(block) ? '' : block;
  const unwrapped = raw.replace(CDATA_SECTION, '$1');
  return decodeXmlEntities(unwrapped);
}
