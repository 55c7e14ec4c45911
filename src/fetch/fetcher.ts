import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { FetchError, FetchOutcome, Hop } from '../model/index.js';
import { unbracketed } from '../text/host.js';
import { guardedLookup, isPrivateAddress } from './address.js';
import { startAttempt } from './attempt.js';
import { bodyLimitFor, limitAfterSniff, readCapped } from './body.js';
import { type CookieJar, cookieHeader, emptyJar, setCookies } from './cookies.js';
import { fetchError, isBrokenTransfer, isRetryableError } from './errors.js';
import { limitForLongHead } from './long-head.js';
import { isRedirectStatus, requestKey, resolveLocation } from './redirect.js';
import { backoffDelay, honoursRetryAfter, isRetryableStatus, parseRetryAfter } from './retry.js';
import { type Stop, StopRegistry } from './stop.js';
import { readPdfTail, wantsPdfTail } from './tail.js';
import type { Fetcher, FetcherInternals, FetcherOptions, FetchRequestOptions } from './types.js';

/** Connections kept per origin; the host queue decides how many are used at once. */
const CONNECTIONS_PER_ORIGIN = 6;
/** The whole attempt (connect + headers + body) may take this many timeoutMs. */
const ATTEMPT_DEADLINE_FACTOR = 3;

const ACCEPT = 'text/html,application/xhtml+xml,application/pdf;q=0.9,text/*;q=0.8,*/*;q=0.5';
const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Sleeps `ms`, resolving false early if `stop` fires. */
function sleep(ms: number, stop: Stop): Promise<boolean> {
  if (stop.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    let unwatch = () => {};
    const done = (ok: boolean) => {
      clearTimeout(timer);
      unwatch();
      resolve(ok);
    };
    const timer = setTimeout(() => done(true), ms);
    unwatch = stop.watch(() => done(false));
  });
}

function connectionKey(protocol: string, hostname: string, port: string | number): string {
  const p = String(port || (protocol === 'https:' ? 443 : 80));
  return `${protocol}//${hostname.toLowerCase()}:${p}`;
}

/**
 * Loop detection key: the same URL asked with other cookies is another request (a consent wall
 * redirects to itself once its cookie is set), so the Cookie header is part of the key.
 */
function chainKey(url: URL, cookie: string | null): string {
  return `${requestKey(url)}\n${cookie ?? ''}`;
}

/** Adds the jar's cookies after any configured Cookie header. */
function withCookies(headers: Record<string, string>, cookie: string | null) {
  if (cookie === null) return headers;
  const configured = headers.cookie;
  return { ...headers, cookie: configured ? `${configured}; ${cookie}` : cookie };
}

function mergeHeaders(base: Record<string, string>, extra: Record<string, string> | undefined) {
  const out: Record<string, string> = { ...base };
  for (const [k, v] of Object.entries(extra ?? {})) out[k.toLowerCase()] = v;
  return out;
}

