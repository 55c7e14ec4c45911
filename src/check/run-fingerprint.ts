// What a run was started on, fingerprinted, so that `--resume` finishes a run only with the
// same work: the same inputs by name, the same links with the same citations, the options that
// change what is checked or how it is judged, and the same rotwatch. Pure functions: the check
// decides what to do with a mismatch (run.ts).
import { hash } from 'node:crypto';
import type { CheckOptions } from '../config/options.js';
import type { Target } from '../model/index.js';
import type { JournalRun } from '../store/index.js';
import { VERSION } from '../version.js';

/** What a run keeps in its journal about how it was started (opaque to the store). */
export interface RunInfo {
  /** The inputs as the report names them. */
  catalogues: string[];
  /** The rotwatch that started it. Absent: a run started before round 17. */
  version?: string;
  /** Digest of the options that change what is checked or how (scopeDigest). */
  scope?: string;
  /** The links it checks, with their citations (contentDigest). */
  content?: { links: number; digest: string };
}

/**
 * Options that only change the pace of a run, where its files go or what its exit code is:
 * a resumed run may change them (a killed run is often resumed with gentler settings). Every
 * other option is in the scope, a new one included: safe by default.
 */
const PACE_AND_OUTPUT = new Set<keyof CheckOptions>([
  'concurrency',
  'perHost',
  'perHostInterval',
  'timeout',
  'retries',
  'backoffBase',
  'backoffMax',
  'retryAfterMax',
  // Which inputs are read whole shows in the content digest.
  'maxInputBytes',
  'htmlMaxOkLinks',
  'reportDir',
  'store',
  'json',
  'failOn',
  'quiet',
  'formats',
  'retain',
  'networkCanaries',
]);
/** The same, in a `hosts:` override. */
const HOST_PACE = new Set(['interval', 'concurrency']);

/** Pure: a digest of the options that change the URL set, the requests or the verdicts. */
export function scopeDigest(options: CheckOptions): string {
  const scope: Record<string, unknown> = {};
  for (const key of Object.keys(options).sort() as (keyof CheckOptions)[]) {
    if (PACE_AND_OUTPUT.has(key) || options[key] === undefined) continue;
    scope[key] = key === 'hosts' ? hostsScope(options.hosts) : options[key];
  }
  return hash('sha256', JSON.stringify(scope), 'hex').slice(0, 32);
}

function hostsScope(hosts: CheckOptions['hosts']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(hosts).sort()) {
    const kept = Object.entries(hosts[name] ?? {}).filter(([k]) => !HOST_PACE.has(k));
    if (kept.length > 0)
      out[name] = Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}

/**
 * Pure: a digest of the links and every citation of them (entry, file, line, title, dates,
 * archived copy...), whatever the order the inputs were given in: each citation is hashed with
 * its URL and the hashes are added up, word by word (a sum does not depend on the order). About
 * 2-4 µs per citation, once per run. Lines count: an entry added above others moves their
 * lines, and a resumed report would name the old ones.
 */
export function contentDigest(targets: readonly Target[]): { links: number; digest: string } {
  const sum = new Uint32Array(4);
  for (const t of targets) {
    for (const c of t.citations) {
      const h = hash('sha1', `${t.url}\n${JSON.stringify(c)}`, 'buffer');
      for (let i = 0; i < 4; i++) sum[i] = ((sum[i] ?? 0) + h.readUInt32BE(i * 4)) >>> 0;
    }
    // A target without citations is still a link to check.
    if (t.citations.length === 0) {
      const h = hash('sha1', `${t.url}\n`, 'buffer');
      for (let i = 0; i < 4; i++) sum[i] = ((sum[i] ?? 0) + h.readUInt32BE(i * 4)) >>> 0;
    }
  }
  const digest = [...sum].map((w) => w.toString(16).padStart(8, '0')).join('');
  return { links: targets.length, digest };
}

/** Pure: the info a run started now records. */
export function runInfoOf(
  catalogues: string[],
  options: CheckOptions,
  targets: readonly Target[],
): RunInfo {
  return {
    catalogues,
    version: VERSION,
    scope: scopeDigest(options),
    content: contentDigest(targets),
  };
}

/**
 * Pure: why an unfinished run must not be finished by a run started with `mine`, or null when
 * it may. Finishing a run started on other work would mix two runs in one report: links the
 * inputs no longer cite reported as this run's (and failing it), new or edited citations
 * reported with the old entries, links judged under other options or by another version's
 * rules. The sentence goes after "it was started ...".
 */
export function resumeConflict(run: JournalRun, mine: RunInfo): string | null {
  const theirs = (run.info ?? {}) as Partial<RunInfo>;
  const recorded = Array.isArray(theirs.catalogues) ? theirs.catalogues : null;
  if (recorded && !sameSet(recorded, mine.catalogues))
    return `on other inputs (${recorded.join(', ')})`;
  if (typeof theirs.version !== 'string')
    return 'by an older rotwatch, which recorded no fingerprint of its inputs';
  if (theirs.version !== mine.version)
    return `by rotwatch ${theirs.version} (this is ${mine.version}): its links were judged by other rules`;
  if (theirs.scope !== mine.scope)
    return 'with other options that change what is checked or how (include, exclude, hosts, robots, user agent, history rules...)';
  const then = theirs.content;
  const now = mine.content;
  if (!then || !now || then.digest !== now.digest)
    return `on inputs whose content has changed since (${then?.links ?? '?'} links then, ${now?.links ?? '?'} now: links or citations added, removed or edited)`;
  return null;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const mine = new Set(b);
  const theirs = new Set(a);
  return mine.size === theirs.size && [...mine].every((c) => theirs.has(c));
}
