/**
 * Does a page title still name the cited work? Titles are compared as words folded for accents,
 * case and punctuation (src/classify/text.ts), in every reading that real titles allow:
 * - a page title carries its site's name before or after a separator ("Title – Le Journal",
 *   "Site | Title"), so each run of its parts is tried;
 * - a catalogue title may give a subtitle after a colon or parallel titles in several languages
 *   ("Titre / Title"), so the main title and each parallel title are tried too;
 * - containment counts as a match ("Rapport annuel" in "Rapport annuel 2019 – Insee");
 * - otherwise the figure is the Dice coefficient of the two sets of content words.
 * A title naming other years than the other side's (2019 against 2020) is another edition of a
 * series: it is never taken as a match by containment, and its figure is halved.
 */
import { words } from '../classify/text.js';
import { siteHost } from '../text/host.js';

/** Similarity at or above which two titles are taken as the same work. */
export const TITLE_MATCH = 0.6;

export interface TitleComparison {
  match: boolean;
  /** 0..1, two decimals: 1 for equal or contained titles. */
  similarity: number;
}

/** Separators between a page title and its site's name. */
const SITE_SEPARATORS = /\s+[|–—·•»«:]\s+|\s+[-~/]\s+|\s+::\s+|\s*\|\s*/u;
/** Parallel titles in a catalogue ("Titre = Title", "Titre / Title"). */
const PARALLEL = /\s+[/=]\s+/u;
/** Subtitle marks in a catalogue title (a colon, French-spaced or not, or a dash). */
const SUBTITLE = /\s*:\s+|\s+[–—]\s+|\.\s+/u;

/**
 * Function words of the catalogue's usual languages (en, fr, de, es, it, nl, pt): sharing them
 * says nothing about two titles. Short words (one or two letters) are dropped anyway.
 */
const STOPWORDS = new Set(
  (
    'the and for with from that this are was its into about over under ' +
    'les des une aux par pour sur dans avec est sont qui que qu ces son ses leur leurs ' +
    'der die das und von den dem des ein eine einer zum zur mit auf fur ' +
    'los las del con por para una unos como ' +
    'gli della delle dei degli nel nella con per una ' +
    'het een van voor met ' +
    'dos das com uma'
  ).split(' '),
);

