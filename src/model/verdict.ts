/** The six verdicts of the report contract (DESIGN.md). */
export const VERDICTS = ['ok', 'redirected', 'dead', 'error', 'blocked', 'skipped'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** `http-404`, `http-503`, ... */
export type HttpReason = `http-${number}`;

/**
 * Machine-readable reason carried by every non-`ok` verdict. Stable strings: users' scripts
 * match on them. Add new codes here rather than inventing strings at call sites.
 */
export type ReasonCode =
  | HttpReason
  // moved / dead beyond status codes
  | 'moved-permanently'
  | 'redirect-to-home'
  | 'soft-404'
  /** A deep link answered by the site's search page (directly or after a redirect). */
  | 'redirect-to-search'
  /** The domain shows a parking or for-sale page instead of its site. */
  | 'parked-domain'
  | 'dns-nxdomain'
  | 'persistent-error'
  // transient failures
  | 'dns-failure'
  | 'timeout'
  | 'connection-refused'
  | 'connection-reset'
  | 'tls-error'
  | 'protocol-error'
  | 'retry-after-exceeded'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'invalid-redirect'
  | 'network-down'
  | 'interrupted'
  /** The connection broke in the middle of the body on every attempt. */
  | 'truncated-body'
  /** A 200 HTML answer with nothing in it (a crashed script's blank page looks the same). */
  | 'empty-page'
  // blocked
  | 'bot-wall'
  /** A sign-in form answered at a deep URL: the document needs a login. */
  | 'login-required'
  // skipped
  | 'private-address'
  | 'robots'
  | 'excluded'
  | 'host-skipped'
  | 'unsupported-scheme'
  | 'invalid-url';

export interface Classification {
  status: Verdict;
  /** null only when status is `ok`. */
  reason: ReasonCode | null;
  /** One human sentence, e.g. "The server answered 404 Not Found." */
  message: string;
}
