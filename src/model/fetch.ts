/** One HTTP response in a redirect chain. */
export interface Hop {
  url: string;
  status: number;
  /** Absolute URL the Location header resolves to, null if absent. */
  location: string | null;
}

export type FetchErrorCode =
  | 'timeout'
  | 'dns-nxdomain'
  | 'dns-failure'
  | 'connection-refused'
  | 'connection-reset'
  | 'tls-error'
  | 'protocol-error'
  | 'private-address'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'invalid-redirect'
  | 'unsupported-scheme'
  | 'invalid-url'
  | 'retry-after-exceeded'
  /** The connection broke in the middle of the body (on every attempt): the document is unread. */
  | 'truncated-body'
  | 'aborted';

export interface FetchError {
  code: FetchErrorCode;
  message: string;
  /**
   * `connection`: could not talk to the host at all (DNS, refused, reset, timeout, TLS) —
   * counted for network health. `policy`: refused by our own rules. `http`: talked, but the
   * exchange failed (too many redirects, Retry-After too long).
   */
  level: 'connection' | 'policy' | 'http';
}

/** The final non-redirect response, with the first bytes of its (decompressed) body. */
export interface FetchedResponse {
  url: string;
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decompressed body prefix, never longer than the body cap. */
  body: Uint8Array;
  /** True when reading stopped before the end (cap reached or enough read). */
  bodyTruncated: boolean;
  /**
   * The last bytes of a PDF cut by the cap, fetched with a Range request (src/fetch/tail.ts):
   * where most files keep their trailer and Info dictionary. `start` is their offset in the file.
   */
  bodyTail?: { start: number; bytes: Uint8Array };
}

export interface FetchOutcome {
  requestedUrl: string;
  /** Every redirect response followed, in order (not including the final response). */
  hops: Hop[];
  response: FetchedResponse | null;
  error: FetchError | null;
  /** Attempts made for this URL, retries included (1 when no retry). */
  attempts: number;
  /** IP address of the last connection, when known. */
  remoteAddress?: string;
}
