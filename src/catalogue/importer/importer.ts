/**
 * The dossier importer: text -> catalogue draft + what it was unsure about. Pure.
 */
import type { Entry, EntryLink } from '../../model/index.js';
import { alignPage } from './align.js';
import { type EntryProfile, entryProfile, evidence, urlProfile } from './evidence.js';
import { parseCitation } from './fields.js';
import { parseDossier } from './parse.js';
import { makeIds } from './slug.js';
import type { Assignment, EntryFields, ImportProblem, ParsedDossier } from './types.js';

export interface ImportOptions {
  /** Name used in source positions (file: of entries and links). */
  file: string;
  /** Below this confidence an assignment is reported as unsure. Default 0.5. */
  minConfidence?: number;
}

export type DraftEntry = Omit<Entry, 'links'> & { links: EntryLink[] };

export interface ImportResult {
  info: { title: string; publisher?: string; compiled?: string };
  entries: DraftEntry[];
  assignments: Assignment[];
  problems: ImportProblem[];
  stats: {
    sections: number;
    entries: number;
    urls: number;
    assigned: number;
    unassigned: number;
    lowConfidence: number;
  };
}

/** margin -> 0..1; a margin of 1 (one clear evidence word) is about 0.7. */
export function confidenceOf(margin: number): number {
  if (!Number.isFinite(margin)) return 1;
  return Math.max(0, Math.min(1, margin / (margin + 0.4)));
}

const NOTE_KIND: [RegExp, string][] = [
  [/^note de visionnage/i, 'video'],
  [/^note d.écoute|^note de lecture et d.écoute/i, 'podcast'],
  [/^note d.exploration/i, 'website'],
];

const YOUTUBE_WORD = /you ?tube/i;
const PODCAST_WORD = /podcast/i;

function refineMedium(f: EntryFields, notes: string[]): string {
  const label = notes[0] ?? '';
  for (const [re, medium] of NOTE_KIND) {
    if (
      re.test(label) &&
      !(medium === 'podcast' && f.medium === 'video' && YOUTUBE_WORD.test(f.container ?? ''))
    )
      return medium === 'website' && f.medium !== 'web-page' && f.medium !== 'website'
        ? f.medium
        : medium;
  }
  if (f.medium === 'video' && PODCAST_WORD.test(notes.join(' '))) return 'podcast';
  return f.medium;
}

