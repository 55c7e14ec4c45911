import type { Classification, FetchError, FetchOutcome, ReasonCode } from '../model/index.js';
import { hostnameOf, parsedUrl } from '../text/parsed-url.js';
import { isSignInPage } from './redirects.js';

/*
 * Status-code and fetch-error rules: what a bare status or a failed exchange means on its own,
 * before redirects, wording and probes are looked at.
 */

const PHRASES: Record<number, string> = {
  300: 'Multiple Choices',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  414: 'URI Too Long',
  418: "I'm a teapot",
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  520: 'Web Server Returned an Unknown Error (Cloudflare)',
  521: 'Web Server Is Down (Cloudflare)',
  522: 'Connection Timed Out (Cloudflare)',
  523: 'Origin Is Unreachable (Cloudflare)',
  524: 'A Timeout Occurred (Cloudflare)',
  525: 'SSL Handshake Failed (Cloudflare)',
  526: 'Invalid SSL Certificate (Cloudflare)',
  999: 'Request Denied',
};

export function statusText(status: number): string {
  const phrase = PHRASES[status];
  return phrase ? `${status} ${phrase}` : `${status}`;
}

export function httpReason(status: number): ReasonCode {
  return `http-${status}`;
}

/** Statuses that say "you may not look", not "it is gone": a person must check. */
const BLOCKED = new Set([401, 402, 403, 429, 451, 999]);
const DEAD = new Set([404, 410]);

/**
 * The verdict a non-2xx final status gives on its own, or null for statuses that need the
 * page-level rules (2xx, 304, 300).
 */
export function classifyStatus(status: number): Classification | null {
  if ((status >= 200 && status <= 299) || status === 304 || status === 300) return null;
  const reason = httpReason(status);
  const text = statusText(status);
  if (DEAD.has(status)) {
    const tail = status === 410 ? ': the document was removed on purpose.' : '.';
    return { status: 'dead', reason, message: `The server answered ${text}${tail}` };
  }
  if (BLOCKED.has(status)) {
    return { status: 'blocked', reason, message: blockedMessage(status, text) };
  }
  if (status >= 500) {
    return {
      status: 'error',
      reason,
      message: `The server answered ${text}: it failed this time, the document may still exist.`,
    };
  }
  if (status >= 300 && status <= 399) {
    return {
      status: 'error',
      reason,
      message: `The server answered ${text} without a usable Location header.`,
    };
  }
  // 400, 405, 406, 418...: usually the server rejecting our client or method, not the document.
  return {
    status: 'error',
    reason,
    message: `The server answered ${text}, which usually means it rejected the request rather than lost the document: check by hand.`,
  };
}

function blockedMessage(status: number, text: string): string {
  switch (status) {
    case 401:
      return `The server answered ${text}: the document needs a login; check by hand.`;
    case 429:
      return `The server answered ${text}: it throttled us; check later or by hand.`;
    case 451:
      return `The server answered ${text}: the document is withheld from our location (often a regional block), not gone; check by hand.`;
    case 999:
      return `The server answered ${text} (a non-standard refusal of automated clients); check by hand.`;
    default:
      return `The server answered ${text}: it refused automated access; check by hand.`;
  }
}

const TRAILING_DOTS_AND_SPACE = /[.\s]+$/;

function detail(err: FetchError): string {
  const m = err.message.trim().replace(TRAILING_DOTS_AND_SPACE, '');
  return m === '' ? '' : ` (${m})`;
}

function chain(outcome: FetchOutcome): string {
  const urls = [outcome.requestedUrl, ...outcome.hops.map((h) => h.location ?? '?')];
  const shown = urls.length > 4 ? [...urls.slice(0, 2), '…', ...urls.slice(-2)] : urls;
  return shown.join(' → ');
}

/** A fetch error whose verdict does not depend on the exchange: its status and its sentence. */
interface FixedVerdict {
  status: Classification['status'];
  /** `d`: the error's detail in brackets, or ''; `host`: the host name and a space, or ''. */
  message: (d: string, host: string) => string;
}

