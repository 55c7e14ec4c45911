import type { FetchOutcome, PageMeta } from '../model/index.js';
import { parsedUrl } from '../text/parsed-url.js';
import { isDeepLink, isSignInPage } from './redirects.js';
import { fold, textTokens } from './text.js';

/*
 * Two kinds of 200 answers that are not the document: a page with nothing in it, and a
 * sign-in form put where the document was.
 */

const HTML = /^(text\/html|application\/xhtml\+xml)$/;

/** Fewer visible words than this, with nothing else on the page, is an empty page. */
const EMPTY_MAX_WORDS = 3;

/**
 * A 2xx HTML answer with (next to) nothing in it: no title, no text beyond a couple of words, no image,
 * media, frame, form or script (a page built by script is empty in its HTML and alive), no
 * refresh. Read whole: a body we stopped reading is not known to be empty.
 */
export function isEmptyPage(outcome: FetchOutcome, meta: PageMeta | null): boolean {
  const res = outcome.response;
  if (!res || res.status < 200 || res.status > 299 || res.status === 204) return false;
  if (!meta || meta.pdf || res.bodyTruncated) return false;
  if (!HTML.test(meta.contentType ?? '')) return false;
  // Only pages read by the HTML extractor carry signals; without them nothing is known.
  if (!meta.signals || meta.signals.nonTextElements > 0 || meta.refresh) return false;
  // A page with a title says what it is, even with an empty body (a stub, a frame target).
  if (meta.htmlTitle || meta.ogTitle || meta.h1) return false;
  return textTokens(meta).length < EMPTY_MAX_WORDS;
}

/** Sign-in wordings of titles and headings (folded). */
const SIGN_IN_TITLE =
  /(^|[^a-z])(log ?in|log on|sign ?in|sign on|anmelden|anmeldung|einloggen|connexion|se connecter|identifiez-vous|identification|authentification|authentication|iniciar sesion|inicia sesion|acceder|accedi|accesso|login richiesto|members only|member login|espace membres?|reserve aux (?:membres|abonnes)|mitgliederbereich)([^a-z]|$)/;

/** A sign-in form page carries little text of its own; an article with a login box in a sidebar does not. */
const SIGN_IN_MAX_WORDS = 150;

/**
 * A sign-in form answered at a deep URL (200, no redirect to a login URL): the document is
 * behind a login, not gone. The page must be a sign-in page, not a page that happens to carry
 * a login box: a password field and either a sign-in title or heading, or little text.
 */
export function isSignInForm(outcome: FetchOutcome, meta: PageMeta | null): boolean {
  const res = outcome.response;
  if (!res || res.status < 200 || res.status > 299 || !meta?.signals?.passwordField) return false;
  const cited = parsedUrl(outcome.requestedUrl);
  if (!cited || !isDeepLink(cited) || isSignInPage(cited)) return false;
  const heading = fold(`${meta.htmlTitle ?? meta.title ?? ''} | ${meta.h1 ?? ''}`);
  if (SIGN_IN_TITLE.test(heading)) return true;
  // A login box in the header or a sidebar of a short page (a poem, a forum post) is not the page.
  if (meta.signals.passwordOnlyInChrome) return false;
  return textTokens(meta).length <= SIGN_IN_MAX_WORDS;
}
