/**
 * Text extraction of the dossier -> blocks (sections, entries with their notes, URL blocks).
 * Pure: takes the text, returns blocks and problems.
 */
import { acceptHeading, headingCandidate, isUpperStyled } from './sections.js';
import { FRENCH_MONTH_PATTERN, FRENCH_MONTHS, fold } from './text.js';
import type { EntryBlock, ImportProblem, ParsedDossier, SectionBlock, UrlBlock } from './types.js';

const URL_LINE = /^\s*(https?:\/\/\S+)\s*$/;
/** Labels that open a reading note or a quoted presentation: the citation is over. */
const NOTE_LABEL =
  /^(note\b|notes\b|présentation\b|presentation\b|extraits?\b|introduction d|exploitations? p|\d?(er|ème) extrait|1er extrait)/i;
const CURRICULUM = /^exploitations? (pédagogiques? )?envisageables?/i;
const STAMP = new RegExp(`^([A-Z]{3,})\\s+(${FRENCH_MONTH_PATTERN})\\s+(\\d{4})\\s*$`, 'i');

interface Line {
  no: number;
  indent: number;
  text: string;
}

const LEADING_SPACES = /^[ \t\u00a0]*/;

function leadingSpaces(raw: string): number {
  const m = LEADING_SPACES.exec(raw);
  return m ? m[0].length : 0;
}

