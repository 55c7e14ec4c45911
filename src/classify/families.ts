import type { Classification, FetchOutcome, PageMeta } from '../model/index.js';
import { parsedUrl } from '../text/parsed-url.js';
import { isEmptyPage, isSignInForm } from './page-kind.js';
import { parkedEvidence } from './parked.js';
import { commonEdges, type ProbeResult } from './probe.js';
import { hasProse } from './prose.js';
import { isDeepLink, sameResource } from './redirects.js';
import { analyseRefresh } from './refresh.js';
import { findRemoval } from './removal.js';
import {
  isSearchUrl,
  mayBeCitedSearch,
  mayBeSearchUrl,
  saysSearchResults,
  searchOfCitedWords,
} from './search.js';
import { isSiteName, titleIsSiteName } from './site-name.js';
import { textTokens, words } from './text.js';

/*
 * The soft-404 families beyond "the title says not found": parked domains, empty pages, sign-in
 * forms, search pages standing in for removed articles, and pages whose text says the item was
 * removed. Each rule needs a 2xx HTML answer; each errs towards `ok` (a missed dead link costs
 * less than a false one).
 */

export interface FamilyInput {
  outcome: FetchOutcome;
  meta: PageMeta | null;
  probe?: ProbeResult | null;
}

function answered(outcome: FetchOutcome): boolean {
  const res = outcome.response;
  return !!res && res.status >= 200 && res.status <= 299;
}

function deep(url: string): boolean {
  const u = parsedUrl(url);
  return u !== null && isDeepLink(u);
}

/** Rules that read the page's kind (parked, empty, sign-in form); checked before its wording. */
export function classifyPageKind(input: FamilyInput): Classification | null {
  const { outcome, meta } = input;
  if (!answered(outcome)) return null;
  const res = outcome.response!;

  const parked = parkedEvidence(outcome, meta);
  if (parked) {
    return {
      status: 'dead',
      reason: 'parked-domain',
      message: `The domain is parked or for sale: ${parked}. The site is gone.`,
    };
  }

  if (isEmptyPage(outcome, meta)) {
    return {
      status: 'error',
      reason: 'empty-page',
      message: `The server answered ${res.status} with an empty page: the document is not there this time (a failing script gives the same).`,
    };
  }

  if (isSignInForm(outcome, meta)) {
    return {
      status: 'blocked',
      reason: 'login-required',
      message: `The server answered ${res.status} with a sign-in form instead of the document: it needs a login; check by hand.`,
    };
  }

  return null;
}

/** Where a deep link that is no search itself was sent to a search page (HTTP or refresh). */
function redirectedToSearch(outcome: FetchOutcome, meta: PageMeta | null): string | null {
  const requested = outcome.requestedUrl;
  const res = outcome.response!;
  const toSearch = (url: string) => isSearchUrl(url) || searchOfCitedWords(url, requested);
  let target: string | null = null;
  if (outcome.hops.length > 0 && !sameResource(requested, res.url) && toSearch(res.url)) {
    target = res.url;
  } else {
    const refresh = analyseRefresh(outcome, meta);
    if (refresh && toSearch(refresh.url)) target = refresh.url;
  }
  // The cited URL's own kind is looked at last: most pages go nowhere near a search page.
  if (target === null || !deep(requested) || mayBeCitedSearch(requested)) return null;
  return target;
}

/** Main text words beyond which an error message is no longer the page's main content. */
const SHORT_PAGE_WORDS = 60;
/** In a short page, the message must open it (after the site's own template). */
const OPENING_WORDS = 15;
/** With a title that is only the site's name, the message may sit further down. */
const SITE_TITLE_WORDS = 300;
const SITE_TITLE_OPENING = 80;

/**
 * Words of the shared template given back on each side of the page's own words. The host's
 * error page often opens or ends its message with the same words as the page's ("This page
 * isn't available" against "This video has been removed"): cut at the first difference, the
 * message would lose its subject ("video has been removed") or its verb.
 */
const EDGE_WORDS = 4;

/**
 * The page's own words: its text without what it shares with the host's answer to the probe
 * (the site's header, menus and footer around an error message), give or take a few words.
 * `from` is the index of the first of them in the page's words.
 */
function mainWords(
  meta: PageMeta,
  probe: ProbeResult | null | undefined,
): { words: readonly string[]; from: number } {
  const own = textTokens(meta);
  const template = probe?.meta?.text ? textTokens(probe.meta) : [];
  if (template.length === 0) return { words: own, from: 0 };
  const [start, end] = commonEdges(own, template);
  if (start + end >= own.length) return { words: [], from: 0 };
  const from = Math.max(0, start - EDGE_WORDS);
  return { words: own.slice(from, own.length - Math.max(0, end - EDGE_WORDS)), from };
}

