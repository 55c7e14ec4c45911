/**
 * Numbers, plurals and dates in a reader's locale, through Intl (no library: Node ships the
 * full ICU data). Each message catalogue builds its own set with `formatters(locale)`.
 */
export interface Formatters {
  locale: string;
  /** 12345 -> "12,345" (en) or "12 345" (fr, narrow no-break space). */
  number(n: number): string;
  /** The form of a word for `n`, by the locale's plural rules (in French, 0 and 1 are singular). */
  plural(n: number, one: string, other: string): string;
  /** `n` and its word: "1 link", "3 links", "0 lien". */
  count(n: number, one: string, other: string): string;
}

export function formatters(locale: string): Formatters {
  const numbers = new Intl.NumberFormat(locale);
  const rules = new Intl.PluralRules(locale);
  const number = (n: number) => numbers.format(n);
  const plural = (n: number, one: string, other: string) =>
    rules.select(n) === 'one' ? one : other;
  return {
    locale,
    number,
    plural,
    count: (n, one, other) => `${number(n)} ${plural(n, one, other)}`,
  };
}

/** "1 décembre 2026" from an ISO date or date-time, read in UTC (the report's dates are UTC). */
export function longDate(locale: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return (iso) => {
    const time = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
    return Number.isNaN(time) ? iso : format.format(new Date(time));
  };
}

/** "1 décembre 2026 à 03:04 UTC" from an ISO date-time. */
export function longDateTime(locale: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return (iso) => {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? iso : `${format.format(new Date(time))} UTC`;
  };
}
