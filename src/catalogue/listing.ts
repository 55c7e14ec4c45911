import type { Catalogue } from '../model/index.js';
import { stripControl } from './problems.js';

/** One entry as printed by `rotwatch catalogue --json`. */
export interface EntryRow {
  id: string;
  section: string;
  creators: string;
  title: string;
  date: string | null;
  year: number | null;
  pages: number | null;
  medium: string;
  urls: string[];
  file: string;
  line: number;
}

export function entryRows(catalogues: Catalogue[]): EntryRow[] {
  return catalogues.flatMap((c) =>
    c.entries.map((e) => ({
      id: e.id,
      section: `${e.section.number} ${e.section.title}`,
      creators: e.creators,
      title: e.title,
      date: e.date?.text ?? null,
      year: e.date?.year ?? null,
      pages: e.extent?.pages ?? null,
      medium: e.medium,
      urls: e.links.map((l) => l.url),
      file: e.file,
      line: e.line,
    })),
  );
}

export interface CatalogueSummary {
  catalogues: {
    file: string;
    title: string;
    publisher: string | null;
    compiled: string | null;
    entries: number;
  }[];
  entries: number;
  entriesWithoutUrl: number;
  urls: number;
  uniqueUrls: number;
  hosts: number;
  sections: { section: string; entries: number; urls: number }[];
}

/**
 * Counts for the human summary. URLs are counted as written, unique ones after
 * normalisation (`normalise` is passed in so this stays a pure function of its inputs).
 */
export function summarise(
  catalogues: Catalogue[],
  normalise: (url: string) => string | null,
): CatalogueSummary {
  const unique = new Set<string>();
  const hosts = new Set<string>();
  const sections = new Map<string, { section: string; entries: number; urls: number }>();
  let entries = 0;
  let urls = 0;
  let entriesWithoutUrl = 0;
  for (const c of catalogues) {
    for (const e of c.entries) {
      entries++;
      urls += e.links.length;
      if (e.links.length === 0) entriesWithoutUrl++;
      const name = `${e.section.number} ${e.section.title}`;
      const s = sections.get(name) ?? { section: name, entries: 0, urls: 0 };
      s.entries++;
      s.urls += e.links.length;
      sections.set(name, s);
      for (const l of e.links) {
        const n = normalise(l.url);
        if (n === null) continue;
        unique.add(n);
        hosts.add(new URL(n).host);
      }
    }
  }
  return {
    catalogues: catalogues.map((c) => ({
      file: c.file,
      title: c.info.title,
      publisher: c.info.publisher ?? null,
      compiled: c.info.compiled ?? null,
      entries: c.entries.length,
    })),
    entries,
    entriesWithoutUrl,
    urls,
    uniqueUrls: unique.size,
    hosts: hosts.size,
    sections: [...sections.values()],
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Terminal text for `rotwatch catalogue`; control characters from the files are removed. */
export function renderCatalogueSummary(s: CatalogueSummary): string {
  const out: string[] = [];
  for (const c of s.catalogues) {
    const about = [c.publisher, c.compiled && `compiled ${c.compiled}`].filter(Boolean).join(', ');
    out.push(
      `${c.file}: ${c.title}${about ? ` (${about})` : ''}, ${plural(c.entries, 'entry', 'entries')}`,
    );
  }
  out.push('');
  out.push(
    `${plural(s.catalogues.length, 'catalogue')}, ${plural(s.entries, 'entry', 'entries')}, ` +
      `${plural(s.urls, 'URL')} (${s.uniqueUrls} unique, ${plural(s.hosts, 'host')})` +
      (s.entriesWithoutUrl > 0
        ? `, ${plural(s.entriesWithoutUrl, 'entry', 'entries')} without a URL`
        : ''),
  );
  if (s.sections.length > 0) {
    const width = Math.min(60, Math.max(7, ...s.sections.map((x) => [...x.section].length)));
    out.push('');
    out.push(`${'Section'.padEnd(width)}  Entries   URLs`);
    for (const x of s.sections) {
      const name =
        [...x.section].length > width
          ? `${[...x.section].slice(0, width - 1).join('')}…`
          : x.section;
      out.push(
        `${name.padEnd(width)}  ${String(x.entries).padStart(7)}  ${String(x.urls).padStart(5)}`,
      );
    }
  }
  return `${stripControl(out.join('\n'))}\n`;
}

const BIDI_AND_C1_CONTROLS = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON with the characters JSON.stringify leaves raw but a terminal may act on (DEL, C1
 * controls, bidi overrides) written as \u escapes: same data, safe to print.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    BIDI_AND_C1_CONTROLS,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