export function createFetcher(opts: FetcherOptions, internals: FetcherInternals = {}): Fetcher {
  const isRefused = opts.allowPrivateAddresses
    ? null
    : (internals.isRefusedAddress ?? isPrivateAddress);
  const random = internals.random ?? Math.random;
  const remoteAddresses = new Map<string, string>();
  /** Aborted by close(): every fetch still running ends promptly. */
  const shutdown = new AbortController();
  const stops = new StopRegistry();

  const connector = buildConnector({
    timeout: opts.timeoutMs,
    ...(internals.ca ? { ca: internals.ca } : {}),
    lookup: guardedLookup(opts.lookup, isRefused),
  } as buildConnector.BuildOptions);
  const agent = new Agent({
    connections: CONNECTIONS_PER_ORIGIN,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 30_000,
    connect(options, callback) {
      return connector(options, (err, socket) => {
        if (!err && socket?.remoteAddress) {
          remoteAddresses.set(
            connectionKey(options.protocol, options.hostname, options.port),
            socket.remoteAddress,
          );
        }
        // biome-ignore lint/suspicious/noExplicitAny: undici's callback is overloaded on err
        (callback as any)(err, socket);
      });
    },
  });

  const baseHeaders = {
    'user-agent': opts.userAgent,
    accept: ACCEPT,
    'accept-encoding': ACCEPT_ENCODING,
  };
  const deadlineMs = opts.timeoutMs * ATTEMPT_DEADLINE_FACTOR;

  async function fetchUrl(
    requestedUrl: string,
    ropts: FetchRequestOptions,
    signal: Stop,
  ): Promise<FetchOutcome> {
    const hops: Hop[] = [];
    let retriesUsed = 0;
    let remoteAddress: string | undefined;
    const done = (rest: Pick<FetchOutcome, 'response' | 'error'>): FetchOutcome => ({
      requestedUrl,
      hops,
      ...rest,
      attempts: 1 + retriesUsed,
      ...(remoteAddress ? { remoteAddress } : {}),
    });
    const fail = (error: FetchError) => done({ response: null, error });

    let current: URL;
    try {
      current = new URL(requestedUrl);
    } catch {
      return fail(fetchError('invalid-url', `not a URL: ${requestedUrl.slice(0, 200)}`));
    }
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      return fail(fetchError('unsupported-scheme', `scheme ${current.protocol} is not fetched`));
    }
    // Setting it serialises the URL again, even to the same value: most have none.
    if (current.hash !== '') current.hash = '';
    const firstOrigin = current.origin;
    // Cookies set by this chain's responses (retries included); gone when this call returns.
    let jar: CookieJar = emptyJar;
    const seen = new Set([chainKey(current, null)]);

    for (let request = 0; ; request++) {
      if (request > 0 && ropts.beforeRequest) {
        await ropts.beforeRequest(current);
        if (signal.aborted) return fail(fetchError('aborted', 'aborted by caller'));
      }
      const literal = unbracketed(current.hostname);
      if (isRefused && isIP(literal) !== 0 && isRefused(literal)) {
        return fail(fetchError('private-address', `refused address ${literal}`));
      }
      const headers = withCookies(
        current.origin === firstOrigin ? mergeHeaders(baseHeaders, ropts.headers) : baseHeaders,
        cookieHeader(jar, current, Date.now()),
      );
      const sentUrl = current;
      const onSent = ropts.onSent ? () => ropts.onSent?.(sentUrl) : undefined;
      const attempt = startAttempt(agent, current, headers, deadlineMs, signal, onSent);
      const res = await attempt.response;
      if (signal.aborted) {
        attempt.dispose();
        return fail(fetchError('aborted', 'aborted by caller'));
      }
      if ('code' in res) {
        attempt.dispose();
        if (isRetryableError(res) && retriesUsed < opts.retries) {
          const wait = backoffDelay(retriesUsed, opts.backoffBaseMs, opts.backoffMaxMs, random);
          retriesUsed++;
          if (!(await sleep(wait, signal))) return fail(fetchError('aborted', 'aborted by caller'));
          continue;
        }
        return fail(res);
      }
      remoteAddress =
        remoteAddresses.get(connectionKey(current.protocol, current.hostname, current.port)) ??
        remoteAddress;
      jar = setCookies(jar, res.setCookies, current, Date.now());

      if (isRedirectStatus(res.status)) {
        attempt.dispose();
        const loc = resolveLocation(current, res.headers.location);
        hops.push({ url: current.href, status: res.status, location: loc.href });
        if (!loc.ok) return fail(fetchError('invalid-redirect', loc.reason));
        const key = chainKey(loc.url, cookieHeader(jar, loc.url, Date.now()));
        if (seen.has(key)) {
          return fail(fetchError('redirect-loop', `redirect loop at ${requestKey(loc.url)}`));
        }
        if (hops.length > opts.maxRedirects) {
          return fail(fetchError('too-many-redirects', `more than ${opts.maxRedirects} redirects`));
        }
        seen.add(key);
        current = loc.url;
        continue;
      }

      let error: FetchError | null = null;
      if (isRetryableStatus(res.status)) {
        const retryAfter = honoursRetryAfter(res.status)
          ? parseRetryAfter(res.headers['retry-after'], Date.now())
          : null;
        if (retryAfter !== null && retryAfter > opts.retryAfterMaxMs) {
          error = fetchError(
            'retry-after-exceeded',
            `Retry-After ${Math.ceil(retryAfter / 1000)} s is above the ${opts.retryAfterMaxMs} ms bound`,
          );
        } else if (retriesUsed < opts.retries) {
          attempt.dispose();
          const backoff = backoffDelay(retriesUsed, opts.backoffBaseMs, opts.backoffMaxMs, random);
          retriesUsed++;
          if (!(await sleep(Math.max(backoff, retryAfter ?? 0), signal))) {
            return fail(fetchError('aborted', 'aborted by caller'));
          }
          continue;
        }
      }

      const type = res.headers['content-type'];
      const limit = bodyLimitFor(type, opts.maxBodyBytes, ropts.forceBody);
      const body = await readCapped(
        res.body,
        res.headers['content-encoding'],
        limit,
        (head) => limitAfterSniff(type, opts.maxBodyBytes, limit, head),
        (reached, read) => limitForLongHead(type, opts.maxBodyBytes, reached, read),
      );
      const stoppedBy = attempt.stoppedBy();
      attempt.dispose();
      if (stoppedBy === 'caller' || signal.aborted)
        return fail(fetchError('aborted', 'aborted by caller'));
      // The connection broke part-way through the body: a fragment is not the document (a
      // truncated PDF is unreadable). Retried like a reset; if every attempt breaks, an error.
      // Not for an error status: the status line already said what the verdict needs (a 404
      // is gone, a 403 refused, whatever its page), and what arrived of its page is kept.
      if (
        stoppedBy === null &&
        body.error !== null &&
        isBrokenTransfer(body.error) &&
        res.status < 400
      ) {
        if (retriesUsed < opts.retries) {
          const wait = backoffDelay(retriesUsed, opts.backoffBaseMs, opts.backoffMaxMs, random);
          retriesUsed++;
          if (!(await sleep(wait, signal))) return fail(fetchError('aborted', 'aborted by caller'));
          continue;
        }
        return fail(
          fetchError(
            'truncated-body',
            `the connection broke after ${body.bytes.byteLength} bytes of the body (HTTP ${res.status})`,
          ),
        );
      }
      let bodyTail: { start: number; bytes: Uint8Array } | null = null;
      if (wantsPdfTail(res.headers, body, opts.maxBodyBytes)) {
        // Another request to the host: paced like a retry or a redirect hop.
        if (ropts.beforeRequest) await ropts.beforeRequest(current);
        if (signal.aborted) return fail(fetchError('aborted', 'aborted by caller'));
        bodyTail = await readPdfTail(
          agent,
          current,
          headers,
          res.headers,
          deadlineMs,
          signal,
          onSent,
        );
      }
      return done({
        response: {
          url: current.href,
          status: res.status,
          headers: res.headers,
          body: body.bytes,
          bodyTruncated: body.truncated,
          ...(bodyTail ? { bodyTail } : {}),
        },
        error,
      });
    }
  }

  return {
    async fetch(url, ropts = {}) {
      // Not AbortSignal.any, whose followers leaked on some Node 20 releases (stop.ts).
      const stop = stops.stopOf([ropts.signal, shutdown.signal]);
      try {
        return await fetchUrl(url, ropts, stop);
      } catch (err) {
        // Defensive: fetchUrl maps every expected failure; anything else is still an outcome.
        return {
          requestedUrl: url,
          hops: [],
          response: null,
          error: fetchError('protocol-error', `internal: ${String(err)}`),
          attempts: 1,
        };
      }
    },
    async close() {
      // In-flight fetches end now as 'aborted' outcomes; then the sockets go.
      shutdown.abort();
      await agent.close().catch(() => agent.destroy());
    },
  };
}
