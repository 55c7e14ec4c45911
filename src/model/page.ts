/** What was read from a response body and headers. All strings already decoded and folded. */
export interface PageMeta {
  /** <title>, else og:title, else PDF title. */
  title: string | null;
  htmlTitle: string | null;
  ogTitle: string | null;
  /** First <h1>, for soft-404 detection. */
  h1: string | null;
  canonical: string | null;
  lang: string | null;
  /** MIME type without parameters, lower-cased. */
  contentType: string | null;
  /** The charset used to decode the body, when it was text. */
  charset: string | null;
  contentLength: number | null;
  lastModified: string | null;
  pdf: PdfFacts | null;
  /**
   * `<meta http-equiv="refresh">` that sends the reader elsewhere within a few seconds: its
   * target as an absolute http(s) URL (resolved against the document base) and its delay.
   * Null without one, without a URL, with a non-http(s) target or with a longer delay.
   */
  refresh: { delaySeconds: number; url: string } | null;
  /**
   * Bibliographic metadata the HTML page declares (Highwire, Dublin Core, JSON-LD, Open Graph,
   * <meta>): null for anything but HTML. See docs/extract.md for the order of trust.
   */
  biblio: PageBiblio | null;
  /** Visible text of the body prefix, whitespace folded, at most a few KB (soft-404 comparison). */
  text: string;
  /** What an HTML page's markup says about its kind (sign-in form, parking page...); absent otherwise. */
  signals?: PageSignals;
  /**
   * 64-bit SimHash of `text` as 16 hex digits (src/extract/fingerprint.ts), taken before the
   * text is dropped, for the drift check; null with too little text. Absent in older callers.
   */
  textPrint?: string | null;
}

/** Facts read from an HTML page's elements, for the soft-404 families (src/classify). */
export interface PageSignals {
  /** The page carries a password input: a sign-in form. */
  passwordField: boolean;
  /**
   * Every password input sits in the page's chrome (`<header>`, `<nav>`, `<aside>`, `<footer>`
   * or their ARIA roles): a login box beside the content. Absent in older callers.
   */
  passwordOnlyInChrome?: boolean;
  /**
   * Words of visible text inside the forms that hold a password field (their labels, links and
   * headings): what a sign-in page is made of, and a login box beside other content is not.
   * Absent in older callers.
   */
  loginFormWords?: number;
  /** The site's name as the page gives it (og:site_name, else application-name). */
  siteName: string | null;
  /**
   * Elements that show or make something without text of their own: images, media, frames,
   * embeds, canvases, SVG, forms, scripts (a page built by script has no text in its HTML).
   */
  nonTextElements: number;
  /** Host of a script, frame or form served by a domain-parking or domain-sale service. */
  parkingService: string | null;
  /**
   * The page runs code (a `<script>` that is not data, or an `onload`): what readers see may be
   * built by it, the HTML being only its shell. Absent in older callers.
   */
  scripted?: boolean;
}

/** What a PDF says about itself (Info dictionary, XMP packet, page tree). */
export interface PdfFacts {
  title: string | null;
  pages: number | null;
  /** Info /Author split at `;`, else XMP dc:creator; account-name placeholders dropped. */
  authors: string[];
  /** Info /CreationDate, else xmp:CreateDate, else dc:date: ISO 8601 as precise as given. */
  created: string | null;
  /** Info /ModDate, else xmp:ModifyDate: ISO 8601 as precise as given. */
  modified: string | null;
  /** DOI from XMP (prism:doi, pdfx:doi, crossmark:DOI, dc:identifier), e.g. `10.1000/xyz`. */
  doi: string | null;
}

/**
 * What a page says about the work it holds, as a reference manager reads it (issue 11).
 * Strings are folded and capped; a field no source gave, or gave unreadably, is null.
 */
export interface PageBiblio {
  title: string | null;
  /** Names in page order, "Last, First" turned to "First Last", organisations as written. */
  authors: string[];
  /** ISO 8601 at the precision given: "2019", "2019-03", "2019-03-12" or a date-time. */
  published: string | null;
  modified: string | null;
  siteName: string | null;
  publisher: string | null;
  /** Journal, series or book the work is part of. */
  container: string | null;
  /** Lower-cased, without a resolver prefix ("10.1000/xyz"). */
  doi: string | null;
  /** BCP 47 language tag: <html lang> first, then the declared language. */
  lang: string | null;
  /** citation_pdf_url, absolute. */
  pdfUrl: string | null;
  /** Which source each non-null field came from (names as in docs/extract.md). */
  from: Partial<Record<Exclude<keyof PageBiblio, 'from'>, string>>;
}
