import type { FuzzyDate } from '../model/index.js';
import { clip } from './problems.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Checks year/month/day parts; returns a reason when they do not form a calendar date. */
export function checkDateParts(year?: number, month?: number, day?: number): string | null {
  if (year !== undefined && (!Number.isInteger(year) || year < 1000 || year > 2999)) {
    return `year ${year} is not a four-digit year`;
  }
  if (month !== undefined) {
    if (!Number.isInteger(month) || month < 1 || month > 12) return `month ${month} is not 1-12`;
    if (year === undefined) return 'month given without a year';
  }
  if (day !== undefined) {
    if (month === undefined || year === undefined) return 'day given without a month and year';
    const max = daysInMonth(year, month);
    if (!Number.isInteger(day) || day < 1 || day > max) {
      return `day ${day} does not exist in ${year}-${pad(month)}`;
    }
  }
  return null;
}

/**
 * An ISO day (YYYY-MM-DD) or month (YYYY-MM) as written in a catalogue. Returns the parts,
 * or a reason string when it is malformed or not a real date.
 */
export function parseIsoDayOrMonth(
  text: string,
  allowMonth: boolean,
): { year: number; month: number; day?: number } | string {
  const d = ISO_DAY.exec(text);
  const m = d ? null : ISO_MONTH.exec(text);
  if (!d && !(m && allowMonth)) {
    return allowMonth
      ? `"${clip(text)}" is not an ISO date (YYYY-MM-DD or YYYY-MM)`
      : `"${clip(text)}" is not an ISO date (YYYY-MM-DD)`;
  }
  const parts = (d ?? m)!.slice(1).map(Number);
  const [year, month, day] = parts as [number, number, number | undefined];
  const reason = checkDateParts(year, month, day);
  if (reason) return `"${text}" is not a real date: ${reason}`;
  return day === undefined ? { year, month } : { year, month, day };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A catalogue `compiled`/`accessed` value as an ISO day. A month means "some time during
 * that month", so the last day is the latest date the editors can have seen the link.
 */
export function toIsoDay(text: string): string | undefined {
  const parts = parseIsoDayOrMonth(text, true);
  if (typeof parts === 'string') return undefined;
  const day = parts.day ?? daysInMonth(parts.year, parts.month);
  return `${parts.year}-${pad(parts.month)}-${pad(day)}`;
}

/** Publication date as an ISO day; missing month/day become the first. */
export function publishedIso(date: FuzzyDate | undefined): string | undefined {
  if (!date || date.year === undefined) return undefined;
  return `${date.year}-${pad(date.month ?? 1)}-${pad(date.day ?? 1)}`;
}
