export type DeliveryChannel = 'email' | 'webhook';

/** What one delivery attempt came to; recorded in the worker status file. */
export interface DeliveryResult {
  channel: DeliveryChannel;
  /** sent; skipped: nothing worth saying (notify policy), disabled or not configured; failed. */
  status: 'sent' | 'skipped' | 'failed';
  attempts: number;
  /**
   * Reason code when skipped or failed: `notify-policy`, `not-configured`, `interrupted`,
   * `smtp-error`, `http-<status>`, `network-error`, `timeout`, `render-error` (the report could
   * not be read or rendered).
   */
  code: string | null;
  message: string | null;
  at: string;
}

/** The text handed to every channel. */
export interface Digest {
  subject: string;
  markdown: string;
  /** The HTML page; null above `delivery.email.htmlMaxLinks` links (the e-mail is text only). */
  html: string | null;
}
