import type { FetchedResponse, PageMeta } from '../model/index.js';
import { decodeBody } from './charset.js';
import { textPrint } from './fingerprint.js';
import { parseContentLength, parseContentType, parseLastModified } from './headers.js';
import { extractHtml, type HtmlMeta } from './html.js';
import { EMPTY_PDF_META, extractPdfMeta, looksLikePdf } from './pdf.js';
import { isXhtml, PDF_TYPES, sniffsAsHtml, sniffUnknown, UNKNOWN_TYPES } from './sniff.js';

export { decodeBody } from './charset.js';
export { MIN_PRINT_WORDS, printDistance, textPrint } from './fingerprint.js';
export { extractPdfMeta } from './pdf.js';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** Types whose bytes are text: their charset is reported, their text is not kept. */
const TEXTUAL = /^(text\/|application\/(json|xml|javascript|ecmascript)$|.+\+(xml|json)$)/;
/** Types parsed as XML by browsers: their encoding is declared the XML way (charset.ts). */
const XML_TYPES = /^(?:text\/xml|application\/xml|.+\+xml)$/;
const EMPTY_HTML: Omit<HtmlMeta, 'biblio'> & { biblio: HtmlMeta['biblio'] | null } = {
  htmlTitle: null,
  ogTitle: null,
  h1: null,
  canonical: null,
  lang: null,
  refresh: null,
  text: '',
  biblio: null,
};

function startsWithPdfMagic(body: Uint8Array): boolean {
  return (
    Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 5)).toString('latin1') ===
    '%PDF-'
  );
}

/**
 * Reads what a response is: header facts, and title/h1/canonical/lang/text for HTML or
 * title/pages for PDF. Pure; never throws, whatever the bytes (each part fails on its own).
 */
export function extractMeta(res: FetchedResponse): PageMeta {
  const headers = res.headers ?? {};
  const body = res.body instanceof Uint8Array ? res.body : new Uint8Array(0);
  const contentTypeHeader = headers['content-type'] ?? null;
  const contentType = safe(() => parseContentType(headers['content-type']), null);

  // A body labelled PDF that is really an HTML page (a server's error page sent with the type
  // of the file asked for) is read as the HTML it is: its "Document introuvable" must be seen.
  const htmlNotPdf =
    PDF_TYPES.has(contentType ?? '') &&
    safe(() => !looksLikePdf(body) && sniffsAsHtml(body), false);
  const untyped = contentType === null || UNKNOWN_TYPES.has(contentType) || htmlNotPdf;
  // By type, by the WHATWG sniffing rules when the type says nothing (see sniff.ts), or by a
  // body that starts as a PDF whatever the label (servers send PDFs as text/html too).
  const isPdf =
    (PDF_TYPES.has(contentType ?? '') && !htmlNotPdf) ||
    safe(() => (untyped ? looksLikePdf(body) : startsWithPdfMagic(body)), false);
  // An XML type, or an untyped body that sniffs as XML: browsers parse it as XML.
  const isXml =
    (contentType !== null && XML_TYPES.test(contentType)) ||
    (untyped && safe(() => sniffUnknown(body) === 'xml', false));
  // An XHTML document is read for its <title> whatever XML type it came with (text/xml too).
  const isHtml =
    !isPdf &&
    ((contentType !== null && HTML_TYPES.has(contentType)) ||
      (untyped && safe(() => sniffsAsHtml(body), false)) ||
      (isXml && safe(() => isXhtml(body), false)));

  let charset: string | null = null;
  let html: typeof EMPTY_HTML = EMPTY_HTML;
  if (isHtml || (contentType !== null && TEXTUAL.test(contentType))) {
    const markup = isXml ? 'xml' : 'html';
    const decoded = safe(() => decodeBody(body, contentTypeHeader, markup), null);
    charset = decoded?.charset ?? null;
    if (isHtml && decoded) html = safe(() => extractHtml(decoded.text, res.url), EMPTY_HTML);
  }
  const pdf = isPdf ? safe(() => extractPdfMeta(body, res.bodyTail), EMPTY_PDF_META) : null;

  return {
    title: html.htmlTitle ?? html.ogTitle ?? pdf?.title ?? null,
    htmlTitle: html.htmlTitle,
    ogTitle: html.ogTitle,
    h1: html.h1,
    canonical: html.canonical,
    // The <html lang> attribute, else the language the page declares elsewhere.
    lang: html.lang ?? html.biblio?.lang ?? null,
    contentType,
    charset,
    contentLength: safe(() => parseContentLength(headers['content-length']), null),
    lastModified: safe(() => parseLastModified(headers['last-modified']), null),
    pdf,
    refresh: html.refresh,
    biblio: html.biblio,
    text: html.text,
    ...(html.signals ? { signals: html.signals } : {}),
    textPrint: html.text === '' ? null : safe(() => textPrint(html.text), null),
  };
}

/** Runs `f`, turning any exception into `fallback` (extraction must never throw). */
function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
