/**
 * Drift as every renderer tells it (issue 13): which links changed, how to say why, and where
 * the page title differs from the catalogue's. Pure functions over report links.
 */
import { compareWithCatalogue } from '../drift/title.js';
import type { Drift, DriftReason, ReportLink } from '../model/index.js';
import { isBroken } from './view.js';

/** `drifted`: held on two runs (counted); `changed`: seen in this run only (shown, not counted). */
export type DriftStatus = 'drifted' | 'changed';

export function driftStatus(link: { drift?: Drift | null }): DriftStatus | null {
  if (!link.drift) return null;
  return link.drift.confirmed ? 'drifted' : 'changed';
}

export const DRIFT_STATUS_LABELS: Record<DriftStatus | 'none', string> = {
  drifted: 'Drifted (held on two runs)',
  changed: 'Changed this run',
  none: 'No content change',
};

export const CONTENT_CHANGED_TITLE = 'Content changed';

/** One reason in words, with the figures that back it. */
export function driftReasonText(reason: DriftReason, d: Drift): string {
  switch (reason) {
    case 'title-mismatch':
      return `page title differs from the catalogue title${d.similarity !== null ? ` (similarity ${d.similarity.toFixed(2)})` : ''}`;
    case 'title-changed':
      return 'page title changed';
    case 'pages-mismatch':
      return `PDF has ${d.pages} pages, the catalogue says ${d.cataloguePages}`;
    case 'pages-changed':
      return `PDF pages ${d.previousPages} \u2192 ${d.pages}`;
    case 'type-changed':
      return `document type ${d.previousContentType} \u2192 ${d.contentType}`;
    case 'content-changed':
      return `text changed (${d.textDistance} of 64 fingerprint bits differ)`;
  }
}

export function driftReasonsText(d: Drift): string {
  return d.reasons.map((r) => driftReasonText(r, d)).join('; ');
}

/** "drifted since 2026-11-14 (3 runs)" or "changed in this run; counted if it holds next run". */
export function driftWhen(d: Drift): string {
  return d.confirmed
    ? `drifted since ${d.since.slice(0, 10)} (${d.runs} runs)`
    : 'changed in this run only; counted if it holds on the next run';
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
