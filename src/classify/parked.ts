import type { FetchOutcome, PageMeta } from '../model/index.js';
import { siteHost } from '../text/host.js';
import { parsedUrl } from '../text/parsed-url.js';
import { words } from './text.js';

/*
 * Parked and for-sale domains: the name still resolves and answers 200, but with a registrar's
 * or a marketplace's page ("This domain may be for sale", ads for related searches) instead of
 * the site. The site is gone even though nothing failed.
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

/** "for sale" and "parked" wordings, over folded words. */
const FOR_SALE = new RegExp(
  [
    '(?:this|the) domain(?: name)?(?: [a-z0-9-]+(?: [a-z]{2,})?)? (?:is|may be|might be|could be) for sale',
    '(?:buy|purchase|make an offer on|inquire about) this domain',
    'domain(?: name)? (?:is )?for sale',
    '(?:this|the) domain(?: name)? (?:is|has been) (?:parked|registered and parked)',
    'parked free courtesy of',
    'this (?:web )?page is parked',
    'ce (?:nom de )?domaine (?:est|est peut etre|pourrait etre) (?:a vendre|en vente|parque)',
    '(?:acheter|acquerir) ce (?:nom de )?domaine',
    'nom de domaine a vendre',
    'diese domain(?: [a-z0-9-]+(?: [a-z]{2,})?)? (?:steht zum verkauf|ist zu verkaufen|kann (?:man )?(?:erworben|gekauft) werden|ist geparkt|wurde geparkt|kaufen)',
    'domain (?:steht zum verkauf|kaufen|geparkt)',
    'este dominio (?:esta|puede estar|podria estar) (?:en venta|a la venta|aparcado)',
    'comprar este dominio',
    'dominio en venta',
    'questo dominio (?:e|potrebbe essere) (?:in vendita|parcheggiato)',
    '(?:acquista|compra) questo dominio',
    'dominio in vendita',
  ]
    .map((p) => `(?:^| )(?:${p})(?= |$)`)
    .join('|'),
);

/** Parking pages are short: a banner, some "related searches". Articles about domains are not. */
const MAX_PARKING_WORDS = 250;

function onMarketplace(u: Readonly<URL>): boolean {
  const host = siteHost(u.hostname);
  return MARKETPLACES.some((m) => host === m || host.endsWith(`.${m}`));
}

const LANDER_PATH = /^\/lander\/?$/i;

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
  if (!meta) return null;
  const text = words(`${meta.htmlTitle ?? ''} ${meta.h1 ?? ''} ${meta.text}`);
  const count = text === '' ? 0 : text.split(' ').length;
  if (count > MAX_PARKING_WORDS * 2) return null;
  const service = meta.signals?.parkingService ?? null;
  if (service !== null) return `the page is served by the domain-parking service ${service}`;
  if (count > MAX_PARKING_WORDS) return null;
  const m = FOR_SALE.exec(text);
  return m ? `the page says "${m[0].trim()}"` : null;
}