type FixedCode = Exclude<FetchError['code'], 'redirect-loop' | 'too-many-redirects' | 'aborted'>;

const FIXED: Record<FixedCode, FixedVerdict> = {
  'dns-nxdomain': {
    status: 'dead',
    message: (_d, host) => `The host name ${host}does not exist any more (DNS: no such domain).`,
  },
  'dns-failure': {
    status: 'error',
    message: (d, host) => `The host name ${host}could not be resolved this time${d}.`,
  },
  timeout: { status: 'error', message: (d) => `The server did not answer in time${d}.` },
  'connection-refused': {
    status: 'error',
    message: (d) => `The server refused the connection${d}.`,
  },
  'connection-reset': {
    status: 'error',
    message: (d) => `The connection was cut before the answer was complete${d}.`,
  },
  'tls-error': { status: 'error', message: (d) => `The secure connection (TLS) failed${d}.` },
  'protocol-error': {
    status: 'error',
    message: (d) => `The server sent an answer that is not valid HTTP${d}.`,
  },
  'retry-after-exceeded': {
    status: 'error',
    message: (d) => `The server asked us to come back later than we are willing to wait${d}.`,
  },
  'truncated-body': {
    status: 'error',
    message: (d) =>
      `The connection broke in the middle of the document on every attempt${d}: it could not be read.`,
  },
  'invalid-redirect': {
    status: 'error',
    message: (d) => `The server redirected to an unusable address${d}.`,
  },
  'private-address': {
    status: 'skipped',
    message: (d) => `Not checked: the address is private, loopback or link-local${d}.`,
  },
  'unsupported-scheme': {
    status: 'skipped',
    message: (d) => `Not checked: only http and https links are checked${d}.`,
  },
  'invalid-url': { status: 'skipped', message: (d) => `Not checked: the URL is not valid${d}.` },
};

/** The verdict for an exchange that produced no usable final response. */
export function classifyFetchError(outcome: FetchOutcome, err: FetchError): Classification {
  switch (err.code) {
    case 'redirect-loop':
    case 'too-many-redirects':
      return brokenChain(outcome, err.code);
    case 'aborted':
      return {
        status: 'error',
        reason: 'interrupted',
        message: 'The check was interrupted before the server answered.',
      };
    default: {
      const fixed = FIXED[err.code];
      return {
        status: fixed.status,
        reason: err.code,
        message: fixed.message(detail(err), hostOf(outcome)),
      };
    }
  }
}

/**
 * A chain that never ends, or ends where it started with the cookies it set, is what a browser
 * shows as "too many redirects": the server's answer, not a network accident, so dead at once
 * like a 404. Except when the chain goes through a sign-in page: the document is behind a
 * login that a browser with an account would pass, so a person must look.
 */
function brokenChain(
  outcome: FetchOutcome,
  code: 'redirect-loop' | 'too-many-redirects',
): Classification {
  const how =
    code === 'redirect-loop'
      ? `The redirects go round in a loop: ${chain(outcome)}`
      : `The redirects did not end after ${outcome.hops.length} hops: ${chain(outcome)}`;
  if (throughSignIn(outcome)) {
    return {
      status: 'blocked',
      reason: 'login-required',
      message: `${how}. The chain passes through a sign-in page: the document needs a login; check by hand.`,
    };
  }
  return { status: 'dead', reason: code, message: `${how}: browsers cannot open it either.` };
}

function throughSignIn(outcome: FetchOutcome): boolean {
  const urls = [outcome.requestedUrl, ...outcome.hops.map((h) => h.location ?? '')];
  const first = parsedUrl(outcome.requestedUrl);
  if (first && isSignInPage(first)) return false;
  return urls.some((u) => {
    const parsed = parsedUrl(u);
    return parsed !== null && isSignInPage(parsed);
  });
}

function hostOf(outcome: FetchOutcome): string {
  const host = hostnameOf(outcome.hops.at(-1)?.location ?? outcome.requestedUrl);
  return host === null ? '' : `${host} `;
}
