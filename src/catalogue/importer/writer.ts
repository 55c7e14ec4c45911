/**
 * Catalogue draft -> YAML text, in the catalogue format the loader reads. Uses the `yaml`
 * package so quoting is always right; text fields are double-quoted (as editors write
 * citations) and small maps are written inline so an entry reads like a citation.
 */
import { Document, isMap, isPair, isScalar, isSeq, type Pair, visit } from 'yaml';
import type { DraftEntry, ImportResult } from './importer.js';

export interface WriteOptions {
  /** Comment lines put at the top of the file (without "#"). */
  header: string[];
}

/** Keys whose string values are always double-quoted: free text and section numbers. */
const QUOTED = new Set(['title', 'publisher', 'number', 'creators', 'container', 'text']);
const INLINE = new Set(['section', 'date', 'extent']);

function entryObject(e: DraftEntry): Record<string, unknown> {
  const o: Record<string, unknown> = {
    id: e.id,
    section: { number: e.section.number, title: e.section.title },
    creators: e.creators,
    title: e.title,
  };
  if (e.container) o.container = e.container;
  if (e.date) o.date = { ...e.date };
  if (e.extent) o.extent = { ...e.extent };
  o.medium = e.medium;
  o.links = e.links.map((l) => (l.role ? { url: l.url, role: l.role } : { url: l.url }));
  return o;
}

export function writeCatalogueYaml(
  result: Pick<ImportResult, 'info' | 'entries'>,
  opts: WriteOptions,
): string {
  const info: Record<string, string> = { title: result.info.title };
  if (result.info.publisher) info.publisher = result.info.publisher;
  if (result.info.compiled) info.compiled = result.info.compiled;
  const doc = new Document({ catalogue: info, entries: result.entries.map(entryObject) });
  doc.commentBefore = opts.header.map((l) => (l ? ` ${l}` : '')).join('\n');
  visit(doc, {
    Pair(_, pair: Pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      const key = String(pair.key.value);
      if (QUOTED.has(key) && isScalar(pair.value) && typeof pair.value.value === 'string')
        pair.value.type = 'QUOTE_DOUBLE';
      if (INLINE.has(key) && isMap(pair.value)) pair.value.flow = true;
    },
  });
  const entries = doc.get('entries', true);
  if (isSeq(entries)) {
    entries.items.forEach((item, i) => {
      if (isMap(item) && i > 0) item.spaceBefore = true;
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
