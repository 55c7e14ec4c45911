/**
 * Decisions shared by every renderer, as pure functions over a Report: which links fail, which
 * digest section a link belongs to, how long it has been broken, what the remedy is.
 * Renderers only format what these return, so every format tells the same story.
 */

import { en, type Messages } from '../i18n/en.js';
import type {
  ArchiveMissReason,
  Report,
  ReportEntryRef,
  ReportLink,
  Verdict,
} from '../model/index.js';
import { VERDICTS } from '../model/index.js';

/** Statuses the digest calls broken (a human should look). */
export const BROKEN: ReadonlySet<Verdict> = new Set(['dead', 'error', 'blocked']);

export function isBroken(link: { status: Verdict }): boolean {
  return BROKEN.has(link.status);
}

/**
 * The CI fail-on policy, strictest last: `none` fails nothing, `dead` fails dead links, `error`
 * also transient errors, `redirected` also permanent redirects. `blocked` and `skipped` never
 * fail: nobody can tell whether the resource is there.
 */
export const FAIL_ON_LEVELS = ['none', 'dead', 'error', 'redirected'] as const;
export type FailOnLevel = (typeof FAIL_ON_LEVELS)[number];

const FAILING_BY_LEVEL: Record<FailOnLevel, ReadonlySet<Verdict>> = {
  none: new Set(),
  dead: new Set(['dead']),
  error: new Set(['dead', 'error']),
  redirected: new Set(['dead', 'error', 'redirected']),
};

export function isFailOnLevel(value: string): value is FailOnLevel {
  return (FAIL_ON_LEVELS as readonly string[]).includes(value);
}

export function failingStatuses(failOn: FailOnLevel = 'dead'): ReadonlySet<Verdict> {
  return FAILING_BY_LEVEL[failOn];
}

export type DigestSection = 'new' | 'still-broken' | 'moved';

/** The digest section of a link, or null when it needs nothing (ok, skipped). */
export function digestSection(link: ReportLink): DigestSection | null {
  if (link.status === 'redirected') return 'moved';
  // Not checked conclusively (the checker's own network was down): nothing to act on.
  if (!isBroken(link) || link.reason === 'network-down') return null;
  return link.newFailure ? 'new' : 'still-broken';
}

/** The digest sections' titles, in English (see `m.section` for the reader's language). */
export const SECTION_TITLES: Record<DigestSection | 'fixed', string> = en.section;

const DAY_MS = 86_400_000;

