import type { FetchOutcome, PageMeta } from '../model/index.js';
import { siteHost } from '../text/host.js';
import { parsedUrl } from '../text/parsed-url.js';
import { textTokens, words } from './text.js';

/*
 * Parked, for-sale and expired domains: the name still resolves and answers 200, but with a
 * registrar's or a marketplace's page ("This domain may be for sale", "This domain has expired",
 * ads for related searches) instead of the site. The site is gone even though nothing failed.
 */

/** Marketplaces a parked domain redirects to (the domain's own sale page). */
const MARKETPLACES = [
  'sedo.com',
  'dan.com',
  'afternic.com',
  'hugedomains.com',
  'undeveloped.com',
  'domainmarket.com',
  'buydomains.com',
  'brandbucket.com',
  'squadhelp.com',
  'atom.com',
  'efty.com',
  'perfectdomain.com',
];

/** "for sale", "parked" and "expired" wordings, over folded words. */
const FOR_SALE = new RegExp(
  [
    '(?:this|the) domain(?: name)?(?: [a-z0-9-]+(?: [a-z]{2,}){0,2})? (?:is|may be|might be|could be) for sale',
    '(?:this|the) (?:web ?site|website) (?:is|may be|might be) for sale',
    '(?:buy|purchase|make an offer on|inquire about) this domain',
    'domain(?: name)? (?:is )?for sale',
    '(?:this|the) domain(?: name)? (?:is|has been) (?:parked|registered and parked)',
    'parked free courtesy of',
    'this (?:web )?page is parked',
    // The disclaimer under the sponsored links of Bodis, ParkingCrew and Sedo landers.
    'neither the service provider nor the domain owner maintains? any relationship with the advertisers',
    'ce (?:nom de )?domaine (?:est|est peut etre|pourrait etre) (?:a vendre|en vente|parque)',
    '(?:acheter|acquerir) ce (?:nom de )?domaine',
    'nom de domaine a vendre',
    'diese domain(?: [a-z0-9-]+(?: [a-z]{2,}){0,2})? (?:steht zum verkauf|ist zu verkaufen|kann (?:man )?(?:erworben|gekauft) werden|ist geparkt|wurde geparkt|kaufen)',
    'domain (?:steht zum verkauf|kaufen|geparkt)',
    'este dominio (?:esta|puede estar|podria estar) (?:en venta|a la venta|aparcado)',
    'comprar este dominio',
    'dominio en venta',
    'questo dominio (?:e|potrebbe essere) (?:in vendita|parcheggiato)',
    '(?:acquista|compra) questo dominio',
    'dominio in vendita',
    // A registrar's page over a domain its owner did not renew: the site is gone as surely.
    // Demonstratives only: "the domain expired on Monday" may be news.
    'this domain(?: name)?(?: [a-z0-9-]+(?: [a-z]{2,}){0,2})? (?:has expired|is expired|expired on|has lapsed)',
    'ce (?:nom de )?domaine(?: [a-z0-9-]+(?: [a-z]{2,}){0,2})? (?:a expire|est expire)',
    'diese domain(?: [a-z0-9-]+(?: [a-z]{2,}){0,2})? ist (?:abgelaufen|ausgelaufen)',
    'este dominio(?: [a-z0-9-]+(?: [a-z]{2,}){0,2})? ha (?:caducado|expirado)',
    'questo dominio(?: [a-z0-9-]+(?: [a-z]{2,}){0,2})? e scaduto',
  ]
    .map((p) => `(?:^| )(?:${p})(?= |$)`)
    .join('|'),
  'g',
);

/** "If the domain is for sale, make an offer": advice, not the domain's own sale banner. */
const CONDITIONAL = /^(?:if|whether|when|unless|si|lorsque|quand|wenn|falls|ob|cuando|se|qualora)$/;
const SALE_WORDS = /^(?:is|may be|might be|could be) for sale$/;

/** Parking pages are short: a banner, some "related searches". Articles about domains are not. */
const MAX_PARKING_WORDS = 250;

function onMarketplace(u: Readonly<URL>): boolean {
  const host = siteHost(u.hostname);
  return MARKETPLACES.some((m) => host === m || host.endsWith(`.${m}`));
}

