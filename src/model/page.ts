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
  /** Visible text of the body prefix, whitespace folded, at most a few KB (soft-404 comparison). */
  text: string;
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
