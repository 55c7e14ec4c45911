/**
 * One run's drift evidence: the page read now, held against the catalogue (titles, page count)
 * and against the page as it was before (title, page count, kind of document, text print).
 * Pure; whether the evidence held on two runs is decided in drift.ts.
 */
import { printDistance } from '../extract/fingerprint.js';
import type { DriftReason, PageSnapshot } from '../model/index.js';
import { DRIFT_REASONS } from '../model/index.js';
import { hostnameOf } from '../text/parsed-url.js';
import type { CatalogueWork } from './metadata.js';
import { comparePageTitles, compareWithCatalogue, isInformativeTitle } from './title.js';

/** Bits of 64 that must differ for the text to have "changed a lot" (random texts: ~32). */
export const CONTENT_CHANGE_BITS = 16;

/** What the catalogue says of the cited work, over every entry citing the URL. */
export interface CatalogueSide {
  /** Entry titles (URL-list citations, whose title is the URL, are left out by the caller). */
  titles: string[];
  /** The entries' page counts (`extent.pages`). */
  pages: number[];
  /** The entries' creators and year, where an entry gives both (src/drift/metadata.ts). */
  works?: CatalogueWork[];
}

export interface Evidence {
  reasons: DriftReason[];
  /** The catalogue title closest to the page title (the first one when none compares). */
  catalogueTitle: string | null;
  /** Best title similarity, null when there was nothing to compare. */
  similarity: number | null;
  /** The catalogue's page count closest to the PDF's. */
  cataloguePages: number | null;
  textDistance: number | null;
}

/**
 * The kind of a document, as the reader sees it: an HTML page and a PDF differ, text/html and
 * application/xhtml+xml do not.
 */
export function documentKind(contentType: string | null): string | null {
  if (!contentType) return null;
  const t = contentType.toLowerCase();
  if (t === 'text/html' || t === 'application/xhtml+xml') return 'html';
  if (t === 'application/pdf' || t === 'application/x-pdf' || t === 'application/acrobat')
    return 'pdf';
  return t;
}

/**
 * A PDF's page count against the catalogue's: printed extents leave out covers and blank pages,
 * so a few pages either way (at most 4, or 10% of the larger) are the same document.
 */
export function pagesAgree(catalogue: number, pdf: number): boolean {
  const slack = Math.max(4, Math.round(0.1 * Math.max(catalogue, pdf)));
  return Math.abs(catalogue - pdf) <= slack;
}

function hostOf(url: string | null): string | null {
  return url ? hostnameOf(url) : null;
}

/** Whether the catalogue agrees with a page's title (null: the title tells nothing). */
function catalogueAgrees(cat: CatalogueSide, title: string | null, host: string | null) {
  if (!isInformativeTitle(title, host) || cat.titles.length === 0) return null;
  return cat.titles.some((t) => compareWithCatalogue(t, title as string).match);
}

/**
 * The evidence of one run. `before` is the page as it was before any change under watch (null on
 * a first look). When the catalogue agrees with the page now and did not with the page before,
 * an editor has already followed the change: history signals are not raised again.
 */
export function driftEvidence(
  cat: CatalogueSide,
  before: PageSnapshot | null,
  now: PageSnapshot,
  url: string,
): Evidence {
  const found = new Set<DriftReason>();
  const host = hostOf(now.finalUrl) ?? hostOf(url);
  const beforeHost = hostOf(before?.finalUrl ?? null) ?? hostOf(url);

  // The page title against the catalogue's titles.
  let catalogueTitle = cat.titles[0] ?? null;
  let similarity: number | null = null;
  if (isInformativeTitle(now.title, host)) {
    for (const t of cat.titles) {
      const c = compareWithCatalogue(t, now.title as string);
      if (similarity === null || c.similarity > similarity) {
        similarity = c.similarity;
        catalogueTitle = t;
      }
    }
  }
  const agreesNow = catalogueAgrees(cat, now.title, host);
  if (agreesNow === false) found.add('title-mismatch');

  // The PDF's page count against the catalogue's.
  let cataloguePages: number | null = null;
  if (now.pdfPages !== null && cat.pages.length > 0) {
    const pdf = now.pdfPages;
    cataloguePages = [...cat.pages].sort((a, b) => Math.abs(a - pdf) - Math.abs(b - pdf))[0]!;
    if (!pagesAgree(cataloguePages, pdf)) found.add('pages-mismatch');
  }

  const textDistance = before ? printDistance(before.textPrint, now.textPrint) : null;
  // An editor who updated the title (or the page count) already followed the change.
  const followed =
    agreesNow === true && catalogueAgrees(cat, before?.title ?? null, beforeHost) === false;
  if (before && !followed) {
    if (
      before.title &&
      now.title &&
      (isInformativeTitle(before.title, beforeHost) || isInformativeTitle(now.title, host)) &&
      !comparePageTitles(before.title, now.title).match
    ) {
      found.add('title-changed');
    }
    if (
      before.pdfPages !== null &&
      now.pdfPages !== null &&
      before.pdfPages !== now.pdfPages &&
      !(
        cataloguePages !== null &&
        !found.has('pages-mismatch') &&
        !pagesAgree(cataloguePages, before.pdfPages)
      )
    )
      found.add('pages-changed');
    const kindBefore = documentKind(before.contentType);
    const kindNow = documentKind(now.contentType);
    if (kindBefore && kindNow && kindBefore !== kindNow) found.add('type-changed');
    if (textDistance !== null && textDistance >= CONTENT_CHANGE_BITS) found.add('content-changed');
  }

  return {
    reasons: DRIFT_REASONS.filter((r) => found.has(r)),
    catalogueTitle,
    similarity,
    cataloguePages,
    textDistance,
  };
}
