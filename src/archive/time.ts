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

const ISO_PERIOD = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|([+-])(\d{2}):?(\d{2})?)?$/i;

/** A date as the catalogue gives it: the period it names, first and last instant (ms). */
export interface DateSpan {
  ms: number;
  /** The last instant of the period: the end of the year, month or day; `ms` for an instant. */
  lastMs: number;
  /** A year, month or day rather than an instant. */
  dateOnly: boolean;
}

/** Calendar parts that exist (no month 13, no 30 February, no 2-digit year); else null. */
function utcOf(year: number, month: number, day: number): number | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return Date.UTC(year, month - 1, day);
}

/**
 * A year (`2019`), year-month (`2019-06`) or ISO date (`2021-04-10`), as the whole period it
 * names; an ISO date-time as an instant, in UTC when it gives no zone (never the machine's
 * local time: the same catalogue gives the same window everywhere). Out-of-range parts are
 * refused, not rolled over into the next month. Other text: whatever Date.parse reads, as an
 * instant; null when unreadable.
 */
export function parseDate(text: string): DateSpan | null {
  const t = text.trim();
  const p = ISO_PERIOD.exec(t);
  if (p) {
    const [year, month, day] = [Number(p[1]), Number(p[2] ?? 1), Number(p[3] ?? 1)];
    const ms = utcOf(year, month, day);
    if (ms === null) return null;
    const next = p[3] ? ms + DAY_MS : p[2] ? Date.UTC(year, month, 1) : Date.UTC(year + 1, 0, 1);
    return { ms, lastMs: next - 1, dateOnly: true };
  }
  const dt = ISO_DATE_TIME.exec(t);
  if (dt) {
    const [hour, minute, second] = [Number(dt[4]), Number(dt[5]), Number(dt[6] ?? 0)];
    const day = utcOf(Number(dt[1]), Number(dt[2]), Number(dt[3]));
    if (day === null || hour > 23 || minute > 59 || second > 60) return null;
    const offsetMinutes = dt[9]
      ? (dt[9] === '-' ? -1 : 1) * (Number(dt[10]) * 60 + Number(dt[11] ?? 0))
      : 0;
    const ms =
      day +
      ((hour * 60 + minute - offsetMinutes) * 60 + Math.min(second, 59)) * 1000 +
      Math.floor(Number(dt[7] ?? 0) * 1000);
    return { ms, lastMs: ms, dateOnly: false };
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : { ms, lastMs: ms, dateOnly: false };
}

/**
 * The window of one lookup. `endMs` is the reference instant for distances; `endInclusiveMs`
 * the last instant still "at or before" it (the end of the day, month or year for an access
 * date without a time).
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
  const endInclusiveMs = end?.lastMs ?? nowMs;
  let startMs = start?.ms ?? null;
  // A publication date after the access date is a catalogue error: do not let it empty the
  // window. Published during the access period (the same day, a noon publication) is not one.
  if (startMs !== null && startMs > endInclusiveMs) startMs = null;
  return { startMs, endMs, endInclusiveMs, dateOnly: end?.dateOnly ?? false };
}

/**
 * Capture minus access date, in days. For an access date without a time, whole days from
 * the period it names: 0 within it (the same day, or month or year), negative before its
 * first day, positive after its last (1 = the day after).
 */
export function distanceDays(captureMs: number, w: Window): number {
  if (w.dateOnly) {
    if (captureMs < w.endMs) return Math.floor((captureMs - w.endMs) / DAY_MS);
    if (captureMs <= w.endInclusiveMs) return 0;
    return Math.floor((captureMs - w.endInclusiveMs - 1) / DAY_MS) + 1;
  }
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
