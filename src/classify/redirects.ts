import type { FetchOutcome, Hop } from '../model/index.js';
import { siteHost } from '../text/host.js';
import { parsedUrl } from '../text/parsed-url.js';

/** Status codes that say "use the new URL from now on". */
export const PERMANENT_REDIRECTS: ReadonlySet<number> = new Set([301, 308]);

/**
 * Hosts whose whole job is to redirect (link shorteners). A shortened link that lands on a home
 * page may well have pointed at that home page, so depth is judged on the URL they point to.
 */
const SHORTENERS: ReadonlySet<string> = new Set([
  'bit.ly',
  'buff.ly',
  'goo.gl',
  'is.gd',
  'lnkd.in',
  'ow.ly',
  't.co',
  'tinyurl.com',
  'urlz.fr',
]);

/** Query parameters that never select a resource (tracking), ignored when judging depth. */
const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|xtor|at_medium|at_campaign)$/i;

const INDEX_FILE = '(index|default|accueil|home|homepage)(\\.(html?|php|aspx?|jsp|cfm))?';
/** A language root: /fr, /fr/, /en-us, /fr_FR/, /de-de/index.html ... */
const LANG = '[a-z]{2}([-_][a-z]{2})?';
const HOME_PATH = new RegExp(`^/((${LANG})/?)?(${INDEX_FILE}/?)?$`, 'i');

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `/`, an index page, or a language root such as `/fr/` or `/en-us/index.html`. */
export function isHomePath(pathname: string): boolean {
  return HOME_PATH.test(safeDecode(pathname));
}

function hasSelectingQuery(u: Readonly<URL>): boolean {
  for (const key of u.searchParams.keys()) if (!TRACKING_PARAM.test(key)) return true;
  return false;
}

/** A link to something below the home page: a non-home path, or any selecting query string. */
export function isDeepLink(u: Readonly<URL>): boolean {
  return !isHomePath(u.pathname) || hasSelectingQuery(u);
}

export function isHomePage(u: Readonly<URL>): boolean {
  return isHomePath(u.pathname) && !hasSelectingQuery(u);
}

const INDEX_PAGE = /\/(index|default)\.(html?|php|aspx?)$/;
const TRAILING_SLASHES = /\/+$/;

/**
 * The same resource spelled differently: http/https, with/without www, default port, trailing
 * slash, explicit index file, percent-encoding or letter case of the path, tracking parameters
 * (utm_*...). Fragments ignored.
 */
export function sameResource(a: string, b: string): boolean {
  const ua = parsedUrl(a);
  const ub = parsedUrl(b);
  if (!ua || !ub) return false;
  const key = (u: Readonly<URL>) => {
    const scheme = u.protocol === 'http:' || u.protocol === 'https:' ? 'web' : u.protocol;
    const port = u.port === '' || u.port === '80' || u.port === '443' ? '' : u.port;
    const path = safeDecode(u.pathname)
      .toLowerCase()
      .replace(INDEX_PAGE, '/')
      .replace(TRAILING_SLASHES, '');
    const query = [...u.searchParams].filter(([k]) => !TRACKING_PARAM.test(k));
    return `${scheme}//${siteHost(u.hostname)}:${port}${path}?${new URLSearchParams(query)}`;
  };
  return key(ua) === key(ub);
}

/** Last path segments of sign-in pages (extension ignored). */
const SIGN_IN_SEGMENT =
  /^(log-?in|log_in|sign-?in|sign_in|signon|servicelogin|wp-login|connexion|se-connecter|identification|anmelden|authenticate|auth|sso)$/i;

/** Words that name a sign-in step anywhere in a path (`/v3/signin/identifier`). */
const SIGN_IN_WORD = /^(log-?in|log_in|sign-?in|sign_in|servicelogin|connexion)$/i;

/** Query parameters a sign-in page uses to send the reader back once logged in. */
const RETURN_PARAM =
  /^(continue|next|return|returnto|return_to|returnurl|return_url|redirect|redirect_to|redirect_uri|redirecturl|service|target|destination|goto|relaystate|samlrequest|back)$/i;

/** First host labels of dedicated sign-in hosts: login.example.org, sso.univ.fr, cas.example.edu. */
const SIGN_IN_HOST = /^(login|signin|sso|auth|idp|cas|connexion|authentification|identification)$/i;

const FILE_EXTENSION = /\.[a-z0-9]+$/i;
const INDEX_NAME = /^(index|default)$/i;
const SSO_LOGIN_PATH = /\/(cas|sso|idp|oauth2?|saml2?)\/(login|authorize|auth)\b/i;

/**
 * A sign-in page: its last path segment is login/signin/connexion..., a CAS/SSO login path, a
 * dedicated sign-in host (login.example.org/...), or a sign-in word in the path together with a
 * "send me back to" parameter (accounts.example.com/v3/signin/identifier?continue=...).
 */
