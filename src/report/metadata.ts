/**
 * "Metadata differs" as every renderer shows it: the page's own metadata held against a citing
 * entry (src/check/metadata-diff.ts decides; this only words it). Pure.
 */
import { en, type Messages } from '../i18n/en.js';
import type { MetadataDifference, ReportLink } from '../model/index.js';

/** The differences of `link` for one citing entry (all of them without an entry). */
export function differencesOf(link: ReportLink, entryId?: string): MetadataDifference[] {
  const all = link.metadataDiffers ?? [];
  return entryId === undefined ? all : all.filter((d) => d.entry === entryId);
}

/** `year: catalogue "2019", page "2023-05-04"` (raw text: escape it for the format). */
export function differenceText(d: MetadataDifference, m: Messages = en): string {
  return m.metadata.difference(m.metadata.field[d.field], d.catalogue, d.page);
}

/** All differences of one entry in one line, or '' when there are none. */
export function differencesLine(link: ReportLink, entryId?: string, m: Messages = en): string {
  return differencesOf(link, entryId)
    .map((d) => differenceText(d, m))
    .join(m.listSeparator);
}
