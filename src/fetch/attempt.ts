import type { Dispatcher } from 'undici';
import type { FetchError } from '../model/index.js';
import { fetchError, mapError } from './errors.js';
import { type BodySource, Exchange } from './exchange.js';
import type { Stop } from './stop.js';

/** One GET exchange: headers received, body still unread in `body`. */
export interface AttemptResponse {
  status: number;
  headers: Record<string, string>;
  /**
   * Each Set-Cookie value on its own: `headers['set-cookie']` joins them with ", ", which cannot
   * be split again (Expires dates contain a comma).
   */
  setCookies: string[];
  body: BodySource;
}

export interface Attempt {
  /** Resolves with the response head or a mapped error; never rejects. */
  response: Promise<AttemptResponse | FetchError>;
  /** Why the attempt was cut short by us, if it was. */
  stoppedBy(): 'deadline' | 'caller' | null;
  /** Clears timers and listeners, aborts the exchange if still running (no draining). */
  dispose(): void;
}

/** Lower-cased names; repeated headers joined with ", ". */
export function flattenHeaders(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The values of header `name` (lower case) one by one, however undici grouped them. */
export function headerValues(
  raw: Record<string, string | string[] | undefined>,
  name: string,
): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || key.toLowerCase() !== name) continue;
    if (Array.isArray(value)) out.push(...value);
    else out.push(value);
  }
  return out;
}

/**
 * Starts a GET for `url`, bounded by `deadlineMs` for the whole exchange (body included) on top
 * of undici's connect/headers/body-idle timeouts, and by `stop` (the caller's signal, shutdown).
 */
export function startAttempt(
  dispatcher: Dispatcher,
  url: URL,
  headers: Record<string, string>,
  deadlineMs: number,
  stop: Stop,
  /** Called once when the request is written on its connection (DNS and handshake done). */
  onSent?: () => void,
): Attempt {
  const exchange = new Exchange(onSent);
  let stopped: 'deadline' | 'caller' | null = null;
  const timer = setTimeout(() => {
    stopped ??= 'deadline';
    exchange.abort(fetchError('timeout', `no complete answer within ${deadlineMs} ms`));
  }, deadlineMs);
  const unwatch = stop.watch(() => {
    stopped ??= 'caller';
    exchange.abort(fetchError('aborted', 'aborted by caller'));
  });

  // Stopped already: the exchange ended with the reason, no connection is opened for it.
  if (!stopped) {
    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headers,
        },
        exchange,
      );
    } catch (err) {
      exchange.abort(err);
    }
  }
  const response = exchange.head.then((head): AttemptResponse | FetchError => {
    if ('error' in head) {
      if (stopped === 'caller') return fetchError('aborted', 'aborted by caller');
      if (stopped === 'deadline') return fetchError('timeout', `no answer within ${deadlineMs} ms`);
      return mapError(head.error);
    }
    return {
      status: head.status,
      headers: flattenHeaders(head.headers),
      setCookies: headerValues(head.headers, 'set-cookie'),
      body: exchange,
    };
  });

  return {
    response,
    stoppedBy: () => stopped,
    dispose() {
      clearTimeout(timer);
      unwatch();
      exchange.abort(fetchError('aborted', 'attempt finished'));
    },
  };
}
