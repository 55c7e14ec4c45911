import type { PageMeta } from '../model/index.js';
import { siteHost } from '../text/host.js';
import { parsedUrl } from '../text/parsed-url.js';
import type { ProbeResult } from './probe.js';
import { saysNotFound, segments } from './soft404.js';
import { tokens, words } from './text.js';

/*
 * "Is this page's title only the site's name?" A video or shop page whose item is gone often
 * keeps the site's bare name as its title ("YouTube", "Boutique Dupont") and says so in its
 * text. The site's name is known without a request of its own: from the page (og:site_name),
 * from the host's answer to the probe (its title, minus the error wording: "Page introuvable
 * | Boutique Dupont" names the site "Boutique Dupont"), and from the host name.
 */

const SPACES = / /g;

function compact(text: string): string {
  return words(text).replace(SPACES, '');
}

/** Names the site goes by, folded to words. */
export function siteNames(
  meta: PageMeta | null,
  probe: ProbeResult | null | undefined,
): Set<string> {
  const names = new Set<string>();
  const add = (t: string | null | undefined) => {
    const w = t ? words(t) : '';
    if (w !== '') names.add(w);
  };
  add(meta?.signals?.siteName);
  const probeTitle = probe?.meta?.htmlTitle ?? probe?.meta?.title ?? null;
  if (probeTitle) {
    const parts = segments(probeTitle);
    // A catch-all host's answer is its home page: its whole title is the site's name, and so
    // is each part of it ("Boutique Dupont - Accueil").
    if (!saysNotFound(probeTitle)) add(probeTitle);
    if (parts.length > 1) for (const p of parts) if (!saysNotFound(p)) add(p);
  }
  return names;
}

/** The host's own name: `www.dailymotion.com` -> `dailymotion`. */
function hostLabel(url: string): string | null {
  const u = parsedUrl(url);
  if (!u) return null;
  const labels = siteHost(u.hostname).split('.');
  if (labels.length < 2) return null;
  // co.uk, com.br...: the label before a two-part public suffix.
  const i =
    labels.length >= 3 && labels.at(-2)!.length <= 3 ? labels.length - 3 : labels.length - 2;
  return labels[i] ?? null;
}

const HYPHENS = /-/g;

/** Whether the page's title is nothing but the site's name. */
export function titleIsSiteName(
  meta: PageMeta | null,
  probe: ProbeResult | null | undefined,
  finalUrl: string,
): boolean {
  return isSiteName(meta?.htmlTitle ?? meta?.title ?? null, meta, probe, finalUrl);
}

/** Whether `title` (a page's title or heading) is nothing but the site's name. */
export function isSiteName(
  title: string | null | undefined,
  meta: PageMeta | null,
  probe: ProbeResult | null | undefined,
  finalUrl: string,
): boolean {
  if (!title) return false;
  const t = words(title);
  if (t === '' || tokens(title).length > 6) return false;
  if (siteNames(meta, probe).has(t)) return true;
  const label = hostLabel(finalUrl);
  return label !== null && label.length >= 3 && compact(title) === label.replace(HYPHENS, '');
}
