/**
 * Dates as pages write them, read into ISO 8601 at the precision the source gave: "2019",
 * "2019-03", "2019-03-12", or a date-time with the offset it was written with. Pure.
 *
 * Never a guess: a string that is not wholly one date, a day/month order that cannot be told
 * ("03/04/2021"), an impossible date (31 April) or a relative date ("3 days ago") is null.
 */

import { stripAccents } from '../../text/accents.js';
import { FRENCH_MONTHS } from '../../text/months.js';

/** Month names (accents folded, lower case) in the languages the catalogues cite. */
const MONTHS: Readonly<Record<string, number>> = {
  // English, with the usual abbreviations ("Sept" included)
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // French (accents folded: "février" -> "fevrier"), with the press abbreviations
  ...FRENCH_MONTHS,
  janv: 1,
  fevr: 2,
  fev: 2,
  avr: 4,
  juil: 7,
  // German
  januar: 1,
  februar: 2,
  marz: 3,
  juni: 6,
  juli: 7,
  oktober: 10,
  dezember: 12,
};

/** Words that may precede a date in a visible line ("Publié le 12 mars 2021"). */
const LEAD =
  /^(?:(?:published|posted|updated|last updated|date|publie|publiee|mis en ligne|mis a jour|modifie|cree|veroffentlicht|aktualisiert|stand|on|le|du|am|vom)\s*:?\s*)+/;
/** Weekday names before a date ("Tuesday, 12 March 2019", "mardi 12 mars 2021"). */
const WEEKDAY =
  /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,?\s+|^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+/;

const WHITESPACE_RUNS = /\s+/g;

/** Lower case, accents off, whitespace folded. */
function fold(s: string): string {
  return stripAccents(s).toLowerCase().replace(WHITESPACE_RUNS, ' ').trim();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isRealDate(year: number, month?: number, day?: number): boolean {
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return false;
  if (month === undefined) return day === undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  if (day === undefined) return true;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Number.isInteger(day) && day >= 1 && day <= last;
}

function ymd(year: number, month?: number, day?: number): string | null {
  if (!isRealDate(year, month, day)) return null;
  if (month === undefined) return String(year);
  if (day === undefined) return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const UTC_OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;

/** "Z", "+01:00", "+0100", "+01", "GMT", "UTC" -> "Z" or "+01:00"; null when unreadable. */
function offsetOf(zone: string | undefined): string | null | undefined {
  if (zone === undefined || zone === '') return undefined; // none given: local time
  const z = zone.trim().toUpperCase();
  if (z === 'Z' || z === 'GMT' || z === 'UTC' || z === 'UT') return 'Z';
  const m = UTC_OFFSET.exec(z);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return null;
  return `${m[1]}${m[2]}:${pad(minutes)}`;
}

function timeOf(h: string, mi: string, s: string | undefined, frac: string | undefined) {
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 24 || minute > 59 || second > 60) return null;
  if (hour === 24 && (minute > 0 || second > 0)) return null;
  return `${pad(hour)}:${pad(minute)}:${pad(second)}${frac ?? ''}`;
}

const ISO =
  /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(z|[+-]\d{2}(?::?\d{2})?|gmt|utc)?)?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** 12 mars 2021, 1er mars 2021, 12. März 2021, 12 Mar 2019 10:00:00 +0100 (RFC 2822). */
const DAY_MONTH_YEAR =
  /^(\d{1,2})(?:er|st|nd|rd|th)?\.?\s+([a-z]+)\.?,?\s+(\d{4})(?:,?\s+(?:a\s+|at\s+|um\s+)?(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(z|[+-]\d{2}:?\d{2}|gmt|utc|ut)?)?$/;
/** March 12, 2019; Mar. 12 2019 */
const MONTH_DAY_YEAR = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
/** March 2019, mars 2021 */
const MONTH_YEAR = /^([a-z]+)\.?,?\s+(\d{4})$/;
/** 12.03.2021 (always day first), 12/03/2021 (day first only when it can be told) */
const NUMERIC = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/;

function month(name: string): number | undefined {
  return MONTHS[name];
}

const EDGE_PUNCTUATION = /^\W+|[\s.,;]+$/g;

/**
 * One date string -> ISO 8601 at the precision given, or null. Accepts ISO forms (with "T"
 * or a space, any offset, fractions kept), RFC 2822, "12 mars 2021", "1er mars 2021",
 * "March 12, 2019", "March 2019", "2019", "12.03.2021", and these after a weekday or a word
 * such as "Publié le". Anything else, or any trailing text, is null.
 */
export function parseDate(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  if (input.length > 120) return null; // a paragraph, not a date
  let s = fold(input).replace(EDGE_PUNCTUATION, '');
  s = s.replace(LEAD, '').replace(WEEKDAY, '').trim();
  if (s === '') return null;

  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, frac, zone] = iso;
    const date = ymd(
      Number(y),
      mo === undefined ? undefined : Number(mo),
      d === undefined ? undefined : Number(d),
    );
    if (date === null || h === undefined) return date;
    return withTime(date, h, mi!, sec, frac, zone);
  }
  const compact = COMPACT.exec(s);
  if (compact) return ymd(Number(compact[1]), Number(compact[2]), Number(compact[3]));

  const dmy = DAY_MONTH_YEAR.exec(s);
  if (dmy) {
    const [, d, name, y, h, mi, sec, zone] = dmy;
    const m = month(name!);
    if (m === undefined) return null;
    const date = ymd(Number(y), m, Number(d));
    if (date === null || h === undefined) return date;
    return withTime(date, h, mi!, sec, undefined, zone);
  }
  const mdy = MONTH_DAY_YEAR.exec(s);
  if (mdy) {
    const m = month(mdy[1]!);
    return m === undefined ? null : ymd(Number(mdy[3]), m, Number(mdy[2]));
  }
  const my = MONTH_YEAR.exec(s);
  if (my) {
    const m = month(my[1]!);
    return m === undefined ? null : ymd(Number(my[2]), m);
  }
  const num = NUMERIC.exec(s);
  if (num) {
    const a = Number(num[1]);
    const b = Number(num[3]);
    const y = Number(num[4]);
    // Dots are written day first everywhere; with slashes or dashes the order is only known
    // when one part cannot be a month (or both parts are the same).
    if (num[2] === '.' || a === b || (a > 12 && b <= 12)) return ymd(y, b, a);
    if (b > 12 && a <= 12) return ymd(y, a, b);
    return null;
  }
  return null;
}

function withTime(
  date: string,
  h: string,
  mi: string,
  sec: string | undefined,
  frac: string | undefined,
  zone: string | undefined,
): string | null {
  const time = timeOf(h, mi, sec, frac);
  const offset = offsetOf(zone);
  if (time === null || offset === null) return null;
  return `${date}T${time}${offset ?? ''}`;
}

/** The calendar year of an ISO date from `parseDate`, as written (no time-zone shift). */
export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** How many of year, month, day an ISO date from `parseDate` gives (1-3; a time counts as 3). */
export function precisionOf(iso: string): 1 | 2 | 3 {
  if (iso.length <= 4) return 1;
  if (iso.length <= 7) return 2;
  return 3;
}
