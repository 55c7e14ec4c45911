/**
 * How long each bibliographic field of a link has held still (LinkState.biblioRuns, issue 11).
 * `rotwatch fix --enrich` fills a catalogue entry from a page's metadata only once a value has
 * been read on two runs: one run's answer may be a cookie page, an A/B test or a template bug.
 * Pure.
 */
import { isDeepStrictEqual } from 'node:util';
import type { BiblioRuns, LinkState, StoredBiblio } from '../model/index.js';

const FIELDS = [
  'authors',
  'published',
  'modified',
  'siteName',
  'publisher',
  'container',
  'doi',
] as const satisfies readonly (keyof StoredBiblio)[];

function hasValue(v: StoredBiblio[keyof StoredBiblio]): boolean {
  return Array.isArray(v) ? v.length > 0 : v !== null;
}

/**
 * The counts after one run. `fresh` is what this run read (undefined for a 304: the document
 * is the one read before, so every count goes up); `healthy` is false when the run read no good
 * copy, and the counts then stay as they were.
 */
export function biblioRunsAfter(
  prior: Pick<LinkState, 'lastBiblio' | 'biblioRuns'> | undefined,
  fresh: StoredBiblio | undefined,
  healthy: boolean,
): BiblioRuns | undefined {
  const last = prior?.lastBiblio;
  if (!healthy) return prior?.biblioRuns;
  const now = fresh ?? last;
  if (!now) return undefined;
  const out: BiblioRuns = {};
  for (const k of FIELDS) {
    if (!hasValue(now[k])) continue;
    const same = last !== undefined && isDeepStrictEqual(last[k], now[k]);
    out[k] = same ? (prior?.biblioRuns?.[k] ?? 1) + 1 : 1;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A stored `biblioRuns`, or null when malformed (dropped: the counts start again). */
export function readBiblioRuns(v: unknown): BiblioRuns | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const out: BiblioRuns = {};
  for (const [k, n] of Object.entries(v)) {
    if (!(FIELDS as readonly string[]).includes(k)) return null;
    if (!Number.isInteger(n) || (n as number) < 1) return null;
    out[k as keyof BiblioRuns] = n as number;
  }
  return out;
}
