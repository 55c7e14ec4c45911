import type { FetchOutcome, PageMeta } from '../model/index.js';
import { parsedUrl } from '../text/parsed-url.js';
import { isDeepLink, isSignInPage } from './redirects.js';
import { isSiteName } from './site-name.js';
import { fold, textTokens, words } from './text.js';

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
 * Words outside the login form up to which the form is the page (a logo, a line, a footer). Past
 * it, a short page is a sign-in page only if it says a sign-in is needed: a forum topic with
 * phpBB's quick-login box in a plain <div> carries the topic's words beside the form.
 */
const SIGN_IN_OTHER_WORDS = 40;
/** Words outside the login form up to which the form is the page even under a heading. */
const SIGN_IN_BARE_WORDS = 12;

/** Sentences that send the reader to sign in for the document (folded). */
const SIGN_IN_NEEDED =
  /(?:^| )(?:(?:log|sign) ?in (?:to|for) (?:view|access|read|see|continue|download|watch)|(?:must|need to|have to) (?:be )?(?:logged|signed) ?in|please (?:log|sign) ?in|(?:members|subscribers) only|(?:connectez vous|identifiez vous|authentifiez vous) pour|(?:devez|veuillez) (?:etre connectee?|vous (?:connecter|identifier|authentifier))|reservee? aux (?:membres|abonnes|adherents|utilisateurs)|(?:melden sie sich|loggen sie sich) (?:bitte )?an|(?:mussen|muss) (?:angemeldet|eingeloggt)|bitte (?:anmelden|einloggen)|nur fur (?:mitglieder|abonnenten)|(?:debes|debe|tienes que) (?:iniciar sesion|identificarte)|inicia sesion para|solo para (?:miembros|suscriptores)|devi (?:effettuare l'accesso|accedere|essere registrato)|accedi per|riservato agli (?:utenti|iscritti|abbonati))(?= |$)/;

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
  const total = textTokens(meta).length;
  if (total > SIGN_IN_MAX_WORDS) return false;
  // Words that ask for a sign-in ("Connectez-vous pour lire la suite"): the page is the sign-in.
  if (SIGN_IN_NEEDED.test(words(meta.text))) return true;
  const other = total - (meta.signals.loginFormWords ?? 0);
  // The form and nearly nothing else (a heading naming the document, a logo): a sign-in page.
  if (other <= SIGN_IN_BARE_WORDS) return true;
  // A heading of its own and a few lines beside the form (a haiku, a forum reply under a login
  // widget in a plain <div>) is the page's content; the site's name as heading is not.
  const headed = meta.h1 !== null && !isSiteName(meta.h1, meta, null, res.url);
  return other <= SIGN_IN_OTHER_WORDS && !headed;
}
