/**
 * What an unlabelled body is, as browsers decide it: the WHATWG MIME Sniffing standard's
 * "rules for identifying an unknown MIME type" (with the sniff-scriptable flag of a navigation),
 * reduced to the kinds rotwatch reads. Pure. No maintained npm package does this part of the
 * standard (whatwg-mimetype parses and serialises MIME types, it does not sniff), so it is
 * written here, from the standard's pattern tables.
 *
 * - HTML: after leading whitespace bytes (TAB LF FF CR SP), one of the standard's tags
 *   (`<!DOCTYPE HTML`, `<HTML`, `<HEAD`, `<SCRIPT`, `<IFRAME`, `<H1`, `<DIV`, `<FONT`, `<TABLE`,
 *   `<A`, `<STYLE`, `<TITLE`, `<B`, `<BODY`, `<BR`, `<P`, `<!--`), case-insensitive, followed by
 *   a tag-terminating byte (the standard's space or `>`; other whitespace and `/` accepted too,
 *   `<html\n` being no less HTML);
 * - XML: `<?xml` after whitespace (an XHTML document is then recognised by its root);
 * - PDF: `%PDF-` at the start (and, as PDF readers do, anywhere in the first 1024 bytes);
 * - text: a UTF-8/UTF-16 byte-order mark (the standard reads even `BOM<html>` as text/plain,
 *   as Chromium does), or no binary data byte in the header;
 * - binary: anything else.
 */

export type Sniffed = 'html' | 'xml' | 'pdf' | 'text' | 'binary';

/** The resource header the standard looks at. */
export const SNIFF_BYTES = 1445;

const HTML_TAGS = [
  '!doctype html',
  'html',
  'head',
  'script',
  'iframe',
  'h1',
  'div',
  'font',
  'table',
  'a',
  'style',
  'title',
  'b',
  'body',
  'br',
  'p',
  '!--',
];
const HTML_START = new RegExp(`^<(?:${HTML_TAGS.join('|')})[\\s>/]`, 'i');
const XHTML_ROOT = /<html[\s>/]|xmlns\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml["']/i;

function latin1(bytes: Uint8Array, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, end)).toString(
    'latin1',
  );
}

function hasBom(b: Uint8Array): boolean {
  return (
    (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) ||
    (b[0] === 0xfe && b[1] === 0xff) ||
    (b[0] === 0xff && b[1] === 0xfe)
  );
}

/** A binary data byte (the standard's definition): a control other than TAB LF FF CR ESC. */
function isBinaryByte(c: number): boolean {
  return c <= 0x08 || c === 0x0b || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f);
}

const LEADING_WHITESPACE = /^[\t\n\f\r ]+/;

export function sniffUnknown(bytes: Uint8Array): Sniffed {
  const head = latin1(bytes, SNIFF_BYTES);
  const trimmed = head.replace(LEADING_WHITESPACE, '');
  if (HTML_START.test(trimmed)) return 'html';
  if (trimmed.startsWith('<?xml')) return 'xml';
  if (head.slice(0, 1024).includes('%PDF-')) return 'pdf';
  if (hasBom(bytes)) return 'text';
  for (let i = 0; i < Math.min(bytes.byteLength, SNIFF_BYTES); i++) {
    if (isBinaryByte(bytes[i]!)) return 'binary';
  }
  return 'text';
}

/** An XML document whose root is an XHTML `<html>`: read as HTML (its `<title>` is the title). */
export function isXhtml(bytes: Uint8Array): boolean {
  return XHTML_ROOT.test(latin1(bytes, SNIFF_BYTES * 2));
}

/** Whether an unlabelled body is a document rotwatch reads as HTML. */
export function sniffsAsHtml(bytes: Uint8Array): boolean {
  const kind = sniffUnknown(bytes);
  return kind === 'html' || (kind === 'xml' && isXhtml(bytes));
}

/**
 * Types a server sends when it does not know (or wants a download): the bytes decide. The
 * standard sniffs `unknown/unknown`, `application/unknown` and `*\/*`; real servers send PDFs
 * and pages with the others too (misspelt and `x-` variants of octet-stream included).
 */
export const UNKNOWN_TYPES: ReadonlySet<string> = new Set([
  'application/octet-stream',
  'application/x-octet-stream',
  'application/octetstream',
  'binary/octet-stream',
  'application/binary',
  'application/x-download',
  'application/download',
  'application/force-download',
  'application/x-force-download',
  'application/save',
  'application/x-unknown',
  'application/unknown',
  'unknown/unknown',
  '*/*',
]);

/**
 * Types that name a PDF: `application/pdf` and the aliases freedesktop.org's shared-mime-info
 * lists for it (what desktop servers' MIME tables are built from), plus `application/vnd.pdf`.
 * Both the fetcher (how much to read) and the extractor (how to read it) use this one set.
 */
export const PDF_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'application/x-pdf',
  'application/acrobat',
  'application/nappdf',
  'application/vnd.pdf',
  'image/pdf',
]);