/** "for 3 weeks": how long a link has been failing, as of the run's start. */
export function failingFor(
  failingSince: string | null,
  asOf: string,
  m: Messages = en,
): string | null {
  if (!failingSince) return null;
  const since = Date.parse(failingSince);
  const now = Date.parse(asOf);
  if (Number.isNaN(since) || Number.isNaN(now)) return null;
  const days = Math.floor((now - since) / DAY_MS);
  if (days < 1) return m.failingFor.today;
  if (days < 14) return m.failingFor.days(days);
  if (days < 61) return m.failingFor.weeks(Math.floor(days / 7));
  if (days < 730) return m.failingFor.months(Math.floor(days / 30.44));
  return m.failingFor.years(Math.floor(days / 365.25));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Days a link has been failing (for sorting), null when not failing. */
export function failingDays(failingSince: string | null, asOf: string): number | null {
  if (!failingSince) return null;
  const days = (Date.parse(asOf) - Date.parse(failingSince)) / DAY_MS;
  return Number.isNaN(days) ? null : Math.max(0, Math.floor(days));
}

export function archiveMissText(reason: ArchiveMissReason, m: Messages = en): string {
  return m.archiveMiss[reason] ?? reason;
}

/** What an editor can do about a link, as structured parts each format renders its own way. */
export type Remedy =
  | { kind: 'new-url'; url: string }
  /** `source`: the archive's name, or null for the copy the catalogue itself keeps. */
  | { kind: 'archive'; url: string; date: string; source: string | null }
  | { kind: 'no-archive'; reason: ArchiveMissReason }
  | { kind: 'none' };

export function remedyFor(link: ReportLink): Remedy {
  if (link.status === 'ok' || link.status === 'skipped') return { kind: 'none' };
  if (link.suggestedUrl) return { kind: 'new-url', url: link.suggestedUrl };
  // The catalogue's own archived copy comes first, unless this run found it no longer plays.
  const kept = link.catalogueArchive;
  if (kept && kept.status !== 'unplayable') {
    return { kind: 'archive', url: kept.url, date: kept.date, source: null };
  }
  if (link.archive) {
    return {
      kind: 'archive',
      url: link.archive.url,
      date: link.archive.timestamp.slice(0, 10),
      source: archiveSourceName(link.archive.source, link.archive.archive),
    };
  }
  if (link.archiveReason) return { kind: 'no-archive', reason: link.archiveReason };
  return { kind: 'none' };
}

function archiveSourceName(source: string, archive: string | undefined): string {
  if (source === 'wayback') return 'Wayback Machine';
  if (source === 'wikiwix') return 'Wikiwix';
  return archive ? `Memento: ${archive}` : 'Memento';
}

/** Host of a URL for grouping and filters ("" when it does not parse). */
export function hostOf(url: string): string {
  const plain = PLAIN_HOST.exec(url);
  if (plain) return plain[1] as string;
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/**
 * An http(s) URL whose host is already as the URL parser gives it (lower case, ASCII, a name
 * whose last label starts with a letter: never an IP address, which the parser rewrites), so the
 * host is read off the text. The writers ask for the host of every link in several passes, and
 * parsing each URL took ~15 ms of the 10k bench's reports; anything else is parsed.
 */
const PLAIN_HOST = /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\.?)(?::\d+)?(?=[/?#]|$)/;

/** One row per citing entry and link: the unit of the CSV, JUnit, HTML table and annotations. */
export interface Row {
  link: ReportLink;
  /** Null only for a link no entry cites (kept so no link is silently dropped). */
  entry: ReportEntryRef | null;
}

export function rowsOf(report: Report): Row[] {
  return report.links.flatMap(rowsOfLink);
}

/** The rows of one link, in the order its entries cite it. */
export function rowsOfLink(link: ReportLink): Row[] {
  if (link.entries.length === 0) return [{ link, entry: null }];
  return link.entries.map((entry) => ({ link, entry }));
}

export function fileLine(entry: ReportEntryRef | null): string {
  return entry ? `${entry.file}:${entry.line}` : '';
}

/** Counts of a run: per status, and how many of the errors were not checked at all. */
export type Counts = Record<Verdict, number> & { total: number; notChecked?: number };

/**
 * Links the run could not look at (its own network was down). The summary says so since the
 * field exists; an older report is counted from its links.
 */
export function notCheckedCount(report: Pick<Report, 'summary' | 'links'>): number {
  return (
    report.summary.notChecked ?? report.links.filter((l) => l.reason === 'network-down').length
  );
}

/**
 * Counts per status in contract order, for readers: the links that were not checked are taken
 * out of `error` (they are shown apart as "not checked"), so nothing reads as broken that was
 * never looked at.
 */
export function statusCounts(report: Report): { status: Verdict; count: number }[] {
  const notChecked = notCheckedCount(report);
  return VERDICTS.map((status) => ({
    status,
    count: (report.summary[status] ?? 0) - (status === 'error' ? notChecked : 0),
  }));
}

/**
 * Number of broken links (dead + error + blocked) in a summary, the links not checked left
 * out. A past run whose network was down but whose summary predates `notChecked` gives null:
 * its count would be every link.
 */
export function brokenCount(summary: Counts, networkDown = false): number | null {
  if (networkDown && summary.notChecked === undefined) return null;
  return (
    (summary.dead ?? 0) + (summary.error ?? 0) + (summary.blocked ?? 0) - (summary.notChecked ?? 0)
  );
}

/** Broken links of this report (never null: an old report is counted from its links). */
export function brokenInReport(report: Report): number {
  const s = report.summary;
  return (s.dead ?? 0) + (s.error ?? 0) + (s.blocked ?? 0) - notCheckedCount(report);
}

/** "159 not checked (network down)" or null when every link was checked. */
export function notCheckedText(n: number, m: Messages = en): string | null {
  return n > 0 ? m.notChecked(n) : null;
}

/** The archive named in a remedy, in the reader's words. */
export function remedySource(source: string | null, m: Messages = en): string {
  return source ?? m.archiveInCatalogue;
}

/** Ordering used by every list: oldest failure first, then URL, so output is stable. */
export function byFailingSinceThenUrl(a: ReportLink, b: ReportLink): number {
  const sa = a.failingSince ?? '\uffff';
  const sb = b.failingSince ?? '\uffff';
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

export function byUrl(a: { url: string }, b: { url: string }): number {
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

/** Links the address guard refused (private, loopback, link-local): not checked by default. */
export function guardedCount(report: Pick<Report, 'links'>): number {
  return report.links.filter((l) => l.status === 'skipped' && l.reason === 'private-address')
    .length;
}

/**
 * Why links were skipped by the address guard and how to check them, or null when none was.
 * A catalogue of intranet or local links otherwise reads as "14 skipped" with no way forward.
 */
export function guardHint(report: Pick<Report, 'links'>, m: Messages = en): string | null {
  return guardHintFor(guardedCount(report), report.links.length, m);
}

/** guardHint from counts: `n` links refused by the guard out of `total` (streamed reports). */
export function guardHintFor(n: number, total: number, m: Messages = en): string | null {
  return n === 0 ? null : m.guardHint(n, total);
}
