import type { FetchError, FetchErrorCode } from '../model/index.js';
import { PRIVATE_ADDRESS_CODE } from './address.js';

const LEVELS: Record<FetchErrorCode, FetchError['level']> = {
  timeout: 'connection',
  'dns-nxdomain': 'connection',
  'dns-failure': 'connection',
  'connection-refused': 'connection',
  'connection-reset': 'connection',
  'tls-error': 'connection',
  'protocol-error': 'http',
  'private-address': 'policy',
  'redirect-loop': 'http',
  'too-many-redirects': 'http',
  'invalid-redirect': 'http',
  'unsupported-scheme': 'policy',
  'invalid-url': 'policy',
  'retry-after-exceeded': 'http',
  // The host answered: it is reachable, the transfer broke.
  'truncated-body': 'http',
  aborted: 'policy',
};

export function fetchError(code: FetchErrorCode, message: string): FetchError {
  return { code, message, level: LEVELS[code] };
}

/** Errors that a later attempt may not repeat. */
export function isRetryableError(e: FetchError): boolean {
  return e.code === 'timeout' || e.code === 'connection-reset';
}

const DNS_FAILURE = new Set([
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NODATA',
  'EAI_NONAME',
  'ENODATA',
  'ESERVFAIL',
  'EREFUSED',
  'ETIMEOUT',
  'EBADRESP',
  'ECANCELLED',
  'ENOTINITIALIZED',
  'EFORMERR',
  'EBADNAME',
  'EBADQUERY',
  'EBADFAMILY',
  'ECONNREFUSED_DNS',
  'ENOTIMP',
]);

const TLS_PREFIXES = ['ERR_TLS_', 'ERR_SSL_', 'CERT_', 'UNABLE_TO_', 'ERR_OSSL_'];
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'HOSTNAME_MISMATCH',
  'EPROTO',
  'ERR_INVALID_CERT',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  syscall?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The innermost error with a code: undici wraps socket errors in `cause`, happy eyeballs in AggregateError. */
function rootCause(err: unknown): ErrorLike {
  let e = (err ?? {}) as ErrorLike;
  for (let depth = 0; depth < 5; depth++) {
    if (Array.isArray(e.errors) && e.errors.length > 0 && typeof e.code !== 'string') {
      e = e.errors[e.errors.length - 1] as ErrorLike;
      continue;
    }
    if (
      e.cause &&
      typeof e.cause === 'object' &&
      (e.code === undefined || e.code === 'UND_ERR_SOCKET')
    ) {
      const inner = e.cause as ErrorLike;
      if (typeof inner.code === 'string') {
        e = inner;
        continue;
      }
    }
    break;
  }
  return e;
}

/** Socket failures that cut a body short (not a timeout, not a decoding error). */
const BROKEN_TRANSFER = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/**
 * Whether an error met while reading a body means the connection broke part-way (reset,
 * closed before the announced length): what arrived is a fragment of the document. A body
 * that only stalls (idle or deadline timeout) is not one: its head was read in time.
 */
export function isBrokenTransfer(err: unknown): boolean {
  const code = rootCause(err).code;
  return typeof code === 'string' && BROKEN_TRANSFER.has(code);
}

/** Maps a thrown network error (node, undici, our guard) to a FetchError. */
export function mapError(err: unknown): FetchError {
  const e = rootCause(err);
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  if (code === PRIVATE_ADDRESS_CODE) return fetchError('private-address', message);
  if (code === 'ENOTFOUND') return fetchError('dns-nxdomain', message);
  if (DNS_FAILURE.has(code) || (e.syscall === 'getaddrinfo' && code !== '')) {
    return fetchError('dns-failure', message);
  }
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return fetchError('connection-refused', message);
  }
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ECONNABORTED' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'UND_ERR_CLOSED' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE'
  ) {
    return fetchError('connection-reset', message);
  }
  if (
    code === 'ETIMEDOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return fetchError('timeout', message);
  }
  if (TLS_CODES.has(code) || TLS_PREFIXES.some((p) => code.startsWith(p))) {
    return fetchError('tls-error', message);
  }
  if (
    code.startsWith('HPE_') ||
    e.name === 'HTTPParserError' ||
    code === 'UND_ERR_HEADERS_OVERFLOW' ||
    code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' ||
    code === 'UND_ERR_INFO' ||
    code === 'UND_ERR_NOT_SUPPORTED'
  ) {
    return fetchError('protocol-error', message);
  }
  if (code === 'ERR_INVALID_URL' || code === 'UND_ERR_INVALID_ARG') {
    return fetchError('invalid-url', message);
  }
  // Unknown socket-level failure: treat as a reset so it is retried and counted as connection trouble.
  return fetchError('connection-reset', code ? `${code}: ${message}` : message);
}
