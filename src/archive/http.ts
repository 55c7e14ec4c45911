import { gunzipSync, inflateSync } from 'node:zlib';
import { Agent, request } from 'undici';

/**
 * A small HTTP client for archive APIs: timeouts, a body cap (decompressed size included), a
 * few redirects, and outcomes instead of exceptions. Independent of src/fetch on purpose: the
 * archives are a handful of known hosts with their own politeness rules (see throttle.ts).
 */

export interface HttpResponse {
  ok: true;
  url: string;
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpFailure {
  ok: false;
  code: 'timeout' | 'connection' | 'too-large' | 'invalid-url' | 'too-many-redirects' | 'aborted';
  message: string;
}

export type HttpResult = HttpResponse | HttpFailure;

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpClient {
  send(req: HttpRequest): Promise<HttpResult>;
  close(): Promise<void>;
}

const MAX_REDIRECTS = 3;

export function createHttpClient(opts: { userAgent: string; maxBodyBytes: number }): HttpClient {
  const agent = new Agent({ connections: 4, pipelining: 1 });

  async function once(req: HttpRequest, url: string): Promise<HttpResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), req.timeoutMs);
    const onAbort = () => controller.abort(new Error('aborted'));
    req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await request(url, {
        dispatcher: agent,
        method: req.method ?? 'GET',
        headers: {
          'user-agent': opts.userAgent,
          'accept-encoding': 'gzip, deflate',
          ...req.headers,
        },
        body: req.body,
        signal: controller.signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += chunk.length;
        if (size > opts.maxBodyBytes) {
          res.body.destroy();
          return fail('too-large', `body over ${opts.maxBodyBytes} bytes from ${url}`);
        }
        chunks.push(chunk as Buffer);
      }
      const headers = flatHeaders(res.headers);
      const body = decode(Buffer.concat(chunks), headers['content-encoding'], opts.maxBodyBytes);
      if (!body) return fail('too-large', `undecodable or oversized body from ${url}`);
      return { ok: true, url, status: res.statusCode, headers, body };
    } catch (err) {
      if (req.signal?.aborted) return fail('aborted', `request to ${url} aborted`);
      if (controller.signal.aborted) {
        return fail('timeout', `no answer from ${url} within ${req.timeoutMs} ms`);
      }
      const e = err as { code?: string; message?: string };
      return fail(
        'connection',
        `${e.code ?? 'error'} talking to ${url}: ${e.message ?? ''}`.trim(),
      );
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    async send(req) {
      let url = req.url;
      try {
        new URL(url);
      } catch {
        return fail('invalid-url', `not a URL: ${url}`);
      }
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const res = await once(req, url);
        const loc = res.ok ? res.headers.location : undefined;
        if (
          !res.ok ||
          (req.method ?? 'GET') !== 'GET' ||
          !loc ||
          res.status < 300 ||
          res.status > 399
        ) {
          return res;
        }
        url = new URL(loc, url).href;
      }
      return fail('too-many-redirects', `more than ${MAX_REDIRECTS} redirects from ${req.url}`);
    },
    close: () => agent.close(),
  };
}

function fail(code: HttpFailure['code'], message: string): HttpFailure {
  return { ok: false, code, message };
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function decode(body: Buffer, encoding: string | undefined, cap: number): Buffer | null {
  const enc = (encoding ?? '').trim().toLowerCase();
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(body, { maxOutputLength: cap });
    if (enc === 'deflate') return inflateSync(body, { maxOutputLength: cap });
    // The CDX server documents gzip "by default": accept a gzip body sent without the header.
    if (!enc && body[0] === 0x1f && body[1] === 0x8b) {
      return gunzipSync(body, { maxOutputLength: cap });
    }
    return body;
  } catch {
    return null;
  }
}

/** JSON parsing as a value: archives sometimes answer HTML error pages with a 200. */
export function parseJson(
  body: Buffer,
): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch (err) {
    return { ok: false, message: `not JSON: ${(err as Error).message}` };
  }
}