/** Titles that name no work: a site's home, an untitled document, an office file's default. */
const GENERIC =
  /^(home|home page|homepage|accueil|page d'accueil|index|untitled|untitled document|sans titre|document|welcome|bienvenue|startseite|inicio|pagina principale|here|ici|link|lien|source|click here|cliquez ici|read more|en savoir plus|pdf|login|log in|sign in|connexion|error|erreur|404|not found|page not found|powerpoint presentation|presentation powerpoint|diapositive \d+|slide \d+|layout \d+)$/;
/** Office and DTP defaults found in PDF metadata ("Microsoft Word - x.docx", "rapport.indd"). */
const FILE_LIKE =
  /^microsoft (word|powerpoint|excel) |\.(docx?|pdf|odt|rtf|indd|qxd|tex|pptx?|xlsx?)$/i;

/** The site label of a host: "lemonde" for www.lemonde.fr, "insee" for insee.fr. */
function siteLabels(host: string | null): string[] {
  if (!host) return [];
  const parts = siteHost(host).split('.');
  if (parts.length < 2) return [parts[0] ?? ''];
  // The label before the public suffix; second-level suffixes (co.uk, gouv.fr) need one more.
  const main = parts.length >= 3 && parts.at(-2)!.length <= 4 ? parts.at(-3)! : parts.at(-2)!;
  return [main, parts.slice(0, -1).join('')].filter((s) => s.length > 0);
}

const ANY_LETTER = /\p{L}/u;
const WORD_BREAKS = /[\s']+/g;

/**
 * Whether a title names something: not empty, not a generic word ("Accueil", "Untitled"), not an
 * office file's default, and not just the site's name (a deep link titled like its home page).
 */
export function isInformativeTitle(
  title: string | null | undefined,
  host: string | null = null,
): boolean {
  if (!title) return false;
  if (FILE_LIKE.test(title.trim())) return false;
  const w = words(title);
  if (w === '' || GENERIC.test(w)) return false;
  if (!ANY_LETTER.test(w)) return false;
  const squashed = w.replace(WORD_BREAKS, '');
  return !siteLabels(host).includes(squashed);
}

/** Readings of a page title: the whole, and every run of parts with site-name parts dropped. */
export function pageReadings(title: string): string[] {
  const p = parts(title);
  const out = new Set<string>([title]);
  for (let start = 0; start < p.length; start++) {
    for (let end = start + 1; end <= p.length; end++) out.add(p.slice(start, end).join(' '));
  }
  return [...out];
}

const BRACKETED_TEXT = /\[[^\]]*\]/g;

/** Readings of a catalogue title: the whole, each parallel title, each main title. */
export function catalogueReadings(title: string): string[] {
  const out = new Set<string>();
  const clean = title.replace(BRACKETED_TEXT, ' ').trim();
  for (const whole of [clean, ...clean.split(PARALLEL)]) {
    const t = whole.trim();
    if (t === '') continue;
    out.add(t);
    const main = t.split(SUBTITLE)[0]?.trim();
    if (main) out.add(main);
  }
  return [...out];
}

function contentWords(tokens: string[]): Set<string> {
  return new Set(tokens.filter((t) => t.length > 2 && !STOPWORDS.has(t)));
}

const YEAR = /^(1[5-9]\d\d|20\d\d)$/;

function years(tokens: string[]): Set<string> {
  return new Set(tokens.filter((t) => YEAR.test(t)));
}

/** Whether `inner` occurs in `outer` as a run of whole words. */
function containsWords(outer: string[], inner: string[]): boolean {
  if (inner.length === 0 || inner.length > outer.length) return false;
  scan: for (let i = 0; i + inner.length <= outer.length; i++) {
    for (let j = 0; j < inner.length; j++) if (outer[i + j] !== inner[j]) continue scan;
    return true;
  }
  return false;
}

/**
 * Two readings compared: 1 when `a` occurs whole in `b`, or when `b` occurs in `a` and covers
 * most of it (a page giving a shortened form of the title); else the Dice figure of their
 * content words. A lone short word ("Rapport") inside a long title says too little to count.
 */
function score(ta: string[], tb: string[]): number {
  if (ta.length === 0 || tb.length === 0) return 0;
  if (ta.join(' ') === tb.join(' ')) return 1;
  const ya = years(ta);
  const yb = years(tb);
  const otherYears = ya.size > 0 && yb.size > 0 && ![...ya].some((y) => yb.has(y));
  if (!otherYears) {
    if (substantial(ta) && containsWords(tb, ta)) return 1;
    if (substantial(tb) && tb.length >= COVER * ta.length && containsWords(ta, tb)) return 1;
  }
  const ca = contentWords(ta);
  const cb = contentWords(tb);
  if (ca.size === 0 || cb.size === 0) return 0;
  let shared = 0;
  for (const w of ca) if (cb.has(w)) shared++;
  // One shared word ("Ministère") is not a title in common, however short both sides are.
  const dice = Math.min((2 * shared) / (ca.size + cb.size), shared < 2 ? ONE_WORD_CAP : 1);
  return otherYears ? dice / 2 : dice;
}

/** The highest figure two titles sharing a single content word can reach (below a match). */
const ONE_WORD_CAP = 0.5;

const WORD_BREAK = /[\s']+/;

/** Folded words with elisions split ("l'oubli" and "l oubli" compare equal). */
function tokensOf(title: string): string[] {
  return words(title).split(WORD_BREAK).filter(Boolean);
}

/** Share of a title's words a shortened form must keep to count as the same title. */
const COVER = 0.6;

function substantial(tokens: string[]): boolean {
  return tokens.length >= 2 || (tokens[0]?.length ?? 0) >= 6;
}

function best(as: string[], bs: string[]): number {
  // Each reading is folded once: folding (NFKD) costs more than the comparisons.
  const ta = as.map(tokensOf);
  const tb = bs.map(tokensOf);
  let top = 0;
  for (const a of ta) {
    for (const b of tb) {
      top = Math.max(top, score(a, b));
      if (top === 1) return 1;
    }
  }
  return top;
}

function comparison(similarity: number): TitleComparison {
  const rounded = Math.round(similarity * 100) / 100;
  return { match: similarity >= TITLE_MATCH, similarity: rounded };
}

/** Parts of a page title between site separators, trimmed, empty ones dropped. */
function parts(title: string): string[] {
  return title
    .split(SITE_SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** A catalogue title against a page title. */
export function compareWithCatalogue(catalogueTitle: string, pageTitle: string): TitleComparison {
  return comparison(best(catalogueReadings(catalogueTitle), pageReadings(pageTitle)));
}

/**
 * Two page titles of one URL (last run's and this run's). The parts both share at their ends
 * are the site's name: they are set aside first, so "Rapport 2019 – Insee" and "Insee" differ
 * (the document's part is gone) where comparing every reading would match "Insee" with itself.
 */
export function comparePageTitles(before: string, now: string): TitleComparison {
  const a = parts(before);
  const b = parts(now);
  const same = (x: string | undefined, y: string | undefined) =>
    x !== undefined && y !== undefined && tokensOf(x).join(' ') === tokensOf(y).join(' ');
  while (a.length > 0 && b.length > 0 && same(a[0], b[0]) && (a.length > 1 || b.length > 1)) {
    a.shift();
    b.shift();
  }
  while (
    a.length > 0 &&
    b.length > 0 &&
    same(a.at(-1), b.at(-1)) &&
    (a.length > 1 || b.length > 1)
  ) {
    a.pop();
    b.pop();
  }
  if (a.length === 0 || b.length === 0) return comparison(a.length === b.length ? 1 : 0);
  return comparison(best(pageReadings(a.join(' | ')), pageReadings(b.join(' | '))));
}

/**
 * The one question `rotwatch fix` asks of titles (src/fix/plan.ts): does the page title `found`
 * still name the work `expected` names (the catalogue's title, or the page title seen before a
 * move, read as the reference)? Drift and fix share this rule, so a page drift calls "another
 * title" is never one fix calls "the same work". A title that names nothing ("Accueil", a
 * site's name alone) never matches: a redirect to a home page must not pass for the document.
 */
export function titlesMatch(expected: string | null, found: string | null): boolean {
  if (!isInformativeTitle(expected) || !isInformativeTitle(found)) return false;
  return compareWithCatalogue(expected as string, found as string).match;
}
