/** Pure retry decisions: backoff delays and Retry-After parsing. */

/** Full-jitter exponential backoff: uniform in [0, min(max, base * 2^retry)). retry counts from 0. */
export function backoffDelay(
  retry: number,
  baseMs: number,
  maxMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * Math.max(0, ceiling));
}

const DIGITS_ONLY = /^\d+$/;
const LETTER = /[a-z]/i;

/**
 * Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date (a date in the past
 * gives 0). Null when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (v === '') return null;
  if (DIGITS_ONLY.test(v)) return Number(v) * 1000;
  if (!LETTER.test(v)) return null; // e.g. "-5" or "1.5": not valid delta-seconds, not a date
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** Statuses worth another attempt: 429 and 5xx other than "will never work" ones. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/** Statuses whose Retry-After we honour. */
export function honoursRetryAfter(status: number): boolean {
  return status === 429 || status === 503;
}