const LANDER_PATH = /^\/lander\/?$/i;
/** Bodis and ParkingCrew landers: `ww25.example.org/...?subid1=...` for `example.org`. */
const PARKING_MIRROR_LABEL = /^ww\d+$/i;
const PARKING_TRACKING_PARAM = /^subid\d*$/i;

/**
 * A redirect to a numbered `ww<n>.` host of the same domain carrying the parking service's
 * tracking parameter (`subid1`): its lander, whose page is built by script. A site's own `ww2.`
 * server (no such parameter) is not one.
 */
function onParkingMirror(from: Readonly<URL>, to: Readonly<URL>): boolean {
  const [first, ...rest] = to.hostname.toLowerCase().split('.');
  if (!first || !PARKING_MIRROR_LABEL.test(first)) return false;
  if (rest.join('.') !== siteHost(from.hostname)) return false;
  return [...to.searchParams.keys()].some((k) => PARKING_TRACKING_PARAM.test(k));
}

/**
 * What shows the domain is parked or for sale, or null: a redirect to a domain marketplace or
 * to a parking lander, scripts or frames of a parking service on a short page, or a short page
 * saying "this domain is for sale". A marketplace's own pages (the cited URL is on one) are not.
 */
export function parkedEvidence(outcome: FetchOutcome, meta: PageMeta | null): string | null {
  const res = outcome.response;
  const from = parsedUrl(outcome.requestedUrl);
  const to = res ? parsedUrl(res.url) : null;
  if (!res || !from || !to || onMarketplace(from)) return null;
  if (outcome.hops.length > 0 && siteHost(from.hostname) !== siteHost(to.hostname)) {
    if (onMarketplace(to)) return `it redirects to the domain marketplace ${to.hostname}`;
  }
  if (outcome.hops.length > 0 && LANDER_PATH.test(to.pathname)) {
    return `it redirects to a parking lander (${to.href})`;
  }
  if (outcome.hops.length > 0 && onParkingMirror(from, to)) {
    return `it redirects to a parking lander (${to.href})`;
  }
  if (!meta) return null;
  // The page's words, folded once per page and shared with the other rules (textTokens).
  const body = textTokens(meta);
  const heads = [words(meta.htmlTitle ?? ''), words(meta.h1 ?? '')].filter((w) => w !== '');
  const count = body.length + heads.reduce((n, w) => n + w.split(' ').length, 0);
  if (count > MAX_PARKING_WORDS * 2) return null;
  const service = meta.signals?.parkingService ?? null;
  if (service !== null) return `the page is served by the domain-parking service ${service}`;
  if (count > MAX_PARKING_WORDS) return null;
  const text = [...heads, ...body].join(' ');
  const said = saysForSale(text) ?? saysOwnNameForSale(text, from);
  return said ? `the page says "${said}"` : null;
}

/**
 * A word every FOR_SALE wording holds: most pages hold none, and the one test is far cheaper
 * than the alternation tried at every word. Keep it in step with FOR_SALE.
 */
const SALE_HINT = /domain|dominio|sale|parked|advertisers/;

/** The first "for sale" wording not said under a condition ("if the domain is for sale"). */
function saysForSale(text: string): string | null {
  if (!SALE_HINT.test(text)) return null;
  for (const m of text.matchAll(FOR_SALE)) {
    const before = text.slice(0, m.index).trim().split(' ').slice(-3);
    if (!before.some((w) => CONDITIONAL.test(w))) return m[0].trim();
  }
  return null;
}

/**
 * "example.com is for sale": the cited domain's own name offered for sale (Dan.com, Afternic and
 * GoDaddy landers name the domain rather than saying "this domain").
 */
function saysOwnNameForSale(text: string, cited: Readonly<URL>): string | null {
  const name = words(siteHost(cited.hostname));
  if (!name.includes(' ')) return null;
  for (let at = text.indexOf(`${name} `); at !== -1; at = text.indexOf(`${name} `, at + 1)) {
    if (at > 0 && text[at - 1] !== ' ') continue;
    const rest = text.slice(at + name.length + 1).split(' ', 4);
    for (const n of [3, 4]) {
      const phrase = rest.slice(0, n).join(' ');
      if (SALE_WORDS.test(phrase)) return `${name} ${phrase}`;
    }
  }
  return null;
}
