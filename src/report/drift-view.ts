/**
 * Drift as every renderer tells it (issue 13): which links changed, how to say why, and where
 * the page title differs from the catalogue's. Pure functions over report links.
 */
import { compareWithCatalogue } from '../drift/title.js';
import { en, type Messages } from '../i18n/en.js';
import type { Drift, DriftReason, ReportLink } from '../model/index.js';
import { isBroken } from './view.js';

/** `drifted`: held on two runs (counted); `changed`: seen in this run only (shown, not counted). */
export type DriftStatus = 'drifted' | 'changed';

export function driftStatus(link: { drift?: Drift | null }): DriftStatus | null {
  if (!link.drift) return null;
  return link.drift.confirmed ? 'drifted' : 'changed';
}

/** The drift filter's labels, in English (see `m.drift.status` for the reader's language). */
export const DRIFT_STATUS_LABELS: Record<DriftStatus | 'none', string> = en.drift.status;

export const CONTENT_CHANGED_TITLE = en.drift.title;

/** One reason in words, with the figures that back it. */
export function driftReasonText(reason: DriftReason, d: Drift, m: Messages = en): string {
  const r = m.drift.reason;
  switch (reason) {
    case 'title-mismatch':
      return r['title-mismatch'](d.similarity);
    case 'title-changed':
      return r['title-changed']();
    case 'pages-mismatch':
      return r['pages-mismatch'](d.pages, d.cataloguePages);
    case 'pages-changed':
      return r['pages-changed'](d.previousPages, d.pages);
    case 'type-changed':
      return r['type-changed'](d.previousContentType, d.contentType);
    case 'content-changed':
      return r['content-changed'](d.textDistance);
  }
}

export function driftReasonsText(d: Drift, m: Messages = en): string {
  return d.reasons.map((r) => driftReasonText(r, d, m)).join(m.listSeparator);
}

/** "drifted since 2026-11-14 (3 runs)" or "changed in this run; counted if it holds next run". */
export function driftWhen(d: Drift, m: Messages = en): string {
  return d.confirmed ? m.drift.since(d.since, d.runs) : m.drift.thisRunOnly;
}

/**
 * Whether a page title is worth showing next to the catalogue title: it is not the catalogue
 * title itself, with or without the site's name around it.
 */
export function titleDiffers(
  catalogueTitle: string | null | undefined,
  pageTitle: string | null,
): boolean {
  if (!pageTitle) return false;
  if (!catalogueTitle) return true;
  return compareWithCatalogue(catalogueTitle, pageTitle).similarity < 1;
}

/**
 * The worklist's groups, in order: failing (a person must act), drifted, moved, then the rest
 * (links changed in this run only lead the rest). Links not checked conclusively (the checker's
 * network was down) are not failing work.
 */
export const WORKLIST_GROUPS = ['failing', 'drifted', 'moved', 'changed', 'rest'] as const;
export type WorklistGroup = (typeof WORKLIST_GROUPS)[number];

export function worklistGroup(link: ReportLink): WorklistGroup {
  if (isBroken(link) && link.reason !== 'network-down') return 'failing';
  const drift = driftStatus(link);
  if (drift === 'drifted') return 'drifted';
  if (link.status === 'redirected') return 'moved';
  return drift === 'changed' ? 'changed' : 'rest';
}