export function importDossier(text: string, opts: ImportOptions): ImportResult {
  const minConfidence = opts.minConfidence ?? 0.5;
  const parsed: ParsedDossier = parseDossier(text);
  const problems: ImportProblem[] = [...parsed.problems];

  const fields = parsed.entries.map((e) => {
    const f = parseCitation(e.citation);
    f.medium = refineMedium(f, e.notes);
    if (f.title === f.creators && f.medium !== 'website') {
      problems.push({
        code: 'unparsed-entry',
        line: e.line,
        message: `could not split citation: "${e.citation.slice(0, 80)}"`,
      });
    }
    return f;
  });
  const sectionOf = parsed.entries.map((e) => {
    let s = null as null | { number: string; title: string };
    for (const sec of parsed.sections)
      if (sec.line < e.line) s = { number: sec.number, title: sec.title };
    return s ?? { number: '0', title: '(before the first section)' };
  });
  const profiles: EntryProfile[] = parsed.entries.map((e, i) =>
    entryProfile({ ...fields[i]!, notes: e.notes }),
  );
  const links: EntryLink[][] = parsed.entries.map(() => []);
  const assignments: Assignment[] = [];

  for (const block of parsed.urlBlocks) {
    const cands: number[] = [];
    parsed.entries.forEach((e, i) => {
      if (e.page === block.page) cands.push(i);
    });
    if (parsed.continued.has(block.page)) {
      let prev = -1;
      parsed.entries.forEach((e, i) => {
        if (e.page < block.page) prev = i;
      });
      // an entry cut by the page break, unless a section heading came between
      const sectionBetween = parsed.sections.some(
        (s) =>
          prev >= 0 &&
          s.line > parsed.entries[prev]!.line &&
          s.line < block.line &&
          (cands.length === 0 || s.line < parsed.entries[cands[0]!]!.line),
      );
      if (prev >= 0 && !sectionBetween) cands.unshift(prev);
    }
    const ups = block.urls.map((u) => urlProfile(u.url));
    const df = (s: string) =>
      cands.filter((c) => {
        const p = profiles[c]!;
        return p.title.has(s) || p.names.has(s);
      }).length;
    // A cut entry's links on this page can only be anchored in its continued text, not in its
    // citation (printed on the page before): what its title says counts half.
    const cutCand =
      parsed.continued.has(block.page) &&
      cands[0] !== undefined &&
      parsed.entries[cands[0]]!.page < block.page;
    const ev = ups.map((u) =>
      cands.map((c, k) => {
        const x = evidence(profiles[c]!, u, df);
        return k === 0 && cutCand
          ? { ...x, score: x.score - 0.5 * x.titlePart, why: [...x.why, 'cut entry'] }
          : x;
      }),
    );
    const out = alignPage({
      evidence: ev.map((row) => row.map((x) => x.score)),
      hasLinks: cands.map((c) => links[c]!.length > 0),
    });
    block.urls.forEach((u, j) => {
      const c = out.choice[j] ?? -1;
      if (!isHttpUrl(u.url)) {
        problems.push({ code: 'invalid-url', line: u.line, message: `not a usable URL: ${u.url}` });
      }
      if (c < 0) {
        assignments.push({
          url: u.url,
          line: u.line,
          entry: null,
          evidence: 0,
          titleEvidence: 0,
          confidence: 0,
          why: cands.length ? 'no entry gained from it' : 'no entry on this page',
        });
        problems.push({ code: 'unassigned-url', line: u.line, message: `no entry for ${u.url}` });
        return;
      }
      const entryIndex = cands[c]!;
      // a choice made on position alone is never sure, whatever the margin
      const positionOnly = (ev[j]![c]!.score ?? 0) <= 0;
      const conf = Math.min(confidenceOf(out.margin[j] ?? 0), positionOnly ? 0.4 : 1);
      const why = ev[j]![c]!.why.join('; ') || 'position only';
      assignments.push({
        url: u.url,
        line: u.line,
        entry: entryIndex,
        evidence: ev[j]![c]!.score,
        titleEvidence: ev[j]![c]!.titlePart,
        confidence: conf,
        why,
      });
      if (!links[entryIndex]!.some((l) => l.url === u.url))
        links[entryIndex]!.push({ url: u.url, file: opts.file, line: u.line });
      if (conf < minConfidence) {
        const e = parsed.entries[entryIndex]!;
        problems.push({
          code: 'low-confidence',
          line: u.line,
          message: `${u.url} -> line ${e.line} "${fields[entryIndex]!.title.slice(0, 60)}" (confidence ${(Math.floor(conf * 100) / 100).toFixed(2)}; ${why})`,
        });
      }
    });
  }

  // Roles where an entry holds several links: the best-matching one is the entry's own link
  // (no role); a site's front page is 'site', another PDF 'document', anything else 'related'.
  const best = new Map<number, { url: string; score: number }>();
  for (const a of assignments) {
    if (a.entry === null) continue;
    // what the title says outweighs what the reading note says
    const score = a.evidence + a.titleEvidence;
    const cur = best.get(a.entry);
    if (!cur || score > cur.score) best.set(a.entry, { url: a.url, score });
  }
  links.forEach((ls, i) => {
    if (ls.length < 2) return;
    for (const l of ls) {
      if (l.url === best.get(i)?.url) continue;
      l.role = roleOf(l.url);
    }
  });

  const ids = makeIds(fields.map((f) => f));
  const entries: DraftEntry[] = parsed.entries.map((e, i) => {
    const f = fields[i]!;
    const entry: DraftEntry = {
      id: ids[i]!,
      file: opts.file,
      line: e.line,
      section: sectionOf[i]!,
      creators: f.creators,
      title: f.title,
      medium: f.medium,
      links: links[i]!,
    };
    if (f.container) entry.container = f.container;
    if (f.date) entry.date = f.date;
    if (f.extent) entry.extent = f.extent;
    return entry;
  });

  const info: ImportResult['info'] = { title: parsed.runningHeader ?? 'Imported dossier' };
  if (parsed.stamp) info.publisher = parsed.stamp.split(' ')[0]!;
  if (parsed.compiled) info.compiled = parsed.compiled;
  const urls = assignments.length;
  const unassigned = assignments.filter((a) => a.entry === null).length;
  return {
    info,
    entries,
    assignments,
    problems,
    stats: {
      sections: parsed.sections.length,
      entries: entries.length,
      urls,
      assigned: urls - unassigned,
      unassigned,
      lowConfidence: assignments.filter((a) => a.entry !== null && a.confidence < minConfidence)
        .length,
    },
  };
}

const PDF_EXTENSION = /\.pdf$/i;

function roleOf(url: string): string {
  try {
    const u = new URL(url);
    if (u.pathname === '/' || u.pathname === '') return 'site';
    if (PDF_EXTENSION.test(u.pathname)) return 'document';
  } catch {
    // an unparsable URL has been reported already
  }
  return 'related';
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
