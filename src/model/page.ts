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
  pdf: { title: string | null; pages: number | null } | null;
  /**
   * `<meta http-equiv="refresh">` that sends the reader elsewhere within a few seconds: its
   * target as an absolute http(s) URL (resolved against the document base) and its delay.
   * Null without one, without a URL, with a non-http(s) target or with a longer delay.
   */
  refresh: { delaySeconds: number; url: string } | null;
  /** Visible text of the body prefix, whitespace folded, at most a few KB (soft-404 comparison). */
  text: string;
}