const SENTENCE_BREAK = /\.\s|\s[?!]\s/;
const CITATION_OPENING_MARK = /^[«"(\-–•]/;
const LOWERCASE_START = /^[a-zà-ÿ]/;
const DOMAIN_NAME = /[a-z0-9-]+\.(fr|com|org|net|gouv|io|eu|info)\b/i;
const UPPERCASE_OR_DIGIT_START = /^[A-ZÀ-ÝŒ0-9]/;
const SENTENCE_PUNCTUATION = /\.\s|\.$|\s[?!]\s/;

/** Does this (trimmed) line open a citation: "CREATORS. Title..." or a bare site name? */
export function looksLikeCitationStart(text: string): boolean {
  if (NOTE_LABEL.test(text) || CURRICULUM.test(text)) return false;

  const first = text.split(SENTENCE_BREAK)[0] ?? text;
  if (CITATION_OPENING_MARK.test(text)) return false;
  if (LOWERCASE_START.test(text)) {
    // lower case is fine only for a site name such as "etudiant.gouv.fr"
    return DOMAIN_NAME.test(first);
  }
  if (!UPPERCASE_OR_DIGIT_START.test(text)) return false;
  // creators are a name, not a sentence: short first segment, and either a sentence break or a
  // short line (site names like "Solidarité Numérique.")
  if (first.length > 170) return false;
  return SENTENCE_PUNCTUATION.test(text) || text.length < 60;
}

const FULL_STOP = /\.\s|\.$/;

/** An unnumbered heading in capitals ("ÉLÉMENTS D'INTRODUCTION") is not a citation. */
function isCapitalsHeading(line: string): boolean {
  return isUpperStyled(line) && !FULL_STOP.test(line);
}

const CITATION_END_PUNCTUATION = /[.!?»]\s*$/;

function endsCitation(text: string): boolean {
  return CITATION_END_PUNCTUATION.test(text);
}

/** A date or an extent: once a citation has one, a full stop really ends it. */
const HAS_DATE_OR_EXTENT =
  /\b(1[89]|20)\d\d\b|\b\d+\s*(p\.?|pages)(\s|$)|\bpp?\.\s*\d|\d+\s*min\b|\d+\s*['’]\s*\d*\s*$/i;
/** The citation's last part is a date or an extent: it is complete. */
const ENDS_WITH_DATE_OR_EXTENT =
  /(\b(1[89]|20)\d\d|\b\d+\s*(p\.?|pages)|\bpp?\.\s*[\d-]+|\d+\s*(min|minutes)(\s*\d+)?|\d+\s*['’]\s*\d*|\d+\s*à\s*\d+\))\s*[.)]*\s*$/i;

function withNextLine(lines: Line[], i: number): string {
  for (let k = i + 1; k < Math.min(lines.length, i + 4); k++) {
    const t = lines[k]!.text;
    if (t)
      return URL_LINE.test(t) || NOTE_LABEL.test(t)
        ? lines[i]!.text
        : joinWrapped(lines[i]!.text, t);
  }
  return lines[i]!.text;
}

const HYPHENATED_LINE_END = /[A-Za-zÀ-ÿ]-$/;

function joinWrapped(a: string, b: string): string {
  if (HYPHENATED_LINE_END.test(a)) return a + b;
  return `${a} ${b}`;
}

const CR_LINE_ENDINGS = /\r\n?/g;
const WHITESPACE_RUNS = /\s+/g;
const PAGE_NUMBER = /^\d{1,3}$/;
const SPACED_COLON = /\s:\s/;

export function parseDossier(text: string): ParsedDossier {
  const problems: ImportProblem[] = [];
  const sections: SectionBlock[] = [];
  const entries: EntryBlock[] = [];
  const urlBlocks: UrlBlock[] = [];
  const blocks: ParsedDossier['blocks'] = [];
  let compiled: string | undefined;
  let stamp: string | undefined;

  const lines: Line[] = text
    .replace(CR_LINE_ENDINGS, '\n')
    .split('\n')
    .map((raw, i) => ({ no: i + 1, indent: leadingSpaces(raw), text: raw.trim() }));
  if (lines.every((l) => l.text === '')) {
    problems.push({ code: 'empty-input', line: 1, message: 'the dossier text is empty' });
    return { sections, entries, urlBlocks, blocks, continued: new Set(), problems };
  }

  // Repeated short lines next to a page stamp are running headers; find them first.
  const counts = new Map<string, number>();
  for (const l of lines) if (l.text) counts.set(l.text, (counts.get(l.text) ?? 0) + 1);

  let page = 0;
  let pageStart = true; // the first text line of a page carries one extra space from the extractor
  let current: string | null = null;
  let inCurriculum = false;
  let entry: EntryBlock | null = null;
  let citationOpen = false;
  let awaitingDate = false;
  const continued = new Set<number>();
  let afterUrls = false;
  let runningHeader: string | undefined;

  const closeEntry = () => {
    entry = null;
    citationOpen = false;
    awaitingDate = false;
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.text) continue;

    const url = URL_LINE.exec(l.text);
    if (url) {
      const block: UrlBlock = { kind: 'urls', line: l.no, page, urls: [] };
      let j = i;
      for (; j < lines.length; j++) {
        const lj = lines[j]!;
        if (!lj.text) continue;
        const m = URL_LINE.exec(lj.text);
        if (!m) break;
        const u = m[1]!;
        const last = block.urls[block.urls.length - 1];
        if (last && last.url === u) last.repeats++;
        else block.urls.push({ url: u, line: lj.no, repeats: 1 });
      }
      urlBlocks.push(block);
      blocks.push(block);
      i = j - 1;
      page++;
      pageStart = true;
      afterUrls = true;
      citationOpen = false;
      continue;
    }

    const st = STAMP.exec(l.text);
    if (st) {
      stamp = l.text.replace(WHITESPACE_RUNS, ' ');
      const month = FRENCH_MONTHS[fold(st[2]!)];
      if (month) compiled = `${st[3]}-${String(month).padStart(2, '0')}`;
      pageStart = true;
      continue;
    }
    if (PAGE_NUMBER.test(l.text)) continue; // page number
    if ((counts.get(l.text) ?? 0) > 1 && l.text.length < 80 && isRunningHeader(lines, i)) {
      runningHeader ??= l.text;
      pageStart = true;
      continue;
    }

    const cand = headingCandidate(l.text);
    if (cand) {
      if (acceptHeading(current, cand)) {
        let title = cand.title;
        // capitals headings may wrap onto a following capitals line
        if (isUpperStyled(title)) {
          const next = lines[i + 1];
          if (next?.text && isUpperStyled(next.text) && !headingCandidate(next.text)) {
            title = `${title} ${next.text}`;
            i++;
          }
        }
        const s: SectionBlock = { kind: 'section', line: l.no, number: cand.number, title };
        sections.push(s);
        blocks.push(s);
        current = cand.number;
        afterUrls = false;
        inCurriculum = false;
        closeEntry();
        pageStart = false;
        continue;
      }
    }

    const bulletIndent = pageStart ? 2 : 1;
    const wasPageStart = pageStart;
    const startsEntry =
      !isCapitalsHeading(l.text) && looksLikeCitationStart(withNextLine(lines, i));
    if (afterUrls && !(l.indent >= 2 && startsEntry)) continued.add(page);
    afterUrls = false;
    pageStart = false;
    if (l.indent >= bulletIndent && startsEntry) {
      if (sections.length === 0) {
        problems.push({
          code: 'entry-before-section',
          line: l.no,
          message: `entry before any numbered section: "${l.text.slice(0, 60)}"`,
        });
      }
      const e: EntryBlock = {
        kind: 'entry',
        line: l.no,
        citation: l.text,
        notes: [],
        continuedNotes: [],
        page,
      };
      entries.push(e);
      blocks.push(e);
      entry = e;
      citationOpen = !endsCitation(l.text);
      awaitingDate = !citationOpen && !ENDS_WITH_DATE_OR_EXTENT.test(l.text);
      inCurriculum = false;
      continue;
    }

    if (CURRICULUM.test(l.text)) inCurriculum = true;
    const e = entry as EntryBlock | null;
    if (!e) continue;
    const canContinue = !wasPageStart && !NOTE_LABEL.test(l.text) && !inCurriculum;
    // a citation whose first part ended with a full stop but has no date or extent yet takes a
    // following short line that brings one ("Livre blanc.. / Renaissance numérique, mars 2017")
    const bringsDate =
      awaitingDate &&
      l.text.length < 150 &&
      HAS_DATE_OR_EXTENT.test(l.text) &&
      !SPACED_COLON.test(l.text);
    if (canContinue && (citationOpen || bringsDate)) {
      e.citation = joinWrapped(e.citation, l.text);
      citationOpen = !endsCitation(e.citation) && e.citation.length < 500;
      awaitingDate = !citationOpen && !ENDS_WITH_DATE_OR_EXTENT.test(e.citation);
      continue;
    }
    citationOpen = false;
    awaitingDate = false;
    e.notes.push(l.text);
    if (page > e.page) e.continuedNotes.push(l.text);
  }

  if (sections.length === 0)
    problems.push({ code: 'no-sections', line: 1, message: 'no numbered section heading found' });
  if (entries.length === 0)
    problems.push({ code: 'no-entries', line: 1, message: 'no entry (citation line) found' });
  const out: ParsedDossier = { sections, entries, urlBlocks, blocks, continued, problems };
  if (compiled) out.compiled = compiled;
  if (stamp) out.stamp = stamp;
  if (runningHeader) out.runningHeader = runningHeader;
  return out;
}

/** A repeated line within a few lines of a page stamp or page number. */
function isRunningHeader(lines: Line[], i: number): boolean {
  for (let k = Math.max(0, i - 6); k < Math.min(lines.length, i + 7); k++) {
    const t = lines[k]!.text;
    if (k !== i && (STAMP.test(t) || PAGE_NUMBER.test(t))) return true;
  }
  return false;
}
