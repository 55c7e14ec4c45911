/** Dates as the archives write them, and the date window of a lookup. Pure functions. */

const DAY_MS = 86_400_000;

/**
 * `YYYYMMDDhhmmss` (4 to 14 digits; the parts not given are the start of the period) to epoch
 * ms, read as UTC; null when not a timestamp or when a part is out of range (month 13, day 32,
 * hour 24...): refused, not rolled over into the next month or year.
 */
export function waybackToMs(ts: string): number | null {
  return wallClockToMs(ts, 'UTC');
}

const WAYBACK_TIMESTAMP_DIGITS = /^\d{4,14}$/;

function wallClockToMs(ts: string, zone: 'UTC' | 'Europe/Paris'): number | null {
  if (!WAYBACK_TIMESTAMP_DIGITS.test(ts) || ts.length % 2 !== 0) return null;
  const part = (a: number, fallback: number) =>
    ts.length >= a + 2 ? Number(ts.slice(a, a + 2)) : fallback;
  const year = Number(ts.slice(0, 4));
  const month = part(4, 1);
  const day = part(6, 1);
  const hour = part(8, 0);
  const minute = part(10, 0);
  const second = part(12, 0);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return null;
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  return zone === 'UTC' ? wall : wall - parisOffsetMs(wall);
}

/** Europe/Paris's offset from UTC (ms) at the wall-clock instant `wall` (read as if UTC). */
function parisOffsetMs(wall: number): number {
  const offsetAt = (utc: number) => {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Paris',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(utc));
    const get = (t: string) => Number(f.find((p) => p.type === t)?.value);
    const asUtc = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return asUtc - utc;
  };
  // Twice: the offset at the guessed instant, then at the instant it gives (DST changes).
  const first = offsetAt(wall);
  return offsetAt(wall - first);
}

/** A Wikiwix `datetime` (`YYYYMMDDhhmmss`, Paris local time) to epoch ms; null when not one. */
export function parisWallClockToMs(ts: string): number | null {
  return wallClockToMs(ts, 'Europe/Paris');
}

const ISO_SEPARATORS = /[-:T]/g;

/** Epoch ms to the 14-digit Wayback timestamp (UTC). */
export function msToWayback(ms: number): string {
  return new Date(ms).toISOString().replace(ISO_SEPARATORS, '').slice(0, 14);
}

const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const YEAR_ONLY = /^\d{4}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO date (`2021-04-10`), ISO date-time, or year-month, to epoch ms; null when unreadable. */
export function parseDate(text: string): { ms: number; dateOnly: boolean } | null {
  const t = text.trim();
  const ym = YEAR_MONTH.exec(t);
  if (ym) return { ms: Date.UTC(Number(ym[1]), Number(ym[2]) - 1, 1), dateOnly: true };
  if (YEAR_ONLY.test(t)) return { ms: Date.UTC(Number(t), 0, 1), dateOnly: true };
  if (ISO_DAY.test(t)) {
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

const DIGITS_ONLY = /^\d+$/;

/** HTTP-date or delta-seconds Retry-After to ms from now; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (DIGITS_ONLY.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
