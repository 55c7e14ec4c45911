import { randomBytes } from 'node:crypto';
import { MAX_TEXT_CHARS } from '../extract/fold.js';
import type { FetchOutcome, PageMeta } from '../model/index.js';
import { parsedUrl } from '../text/parsed-url.js';
import { isHomePage, isSignInPage } from './redirects.js';
import { notFoundWordingOf } from './soft404.js';
import { fold, textTokens, tokens } from './text.js';

/*
 * Catch-all hosts answer 200 to any path. To tell a real page from "whatever you asked for,
 * here is the home page / an error template", the orchestrator fetches one random path per
 * host and we compare. Identical final URLs, or the same title and h1 with near-identical
 * text, mean the host could not tell our URL from nonsense: the document is gone.
 */

export interface ProbeResult {
  url: string;
  outcome: FetchOutcome;
  meta: PageMeta | null;
}

/** Word-shingle Jaccard similarity above which two pages count as the same page. */
export const SIMILARITY_THRESHOLD = 0.9;
const SHINGLE = 3;
/** Below this many words on both sides, text says too little to compare (JavaScript shells). */
const MIN_WORDS = 12;

const HTML_CONTENT_TYPE = /^\s*(text\/html|application\/xhtml\+xml)/i;

function isHtml(outcome: FetchOutcome, meta: PageMeta | null): boolean {
  const type = meta?.contentType ?? outcome.response?.headers['content-type'] ?? '';
  return HTML_CONTENT_TYPE.test(type);
}

export function needsProbe(outcome: FetchOutcome, meta: PageMeta | null): boolean {
  const res = outcome.response;
  if (!res || res.status < 200 || res.status > 299 || !isHtml(outcome, meta)) return false;
  const final = parsedUrl(res.url);
  if (!final || isHomePage(final)) return false;
  // Already dead by its own wording: spare a request. A title that says "404" only by number
  // may be an article about the status code: the probe tells (see probeAnswersMissing).
  const wording = notFoundWordingOf(meta);
  return wording === null || wording.numeric;
}

/**
 * The host answers a path that cannot exist with a real 404/410, with an error page titled
 * differently from `meta`'s: it says "missing" by status, so a 200 page titled "404 ..." is not
 * its error page. (The same title or heading as its 404 page means its error template, served
 * with 200.)
 */
export function probeAnswersMissing(
  probe: ProbeResult | null | undefined,
  meta: PageMeta | null,
): boolean {
  const status = probe?.outcome.response?.status;
  if (status !== 404 && status !== 410) return false;
  const title = (m: PageMeta | null | undefined) => fold(m?.htmlTitle ?? m?.title ?? '').trim();
  // The host's error heading ("Erreur 404") under another title: its error template, served
  // with 200 here and a bare site name for title. Only a heading that says the status: many
  // sites head every page, their 404 page included, with the site's name.
  const h1 = fold(meta?.h1 ?? '').trim();
  if (STATUS_IN_HEADING.test(h1) && h1 === fold(probe?.meta?.h1 ?? '').trim()) return false;
  return title(probe?.meta) !== title(meta);
}

/** A heading that names a missing-page status by its number. */
const STATUS_IN_HEADING = /\b(?:404|410)\b/;

const NON_TOKEN_CHARS = /[^A-Za-z0-9_-]/g;

export function probeUrlFor(url: string, random?: () => string): string {
  const token = random ? random() : randomBytes(8).toString('hex');
  const u = new URL(url);
  return `${u.origin}/rotwatch-probe-${token.replace(NON_TOKEN_CHARS, '')}`;
}

