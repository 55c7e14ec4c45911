/**
 * Dates as PDFs write them, to ISO 8601 "as precise as the source". Pure functions.
 *
 * Info dictionary dates are `D:YYYYMMDDHHmmSSOHH'mm'` (ISO 32000-1 §7.9.4): everything after
 * the year is optional, `O` is `Z`, `+` or `-`. Real files add variants: no `D:` prefix, a
 * trailing apostrophe or none, `+01` without minutes, `Z00'00'`. XMP dates are already
 * ISO 8601 (year, year-month, date, date-time with or without seconds and zone).
 * Anything else (free text such as `Tue Mar 05 2024`) is refused: null, never a guess.
 */

const PDF_DATE =
  /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z|[+-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Parts {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** `Z`, `+HH:mm` or `-HH:mm`; only with a time. */
  zone?: string;
}

/** Checks the ranges and writes the parts out; null when a part is out of range. */
function formatParts(p: Parts): string | null {
  if (p.year < 1000) return null;
  let out = String(p.year);
  if (p.month === undefined) return out;
  if (p.month < 1 || p.month > 12) return null;
  out += `-${pad(p.month)}`;
  if (p.day === undefined) return out;
  if (p.day < 1 || p.day > daysIn(p.year, p.month)) return null;
  out += `-${pad(p.day)}`;
  if (p.hour === undefined) return out;
  // An hour without minutes is written with :00 (ISO needs hh:mm in extended form).
  const minute = p.minute ?? 0;
  if (p.hour > 23 || minute > 59) return null;
  out += `T${pad(p.hour)}:${pad(minute)}`;
  if (p.second !== undefined) {
    if (p.second > 59) return null;
    out += `:${pad(p.second)}`;
  }
  return out + (p.zone ?? '');
}

function zoneOf(sign: string | undefined, hh: string | undefined, mm: string | undefined) {
  if (sign === undefined) return { ok: true as const, zone: undefined };
  const h = hh === undefined ? 0 : Number(hh);
  const m = mm === undefined ? 0 : Number(mm);
  if (h > 14 || m > 59) return { ok: false as const };
  // `Z` followed by 00'00' is still UTC; `+00'00'` too (written as an offset, as given).
  if (sign === 'Z')
    return h === 0 && m === 0 ? { ok: true as const, zone: 'Z' } : { ok: false as const };
  if (hh === undefined) return { ok: false as const };
  return { ok: true as const, zone: `${sign}${pad(h)}:${pad(m)}` };
}

const TRAILING_NULS = /\0+$/;
const PDF_DATE_PREFIX = /^D:/;

/** A PDF date string (`D:20240305143000+01'00'`) to ISO 8601; null when not one. */
export function parsePdfDate(raw: string): string | null {
  const text = raw.trim().replace(TRAILING_NULS, '');
  const m = PDF_DATE.exec(text);
  // A zone right after a date without time is an ISO date written after `D:` (`D:2024-03`).
  if (!m || (m[7] !== undefined && m[7] !== 'Z' && m[4] === undefined)) {
    return parseIsoDate(text.replace(PDF_DATE_PREFIX, ''));
  }
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const zone = zoneOf(m[7], m[8], m[9]);
  if (!zone.ok) return null;
  const parts: Parts = { year: Number(m[1]) };
  const month = num(m[2]);
  const day = num(m[3]);
  const hour = num(m[4]);
  const minute = num(m[5]);
  const second = num(m[6]);
  if (month !== undefined) parts.month = month;
  if (day !== undefined) parts.day = day;
  if (hour !== undefined) parts.hour = hour;
  if (minute !== undefined) parts.minute = minute;
  if (second !== undefined) parts.second = second;
  // A zone means nothing without a time of day (`D:20240305Z`).
  if (zone.zone !== undefined && hour !== undefined) parts.zone = zone.zone;
  return formatParts(parts);
}

const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

const UTC_OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;

/** An ISO 8601 date or date-time (XMP's form) checked and normalised; null when not one. */
export function parseIsoDate(raw: string): string | null {
  const m = ISO_DATE.exec(raw.trim());
  if (!m) return null;
  const parts: Parts = { year: Number(m[1]) };
  if (m[2] !== undefined) parts.month = Number(m[2]);
  if (m[3] !== undefined) parts.day = Number(m[3]);
  if (m[4] !== undefined) {
    parts.hour = Number(m[4]);
    parts.minute = Number(m[5]);
  }
  if (m[6] !== undefined) parts.second = Number(m[6]);
  const z = m[7];
  if (z !== undefined) {
    if (z === 'Z') parts.zone = 'Z';
    else {
      const zm = UTC_OFFSET.exec(z)!;
      const zone = zoneOf(zm[1], zm[2], zm[3]);
      if (!zone.ok) return null;
      if (zone.zone !== undefined) parts.zone = zone.zone;
    }
  }
  return formatParts(parts);
}
