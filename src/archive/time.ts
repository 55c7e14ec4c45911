/** Dates as the archives write them, and the date window of a lookup. Pure functions. */

const DAY_MS = 86_400_000;

/** `YYYYMMDDhhmmss` (1 to 14 digits, padded low) to epoch ms; null when not a timestamp. */
export function waybackToMs(ts: string): number | null {
  if (!/^\d{4,14}$/.test(ts)) return null;
  const p = ts.padEnd(14, '0');
  const n = (a: number, b: number) => Number(p.slice(a, b));
  const month = Math.max(1, n(4, 6));
  const day = Math.max(1, n(6, 8));
  const ms = Date.UTC(n(0, 4), month - 1, day, n(8, 10), n(10, 12), n(12, 14));
  return Number.isNaN(ms) ? null : ms;
}

/** Epoch ms to the 14-digit Wayback timestamp (UTC). */
export function msToWayback(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** An ISO date (`2021-04-10`), ISO date-time, or year-month, to epoch ms; null when unreadable. */
export function parseDate(text: string): { ms: number; dateOnly: boolean } | null {
  const t = text.trim();
  const ym = /^(\d{4})-(\d{2})$/.exec(t);
  if (ym) return { ms: Date.UTC(Number(ym[1]), Number(ym[2]) - 1, 1), dateOnly: true };
  if (/^\d{4}$/.test(t)) return { ms: Date.UTC(Number(t), 0, 1), dateOnly: true };
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const ms = Date.parse(`${t}T00:00:00Z`);
    return Number.isNaN(ms) ? null : { ms, dateOnly: true };
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : { ms, dateOnly: false };
}

/**
 * The window of one lookup. `endMs` is the reference instant for distances; `endInclusiveMs`
 * the last instant still "at or before" it (the end of the day for a date without a time).
 */
export interface Window {
  startMs: number | null;
  endMs: number;
  endInclusiveMs: number;
  dateOnly: boolean;
}

export function makeWindow(
  windowStart: string | null,
  windowEnd: string | null,
  nowMs: number,
): Window {
  const end = windowEnd ? parseDate(windowEnd) : null;
  const start = windowStart ? parseDate(windowStart) : null;
  const endMs = end?.ms ?? nowMs;
  const dateOnly = end?.dateOnly ?? false;
  let startMs = start?.ms ?? null;
  // A publication date after the access date is a catalogue error: do not let it empty the window.
  if (startMs !== null && startMs > endMs) startMs = null;
  return { startMs, endMs, endInclusiveMs: dateOnly ? endMs + DAY_MS - 1 : endMs, dateOnly };
}

/** Capture minus access date, in days (whole days for a date-only access date; 0 = same day). */
export function distanceDays(captureMs: number, w: Window): number {
  if (w.dateOnly) return Math.floor((captureMs - w.endMs) / DAY_MS);
  return Math.round(((captureMs - w.endMs) / DAY_MS) * 10) / 10;
}

/** HTTP-date or delta-seconds Retry-After to ms from now; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
