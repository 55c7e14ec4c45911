import type { FetchedResponse, PageMeta } from '../model/index.js';
import { fold } from './text.js';

/*
 * Bot walls: anti-bot services answer a challenge page instead of the resource, usually with
 * 403 or 503, sometimes 200/202. Such an answer says nothing about the resource, so it is
 * `blocked` ('bot-wall'), never `dead` or `error`. Markers must be specific to a challenge:
 * `server: cloudflare` alone is on every Cloudflare site, real 404s included.
 */

export interface BotWall {
  vendor: string;
}

function bodyPrefix(res: FetchedResponse): string {
  // Markers are ASCII: a latin1 view of the first 32 KiB is enough and never throws.
  return Buffer.from(res.body.buffer, res.body.byteOffset, Math.min(res.body.byteLength, 32768))
    .toString('latin1')
    .toLowerCase();
}

const CHALLENGE_TITLES: [RegExp, string][] = [
  [/^just a moment/, 'Cloudflare'],
  [/^attention required!? \| cloudflare/, 'Cloudflare'],
  [/^un instant/, 'Cloudflare'],
  [/^einen moment/, 'Cloudflare'],
  [/^please wait while we verify|^checking (your|if the site connection is secure)/, 'Cloudflare'],
  [/^access to this page has been denied/, 'PerimeterX'],
  [/^pardon our interruption/, 'Imperva'],
  [/^human verification|^are you a (human|robot)|^verify you are human/, 'anti-bot service'],
  [/^ddos-guard/, 'DDoS-Guard'],
];

/** A title that is nothing but a challenge banner (folded: "…" is "..."). */
const WHOLE_CHALLENGE_TITLE =
  /^(just a moment|un instant|einen moment|un momento|one moment, please|please wait|checking your browser|verify you are human|are you a (human|robot)\??|human verification)[.!\s]*(\| cloudflare)?$/;

/** [marker, vendor, also on a 200/202 page]: some scripts are injected into every page. */
const BODY_MARKERS: [string, string, boolean][] = [
  ['window._cf_chl_opt', 'Cloudflare', true],
  ['/cdn-cgi/challenge-platform/', 'Cloudflare', false],
  ['captcha-delivery.com', 'DataDome', true],
  ['incapsula incident id', 'Imperva Incapsula', true],
  ['_incapsula_resource', 'Imperva Incapsula', false],
  ['px-captcha', 'PerimeterX', true],
  ['/_sec/cp_challenge/', 'Akamai', true],
  ['sucuri website firewall', 'Sucuri', false],
  ['awswafintegration', 'AWS WAF', true],
];

const ACCESS_DENIED_START = /^access denied/;

export function detectBotWall(res: FetchedResponse, meta: PageMeta | null): BotWall | null {
  const h = res.headers;
  if ((h['cf-mitigated'] ?? '').toLowerCase().includes('challenge'))
    return { vendor: 'Cloudflare' };
  const waf = (h['x-amzn-waf-action'] ?? '').toLowerCase();
  if (waf === 'challenge' || waf === 'captcha') return { vendor: 'AWS WAF' };
  // Header-only markers count on refusals only: DataDome also tags pages it lets through.
  const refusal = [403, 405, 429, 503].includes(res.status);
  const passed = res.status === 200 || res.status === 202;
  if (!refusal && !passed) return null;
  if (refusal && (h['x-datadome'] !== undefined || h['x-dd-b'] !== undefined)) {
    return { vendor: 'DataDome' };
  }
  if (refusal && h['x-sucuri-block'] !== undefined) return { vendor: 'Sucuri' };

  const server = (h.server ?? '').toLowerCase();
  const body = bodyPrefix(res);
  const title = fold(meta?.htmlTitle ?? meta?.title ?? '').trim();
  for (const [re, vendor] of CHALLENGE_TITLES) {
    if (!re.test(title)) continue;
    const onCloudflare = server.includes('cloudflare');
    // A 200 titled "Just a moment..." is a wall only with corroboration (server or script),
    // and only when that is the whole title: "Un instant de poésie | Blog" on a site served
    // through Cloudflare is an article.
    if (!refusal && !WHOLE_CHALLENGE_TITLE.test(title)) continue;
    if (refusal || onCloudflare || body.includes('challenge')) {
      return { vendor: vendor === 'Cloudflare' && !onCloudflare ? 'anti-bot service' : vendor };
    }
  }
  if (refusal && ACCESS_DENIED_START.test(title) && server.includes('akamai')) {
    return { vendor: 'Akamai' };
  }
  for (const [marker, vendor, onPassed] of BODY_MARKERS) {
    if ((refusal || onPassed) && body.includes(marker)) return { vendor };
  }
  return null;
}
