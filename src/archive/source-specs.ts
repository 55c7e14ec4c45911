import type { ArchiveOptions } from './config.js';
import { queryMemento, queryWayback, queryWikiwix, type SourceContext } from './sources.js';
import type { Gate } from './throttle.js';
import type { Window } from './time.js';
import type { Candidate, SourceResult } from './types.js';

/** One source of one lookup: how to ask it, its gates, its display name. */
export interface SourceSpec {
  id: string;
  label: string;
  playback: Gate;
  query(ctx: SourceContext, url: string, w: Window): Promise<SourceResult>;
}

/**
 * Makes a rate gate for one archive endpoint at `endpoint` (a URL of it: its host is paced as
 * a whole, host-pace.ts); the finder keeps the gates, to close them.
 */
export type GateMaker = (
  name: string,
  rate: { requests: number; intervalMs: number },
  endpoint: string,
) => Gate;

/** The archives the options turn on, in the order they are asked, each with its own gates. */
export function sourceSpecs(opts: ArchiveOptions, gate: GateMaker): SourceSpec[] {
  const sources: SourceSpec[] = [];
  if (opts.wayback.enabled) {
    const o = opts.wayback;
    const cdx = gate('Wayback CDX', o.rate, o.baseUrl);
    const availability = gate('Wayback availability API', o.rate, o.availabilityBaseUrl);
    sources.push({
      id: 'wayback',
      label: 'Wayback Machine',
      playback: gate('Wayback playback', o.playbackRate, o.baseUrl),
      query: (ctx, url, w) => queryWayback(ctx, o, { cdx, availability }, url, w, o.cdxLimit),
    });
  }
  if (opts.wikiwix.enabled) {
    const o = opts.wikiwix;
    const api = gate('Wikiwix', o.rate, o.baseUrl);
    sources.push({
      id: 'wikiwix',
      label: 'Wikiwix',
      playback: gate('Wikiwix playback', o.playbackRate, o.baseUrl),
      query: (ctx, url) => queryWikiwix(ctx, o, api, url),
    });
  }
  if (opts.memento.enabled) {
    for (const a of opts.memento.archives) {
      const api = gate(a.name, opts.memento.rate, a.timemapUrl);
      sources.push({
        id: `memento:${a.name}`,
        label: a.name,
        playback: gate(`${a.name} playback`, opts.memento.playbackRate, a.timemapUrl),
        query: (ctx, url, w) => queryMemento(ctx, a, api, url, w),
      });
    }
  }
  return sources;
}

/** The id of the source a candidate came from (SourceSpec.id). */
export function sourceId(c: Candidate): string {
  return c.source === 'memento' ? `memento:${c.archive}` : c.source;
}
