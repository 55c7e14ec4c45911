import { labelToName } from '@exodus/bytes/encoding.js';
import sniffHTMLEncoding from 'html-encoding-sniffer';

/**
 * Encoding labels as browsers read them, where html-encoding-sniffer does not: it knows the
 * labels of whatwg-encoding 3, which leaves out every encoding iconv-lite has no decoder of that
 * name for. Browsers still honour those: `iso-8859-8-i` (Hebrew, the same bytes as ISO-8859-8),
 * `x-mac-cyrillic`, `iso-2022-jp` (Japanese mail-era pages), and the labels of the replacement
 * encoding (`iso-2022-kr`, `hz-gb-2312`...: encodings browsers dropped because they hide
 * scripts; such a page decodes to one U+FFFD, so it has no title). The labels themselves are the
 * Encoding Standard's table (@exodus/bytes, which also decodes them: charset.ts). Pure.
 */

/** The encodings of the standard whose labels whatwg-encoding 3 does not map. */
const SNIFFER_MISSES: ReadonlySet<string> = new Set([
  'ISO-8859-8-I',
  'x-mac-cyrillic',
  'ISO-2022-JP',
  'replacement',
]);

/** Returned by the sniffer when nothing was declared; not a valid encoding label. */
const NONE = 'x-rotwatch-none';

/** The encoding of a label left out by html-encoding-sniffer, or null. */
export function missingLabel(label: string): string | null {
  const name = labelToName(label);
  return name !== null && SNIFFER_MISSES.has(name) ? name : null;
}

/**
 * The encoding a `<meta>` declaring `label` selects (the prescan's mapping: a UTF-16 label means
 * UTF-8, x-user-defined means windows-1252), or null for an unknown label.
 */
export function metaLabelEncoding(label: string): string | null {
  const missing = missingLabel(label);
  if (missing !== null) return missing;
  if (QUOTE_OR_TAG_END.test(label)) return null;
  const found = sniffHTMLEncoding(Buffer.from(`<meta charset="${label}">`, 'latin1'), {
    defaultEncoding: NONE,
  });
  return found === NONE ? null : found;
}

const QUOTE_OR_TAG_END = /["'<>]/;
const CHARSET_IN_TAG = /charset\s*=\s*["']?\s*([^\s"';>]+)/i;

/**
 * A `<meta>` tag (its bytes, latin1) declaring one of the missing labels: the sniffer read the
 * tag and found nothing it knows, so only those are looked for here.
 */
export function missingMetaLabel(tag: string): string | null {
  const label = CHARSET_IN_TAG.exec(tag)?.[1];
  return label === undefined ? null : missingLabel(label);
}

/** `<?xml ... encoding="..." ?>` at the very start, as Chromium reads it in an HTML page too. */
const XML_DECLARATION = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"'<>]*)\1[^>]*\?>/;

/**
 * The encoding an XML declaration at byte 0 names. Not in the HTML standard, but Chromium honours
 * it in text/html (an XHTML 1.0 page served as HTML with no other declaration: a page of the
 * 2000s), below a `<meta>`; not after leading whitespace or a doctype. Mapped as a `<meta>` is.
 */
export function xmlDeclarationCharset(body: Uint8Array): string | null {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 512));
  const m = XML_DECLARATION.exec(head.toString('latin1'));
  return m ? metaLabelEncoding(m[2]!) : null;
}