function shingles(words: string[]): Set<string> {
  const out = new Set<string>();
  if (words.length < SHINGLE) {
    if (words.length > 0) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '));
  return out;
}

export function similarity(a: string[], b: string[]): number {
  const sa = shingles(a);
  const sb = shingles(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  return common / (sa.size + sb.size - common);
}

/** Words of both URLs' paths: error pages often echo the requested path, which must not count. */
function pathWords(...urls: string[]): Set<string> {
  const out = new Set<string>();
  for (const url of urls) {
    const u = parsedUrl(url);
    if (!u) continue;
    let path = u.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {}
    for (const t of tokens(`${path} ${u.search}`)) out.add(t);
  }
  return out;
}

export type ProbeVerdict =
  | { kind: 'different' }
  | { kind: 'same'; why: 'final-url' | 'content' }
  /** Both pages are near-empty shells with the same title: nothing to compare. */
  | { kind: 'inconclusive' };

export function compareWithProbe(
  outcome: FetchOutcome,
  meta: PageMeta | null,
  probe: ProbeResult,
): ProbeVerdict {
  const target = outcome.response;
  const answer = probe.outcome.response;
  if (!target || !answer || answer.status < 200 || answer.status > 299)
    return { kind: 'different' };
  if (target.url === answer.url) {
    // Everything lands on a sign-in page: the site hides its documents, it has not lost them.
    const final = parsedUrl(target.url);
    if (final && isSignInPage(final)) return { kind: 'inconclusive' };
    return { kind: 'same', why: 'final-url' };
  }
  if (!meta || !probe.meta) return { kind: 'different' };
  const same = (a: string | null, b: string | null) =>
    fold(a ?? '').trim() === fold(b ?? '').trim();
  if (!same(meta.htmlTitle ?? meta.title, probe.meta.htmlTitle ?? probe.meta.title)) {
    return { kind: 'different' };
  }
  if (!same(meta.h1, probe.meta.h1)) return { kind: 'different' };
  const ignore = pathWords(outcome.requestedUrl, target.url, probe.url, answer.url);
  const a = textTokens(meta).filter((t) => !ignore.has(t));
  const b = textTokens(probe.meta).filter((t) => !ignore.has(t));
  // Too little text to tell two pages apart: a page built by script (an application's shell,
  // a static heading included) is the same HTML at every address. A short page with a heading
  // and no script of its own is compared: a minimal home page served for any path.
  if (a.length < MIN_WORDS && b.length < MIN_WORDS && (!meta.h1 || meta.signals?.scripted)) {
    return { kind: 'inconclusive' };
  }
  // The site's template (header, navigation, footer) is the same on every page, and on portal
  // sites it outweighs a short article: measured on whole texts, any two pages of such a site
  // look alike. Only what differs between the two pages is compared.
  const [da, db] = distinctive(a, b);
  if (da.length <= NOISE_WORDS && db.length <= NOISE_WORDS) {
    // Identical but for a date or a request id. If both texts were cut at the cap, only their
    // beginnings were seen, which every page of a site shares: same so far is not the same page.
    if (cutAtCap(meta.text) && cutAtCap(probe.meta.text)) return { kind: 'inconclusive' };
    return { kind: 'same', why: 'content' };
  }
  return similarity(da, db) >= SIMILARITY_THRESHOLD
    ? { kind: 'same', why: 'content' }
    : { kind: 'different' };
}

/** Differing words up to this many on each side are noise (a date, a counter, a request id). */
const NOISE_WORDS = 6;

/** How many tokens the two lists share at their beginning and, after that, at their end. */
export function commonEdges(a: readonly string[], b: readonly string[]): [number, number] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (
    end < a.length - start &&
    end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  ) {
    end++;
  }
  return [start, end];
}

/** The two token lists without their common beginning and common end. */
export function distinctive(a: readonly string[], b: readonly string[]): [string[], string[]] {
  const [start, end] = commonEdges(a, b);
  return [a.slice(start, a.length - end), b.slice(start, b.length - end)];
}

/** Whether extraction stopped at its cap (it cuts at a word boundary near the cap). */
function cutAtCap(text: string): boolean {
  return text.length >= MAX_TEXT_CHARS - 64;
}
