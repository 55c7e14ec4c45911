export type DeliveryChannel = 'email' | 'webhook';

/** What one delivery attempt came to; recorded in the worker status file. */
export interface DeliveryResult {
  channel: DeliveryChannel;
  /** sent; skipped: nothing worth saying (notify policy), disabled or not configured; failed. */
  status: 'sent' | 'skipped' | 'failed';
  attempts: number;
  /**
   * Reason code when skipped or failed: `notify-policy`, `not-configured`, `interrupted`,
   * `smtp-error`, `http-<status>`, `network-error`, `timeout`.
   */
  code: string | null;
  message: string | null;
  at: string;
}

/** The text handed to every channel. */
export interface Digest {
  subject: string;
  markdown: string;
  html: string;
}
