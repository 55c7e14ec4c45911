import type { HttpClient } from './http.js';
import { parseJson } from './http.js';
import type { Gate } from './throttle.js';

/** What each archive query needs: the HTTP client, the lookup's deadline and the run's stop signal. */
export interface SourceContext {
  http: HttpClient;
  deadline: number;
  requestTimeoutMs: number;
  /** Aborted when the run stops: requests in flight end at once. */
  signal?: AbortSignal;
}

/** GET a JSON answer through the archive's gate; failures are values with a reason code. */
export async function getJson(
  ctx: SourceContext,
  gate: Gate,
  url: string,
  /** Reads a body that is not JSON into the value it stands for; null: not one either. */
  orText?: (text: string) => unknown | null,
): Promise<
  | { ok: true; value: unknown }
  | {
      ok: false;
      reason: 'archive-throttled' | 'archive-down' | 'archive-excluded';
      message: string;
    }
> {
  const r = await gate.request(
    (left) =>
      ctx.http.send({
        url,
        headers: { accept: 'application/json' },
        timeoutMs: Math.min(left, ctx.requestTimeoutMs),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      }),
    ctx.deadline,
  );
  if (r.kind === 'failed') return { ok: false, reason: r.reason, message: r.message };
  if (r.res.status === 404) return { ok: true, value: null };
  if (r.res.status === 403 && isExclusion(r.res.body)) {
    return {
      ok: false,
      reason: 'archive-excluded',
      message: `${gate.name}: the archive excludes this site (403 Blocked Site Error)`,
    };
  }
  if (r.res.status !== 200) {
    return { ok: false, reason: 'archive-down', message: `${gate.name} answered ${r.res.status}` };
  }
  if (r.res.body.length === 0) return { ok: true, value: null };
  const parsed = parseJson(r.res.body);
  if (parsed.ok) return { ok: true, value: parsed.value };
  const read = orText?.(r.res.body.toString('utf8')) ?? null;
  if (read !== null) return { ok: true, value: read };
  return { ok: false, reason: 'archive-down', message: `${gate.name}: ${parsed.message}` };
}

const ARCHIVE_EXCLUSION_ERROR =
  /Blocked Site Error|AdministrativeAccessControlException|RobotAccessControlException/i;

/**
 * The Wayback Machine's answer for a site its owner had excluded: a 403 whose body names the
 * "Blocked Site Error" (AdministrativeAccessControlException) of its access control.
 */
export function isExclusion(body: Buffer): boolean {
  const text = body.subarray(0, 4096).toString('utf8');
  return ARCHIVE_EXCLUSION_ERROR.test(text);
}
