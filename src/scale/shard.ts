import { getDomain } from 'tldts';
import type { Target } from '../model/index.js';
import { unbracketed } from '../text/host.js';

/*
 * Links are shared out between processes by registrable domain ("example.co.uk" for
 * "www.example.co.uk"), the unit a site's owner controls: every host of one site then has one
 * owner at a time, and that owner's per-host lanes (concurrency, gaps) are the only ones
 * sending to it. The Public Suffix List (tldts, ICANN section only) says where the registrable
 * part starts: "a.github.io" and "b.github.io" share one shard, as they share one operator.
 */

/** The shard of links that make no request (malformed URL, unsupported scheme). */
export const NO_HOST_SHARD = '(no host)';

/** Pure: the shard key of a URL: its registrable domain, else its host (IPs, `localhost`). */
export function shardKey(url: string): string {
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return NO_HOST_SHARD;
    host = u.hostname.toLowerCase();
  } catch {
    return NO_HOST_SHARD;
  }
  if (!host) return NO_HOST_SHARD;
  // IP addresses and single-label names have no registrable domain: the host is the site.
  return getDomain(host, { allowPrivateDomains: false }) ?? unbracketed(host);
}

/** Pure: targets grouped by shard (insertion order kept within a shard). */
export function planShards(targets: readonly Target[]): Map<string, Target[]> {
  const shards = new Map<string, Target[]>();
  for (const t of targets) {
    const key = shardKey(t.url);
    const list = shards.get(key);
    if (list) list.push(t);
    else shards.set(key, [t]);
  }
  return shards;
}