export function isSignInPage(u: Readonly<URL>): boolean {
  const segments = safeDecode(u.pathname)
    .split('/')
    .filter((s) => s !== '');
  let last = (segments.at(-1) ?? '').replace(FILE_EXTENSION, '');
  // `/login/index.php` (Moodle), `/signin/default.aspx`: the folder names the page.
  if (INDEX_NAME.test(last) && segments.length >= 2) {
    last = segments.at(-2)!.replace(FILE_EXTENSION, '');
  }
  if (SIGN_IN_SEGMENT.test(last)) return true;
  if (SSO_LOGIN_PATH.test(u.pathname)) return true;
  const labels = u.hostname.split('.');
  // Only a subdomain names a role: cas.org is a site, cas.example.edu its sign-in service.
  if (labels.length >= 3 && SIGN_IN_HOST.test(labels[0] ?? '')) return true;
  const returns = [...u.searchParams.keys()].some((k) => RETURN_PARAM.test(k));
  return returns && segments.some((s) => SIGN_IN_WORD.test(s.replace(FILE_EXTENSION, '')));
}

export interface RedirectAnalysis {
  /** The URL the catalogue should use from now on, when the move is permanent; else null. */
  permanentTarget: string | null;
  /** True when the permanent move is only a respelling of the requested URL (see sameResource). */
  trivial: boolean;
  /** A deep link that ended on a home page. */
  toHome: boolean;
  /** Redirected to a sign-in page (the cited URL itself was not one). */
  toSignIn: boolean;
}

/**
 * Reads the redirect chain of an answered request.
 *
 * A move is permanent only when it is made of permanent (301/308) hops from the requested URL
 * onward; trivial respellings (http->https by 302, www, slash) may sit in between. The first
 * temporary hop that goes somewhere else ends the search: a resolver such as doi.org answers
 * 302 on purpose, and whatever the publisher does after it is not a reason to rewrite the DOI.
 */
export function analyseRedirects(outcome: FetchOutcome): RedirectAnalysis {
  const hops = outcome.hops;
  const finalUrl = outcome.response?.url ?? null;
  let permanentTarget: string | null = null;
  let current = outcome.requestedUrl;
  for (const hop of hops) {
    if (!hop.location) break;
    if (PERMANENT_REDIRECTS.has(hop.status)) permanentTarget = hop.location;
    else if (!sameResource(current, hop.location)) break;
    current = hop.location;
  }
  return {
    permanentTarget,
    trivial: permanentTarget !== null && sameResource(outcome.requestedUrl, permanentTarget),
    toHome:
      hops.length > 0 &&
      finalUrl !== null &&
      deepLinkLandedHome(outcome.requestedUrl, hops, finalUrl),
    toSignIn:
      hops.length > 0 && finalUrl !== null && landedOnSignIn(outcome.requestedUrl, finalUrl),
  };
}

function deepLinkLandedHome(requested: string, hops: Hop[], finalUrl: string): boolean {
  const final = parsedUrl(finalUrl);
  let origin = parsedUrl(requested);
  if (!final || !origin) return false;
  if (SHORTENERS.has(siteHost(origin.hostname))) {
    const first = hops[0]?.location ? parsedUrl(hops[0].location) : null;
    if (!first || first.href === final.href) return false;
    origin = first;
  }
  if (!isDeepLinkForHome(origin) || !isHomePage(final)) return false;
  if (pointsIntoPage(hops, requested)) return false;
  return !sectionMovedToSubdomain(origin, final);
}

const EMPTY_FRAGMENT = /^#!?\/?$/;

/**
 * The last redirect names a place in the page (`/#contact`): a site rebuilt as one page sends
 * /contact there, and the section is what the link cited. Only the recorded Location keeps the
 * fragment (it is never sent to the server).
 */
function pointsIntoPage(hops: Hop[], requested: string): boolean {
  const last = hops.at(-1)?.location;
  const u = last ? parsedUrl(last) : null;
  if (u === null || u.hash.length <= 1 || EMPTY_FRAGMENT.test(u.hash)) return false;
  // A Location without a fragment inherits the cited URL's (RFC 9110): that one says nothing.
  return u.hash !== (parsedUrl(requested)?.hash ?? '');
}

/** Query parameters that only pick the language of the same page (`/?lang=fr` lands on `/fr/`). */
const LANGUAGE_PARAM = /^(lang|language|locale|hl|lng)$/i;

/** Depth for the home-page rule: a language switch on the home page is not a deep link. */
function isDeepLinkForHome(u: Readonly<URL>): boolean {
  if (!isHomePath(u.pathname)) return true;
  for (const key of u.searchParams.keys()) {
    if (!TRACKING_PARAM.test(key) && !LANGUAGE_PARAM.test(key)) return true;
  }
  return false;
}

/**
 * A site section that became its own host: example.org/blog -> blog.example.org/. The cited URL
 * was the section's front page, and its front page is where it landed: moved, not gone.
 */
function sectionMovedToSubdomain(origin: Readonly<URL>, final: Readonly<URL>): boolean {
  const segments = safeDecode(origin.pathname)
    .split('/')
    .filter((s) => s !== '');
  if (segments.length !== 1 || hasSelectingQuery(origin)) return false;
  const section = segments[0]!.toLowerCase();
  return siteHost(final.hostname) === `${section}.${siteHost(origin.hostname)}`;
}

function landedOnSignIn(requested: string, finalUrl: string): boolean {
  const from = parsedUrl(requested);
  const to = parsedUrl(finalUrl);
  return from !== null && to !== null && isSignInPage(to) && !isSignInPage(from);
}
