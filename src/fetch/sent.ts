import type { Dispatcher } from 'undici';

/*
 * When does a request really leave? A request admitted by the host's scheduler may first wait
 * for a DNS answer and a TCP/TLS handshake, which can take most of a politeness interval; the
 * next request to that host, sent on a connection already open, would then reach the server
 * only a few milliseconds after it. Callers that pace requests need the moment the request is
 * written on the socket: undici announces it to the request's handler (`onConnect`, or
 * `onRequestStart` for handlers written to the newer interface) right before writing the head.
 */

/** Request option under which `startAttempt` passes its "sent" callback to the interceptor. */
export const ON_SENT: unique symbol = Symbol('rotwatch.onSent');

type Handler = Dispatcher.DispatchHandler;

/** The handler, calling `sent` once when undici starts writing the request. */
function notifying(handler: Handler, sent: () => void): Handler {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    sent();
  };
  // A proxy rather than a copy: handlers are class instances whose methods use private state,
  // so every method is called on the original object.
  return new Proxy(handler, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key === 'onConnect' || key === 'onRequestStart') {
        return (...args: unknown[]) => {
          once();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/** `agent` with the interceptor that calls a request's `[ON_SENT]` option when it is sent. */
export function withSentHook(agent: Dispatcher): Dispatcher {
  return agent.compose((dispatch) => (opts, handler) => {
    const sent = (opts as { [ON_SENT]?: () => void })[ON_SENT];
    return dispatch(opts, sent ? notifying(handler, sent) : handler);
  });
}