/** Headings that only exclaim or label ("Oups", "Sorry", "Hinweis"): no subject of their own. */
const INTERJECTION_HEADING =
  /^(?:(?:oops|oups|whoops|ups|oh|no|non|hmm+|sorry|desole|desolee|error|erreur|fehler|errore|lo|sentimos|ci|dispiace|entschuldigung|attention|achtung|atencion|attenzione|information|info|avis|hinweis|aviso|avviso|404)(?: |$))+$/;

/**
 * The page's first heading names a subject of its own (an article's headline), neither the
 * site's name, nor an exclamation, nor a removal banner. Its title, only the site's name, is
 * then the site's template (small sites and script-built pages title every page so), not the
 * mark of an item that is gone: "Cette vidéo a été retirée de YouTube après une plainte..."
 * under the headline "Une vidéo de la mairie retirée" is news.
 */
function headlineOfItsOwn(
  meta: PageMeta,
  probe: ProbeResult | null | undefined,
  finalUrl: string,
): boolean {
  const h1 = meta.h1 ? words(meta.h1) : '';
  if (h1 === '' || INTERJECTION_HEADING.test(h1)) return false;
  if (isSiteName(meta.h1, meta, probe, finalUrl)) return false;
  return findRemoval(h1, { strict: false }) === null;
}

/**
 * The page presents something of its own: a first heading of its own, or a title that is neither
 * the site's name nor an error banner ("Le Voyage — Éditions Dupuis", "Der Zauberberg | Shop").
 */
function namesItsItem(
  meta: PageMeta,
  probe: ProbeResult | null | undefined,
  finalUrl: string,
): boolean {
  if (headlineOfItsOwn(meta, probe, finalUrl)) return true;
  const title = words(meta.htmlTitle ?? meta.title ?? '');
  if (title === '' || titleIsSiteName(meta, probe, finalUrl)) return false;
  return findRemoval(title, { strict: false }) === null;
}

/**
 * Search pages and removal wordings; checked after the title/h1 "not found" rule and the
 * probe (whose reason, soft-404, they would only make less general).
 */
export function classifyWording(input: FamilyInput): Classification | null {
  const { outcome, meta, probe } = input;
  if (!answered(outcome)) return null;
  const res = outcome.response!;
  const requested = outcome.requestedUrl;

  const searchTarget = redirectedToSearch(outcome, meta);
  if (searchTarget) {
    return {
      status: 'dead',
      reason: 'redirect-to-search',
      message: `Redirected to the site's search page (${searchTarget}): the document is gone.`,
    };
  }

  if (!meta || meta.pdf) return null;
  const results = saysSearchResults(meta);
  if (results && deep(requested) && !mayBeCitedSearch(requested) && !mayBeSearchUrl(res.url)) {
    return {
      status: 'dead',
      reason: 'redirect-to-search',
      message: `The server answered ${res.status} with the site's search results ("${clip(results)}"): the document is gone.`,
    };
  }

  const { words: main, from } = mainWords(meta, probe);
  if (main.length === 0) return null;
  if (
    deep(requested) &&
    titleIsSiteName(meta, probe, res.url) &&
    !headlineOfItsOwn(meta, probe, res.url)
  ) {
    const scope = main.length <= SITE_TITLE_WORDS ? main : main.slice(0, SITE_TITLE_OPENING);
    const hit = findRemoval(scope.join(' '), { strict: false });
    // An article under the site's bare name ("Cette vidéo a été retirée de YouTube après une
    // plainte du maire..." and paragraphs more) is about the removal, not the item gone; so is
    // a product page that still describes the product in sentences.
    if (
      hit &&
      !hasProse(meta.text, textTokens(meta).length, from, from + main.length, from + hit.wordIndex)
    ) {
      return {
        status: 'dead',
        reason: 'soft-404',
        message: `The server answered ${res.status}, but the page is titled only with the site's name and says "${clip(hit.phrase)}": the document is gone.`,
      };
    }
  }
  if (main.length <= SHORT_PAGE_WORDS) {
    const hit = findRemoval(main.join(' '), { strict: true });
    // "Ce livre n'est plus disponible à la commande", "This book has been removed from the
    // reading list" under the item's own title or heading: the shop stopped selling it, or it
    // left some list; the page still presents it (see RemovalHit.sale and .elsewhere).
    if (
      hit &&
      hit.wordIndex <= OPENING_WORDS &&
      !((hit.sale || hit.elsewhere) && namesItsItem(meta, probe, res.url))
    ) {
      return {
        status: 'dead',
        reason: 'soft-404',
        message: `The server answered ${res.status} but the page says "${clip(hit.phrase)}": the document is gone.`,
      };
    }
  }
  return null;
}

const WHITESPACE_RUNS = /\s+/g;

function clip(text: string): string {
  const t = text.replace(WHITESPACE_RUNS, ' ');
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}
