import { linkMessage, type Messages } from '../i18n/index.js';
import type { FixedLink, ReportEntryRef, ReportLink, Verdict } from '../model/index.js';
import { driftReasonsText, driftWhen, titleDiffers } from './drift-view.js';
import { markdownCode, markdownText, markdownUrl } from './escape.js';
import { differencesLine } from './metadata.js';
import { archiveMissText, failingFor, remedyFor, remedySource } from './view.js';

/*
 * The digest's list items, one function per kind of item: each is a list item whose lines are
 * joined by hard breaks, so a mail client or a forge shows it as one block per link.
 */

/** Entries shown per link before "and N more". */
const MAX_ENTRIES = 5;

/**
 * The citing entries: bold title, id and place. Plain URL lists cite with the URL as title and
 * `file:line` as id, so those are not repeated.
 */
function entriesText(entries: ReportEntryRef[], url: string, m: Messages): string {
  if (entries.length === 0) return m.digest.noEntry;
  const shown = entries.slice(0, MAX_ENTRIES).map((e) => {
    const place = `${e.file}:${e.line}`;
    const marker = e.fix === false ? `, ${markdownCode('fix: false')}` : '';
    const where =
      (e.id === place ? markdownCode(place) : `${markdownCode(e.id)}, ${markdownCode(place)}`) +
      marker;
    if (e.title === url) return `${m.digest.from} ${where}`;
    return `**${markdownText(e.title) || m.digest.untitled}** (${where})`;
  });
  const more =
    entries.length > MAX_ENTRIES ? `, ${m.digest.andMore(entries.length - MAX_ENTRIES)}` : '';
  return shown.join('; ') + more;
}

function statusText(status: Verdict, reason: string | null, m: Messages): string {
  return reason ? `${m.verdict[status]}, ${markdownCode(reason)}` : m.verdict[status];
}

export function linkItem(
  link: ReportLink,
  asOf: string,
  withDuration: boolean,
  m: Messages,
): string[] {
  const d = m.digest;
  const lines = [`- ${entriesText(link.entries, link.url, m)}`];
  lines.push(`  ${d.url}${m.colon}${markdownUrl(link.url)}`);
  const pageTitle = pageTitleLine(link, m);
  if (pageTitle) lines.push(pageTitle);
  const duration = withDuration ? failingFor(link.failingSince, asOf, m) : null;
  const streak =
    withDuration && link.consecutiveFailures > 1
      ? `, ${d.runsInARow(link.consecutiveFailures)}`
      : '';
  const when = duration ? ` (${d.broken(duration)}${streak})` : '';
  const text = linkMessage(m, link);
  const message = text ? `${m.colon}${markdownText(text)}` : '';
  lines.push(`  ${d.why}${m.colon}${statusText(link.status, link.reason, m)}${when}${message}`);
  lines.push(`  ${d.remedy}${m.colon}${remedyText(link, m)}`);
  return withHardBreaks(lines);
}

/** The page title, when it is not the catalogue title (of every citing entry). */
function pageTitleLine(link: ReportLink, m: Messages): string | null {
  if (link.entries.length === 0 || !link.entries.some((e) => titleDiffers(e.title, link.title)))
    return null;
  return `  ${m.digest.pageTitle}${m.colon}${m.quote(markdownText(link.title ?? ''))}`;
}

export function driftItem(link: ReportLink, m: Messages): string[] {
  const d = link.drift;
  if (!d) return [];
  const lines = [
    `- ${entriesText(link.entries, link.url, m)}`,
    `  ${m.digest.url}${m.colon}${markdownUrl(link.url)}`,
  ];
  const was =
    d.previousTitle !== null && d.previousTitle !== d.title
      ? ` (${m.digest.was} ${m.quote(markdownText(d.previousTitle))})`
      : '';
  if (d.title !== null || was) {
    lines.push(`  ${m.digest.pageTitle}${m.colon}${m.quote(markdownText(d.title ?? ''))}${was}`);
  }
  lines.push(
    `  ${m.digest.why}${m.colon}${markdownText(driftReasonsText(d, m))}${m.listSeparator}${markdownText(driftWhen(d, m))}.`,
  );
  return withHardBreaks(lines);
}

function remedyText(link: ReportLink, m: Messages): string {
  const remedy = remedyFor(link);
  const r = m.remedy;
  switch (remedy.kind) {
    case 'new-url':
      return `${r.newUrl} ${markdownUrl(remedy.url)}`;
    case 'archive':
      return `${r.archived} ${markdownUrl(remedy.url)} (${r.captured} ${markdownText(m.date(remedy.date))}, ${markdownText(remedySource(remedy.source, m))})`;
    case 'no-archive':
      return `${r.noArchive} (${markdownText(archiveMissText(remedy.reason, m))})`;
    case 'none':
      return link.status === 'blocked' ? r.lookByHand : r.noneKnown;
  }
}

export function fixedItem(fixed: FixedLink, m: Messages): string[] {
  return withHardBreaks([
    `- ${entriesText(fixed.entries, fixed.url, m)}`,
    `  ${m.digest.url}${m.colon}${markdownUrl(fixed.url)}`,
    `  ${m.digest.wasNow(statusText(fixed.previousStatus, fixed.previousReason, m), m.verdict[fixed.status])}`,
  ]);
}

/** Lines of one list item, joined by CommonMark hard breaks (a trailing backslash). */
function withHardBreaks(lines: string[]): string[] {
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\\` : line));
}

/** One entry whose page declares other creators, year or container than the catalogue. */
export function metadataItem(
  { link, entry }: { link: ReportLink; entry: ReportEntryRef },
  m: Messages,
): string[] {
  return withHardBreaks([
    `- ${entriesText([entry], link.url, m)}`,
    `  ${m.digest.url}${m.colon}${markdownUrl(link.url)}`,
    `  ${m.metadata.differsLabel}${m.colon}${markdownText(differencesLine(link, entry.id, m))}`,
  ]);
}
