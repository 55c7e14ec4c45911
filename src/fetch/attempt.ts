import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { FetchError } from '../model/index.js';
import { AttemptSignal } from './attempt-signal.js';
import { fetchError, mapError } from './errors.js';
import { ON_SENT } from './sent.js';

/** One GET exchange: headers received, body still unread in `body`. */
export interface AttemptResponse {
  status: number;
  headers: Record<string, string>;
  /**
   * Each Set-Cookie value on its own: `headers['set-cookie']` joins them with ", ", which cannot
   * be split again (Expires dates contain a comma).
   */
  setCookies: string[];
  body: Readable;
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
 * of undici's connect/headers/body-idle timeouts, and by the caller's signal.
 */
export function startAttempt(
  dispatcher: Dispatcher,
  url: URL,
  headers: Record<string, string>,
  deadlineMs: number,
  callerSignal: AbortSignal | undefined,
  /** Called once when the request is written on its connection (DNS and handshake done). */
  onSent?: () => void,
): Attempt {
  const signal = new AttemptSignal();
  let stopped: 'deadline' | 'caller' | null = null;
  const timer = setTimeout(() => {
    stopped ??= 'deadline';
    signal.abort(fetchError('timeout', `no complete answer within ${deadlineMs} ms`));
  }, deadlineMs);
  const onCallerAbort = () => {
    stopped ??= 'caller';
    signal.abort(fetchError('aborted', 'aborted by caller'));
  };
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  let body: Readable | null = null;
  const response = dispatcher
    .request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers,
      signal,
      // Read by the dispatcher's interceptor (sent.ts); undici ignores unknown options.
      ...(onSent ? { [ON_SENT]: onSent } : {}),
    } as Dispatcher.RequestOptions)
    .then(
      (res): AttemptResponse => {
        body = res.body as unknown as Readable;
        const raw = res.headers as Record<string, string | string[] | undefined>;
        return {
          status: res.statusCode,
          headers: flattenHeaders(raw),
          setCookies: headerValues(raw, 'set-cookie'),
          body,
        };
      },
      (err: unknown): FetchError => {
        if (stopped === 'caller') return fetchError('aborted', 'aborted by caller');
        if (stopped === 'deadline')
          return fetchError('timeout', `no answer within ${deadlineMs} ms`);
        return mapError(err);
      },
    );

  return {
    response,
    stoppedBy: () => stopped,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
      const b = body as Readable | null;
      if (b && !b.destroyed) b.destroy();
      signal.abort(fetchError('aborted', 'attempt finished'));
    },
  };
}
