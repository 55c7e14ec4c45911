import {
  type LinkState,
  type RunState,
  type RunSummaryRecord,
  type StoredBiblio,
  VERDICTS,
  type Verdict,
} from '../model/index.js';
import { readBiblioRuns } from './biblio-runs.js';
import { readDriftState, readPageSnapshot } from './drift-fields.js';

/*
 * Checks a parsed state file by hand (no schema library: this module is also loaded by the
 * crash test's child process from plain transpiled files). Reports the first problem with its
 * JSON path; unknown extra fields are dropped, so a newer 1.x writer does not lock us out.
 */

export const STATE_SCHEMA = 'rotwatch/state@1' as const;

export type Checked<T> = { ok: true; value: T } | { ok: false; path: string; problem: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isVerdict = (v: unknown): v is Verdict => VERDICTS.includes(v as Verdict);
const isStrOrNull = (v: unknown) => v === null || typeof v === 'string';
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

class Invalid extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(problem);
  }
}

function need(cond: boolean, path: string, problem: string): void {
  if (!cond) throw new Invalid(path, problem);
}

function summary(v: unknown, path: string): RunSummaryRecord['summary'] {
  need(isObj(v), path, 'expected an object of counts');
  const o = v as Obj;
  const out = { total: 0 } as RunSummaryRecord['summary'];
  for (const key of [...VERDICTS, 'total'] as const) {
    need(isCount(o[key]), `${path}.${key}`, 'expected a count');
    out[key] = o[key] as number;
  }
  if (isCount(o.notChecked)) out.notChecked = o.notChecked as number;
  if (isCount(o.drifted)) out.drifted = o.drifted as number;
  return out;
}

function run(v: unknown, path: string): RunSummaryRecord {
  need(isObj(v), path, 'expected an object');
  const o = v as Obj;
  for (const key of ['id', 'startedAt', 'finishedAt']) {
    need(typeof o[key] === 'string', `${path}.${key}`, 'expected a string');
  }
  need(typeof o.complete === 'boolean', `${path}.complete`, 'expected true or false');
  need(o.network === 'ok' || o.network === 'down', `${path}.network`, "expected 'ok' or 'down'");
  return {
    id: o.id as string,
    startedAt: o.startedAt as string,
    finishedAt: o.finishedAt as string,
    complete: o.complete as boolean,
    network: o.network as 'ok' | 'down',
    summary: summary(o.summary, `${path}.summary`),
  };
}

function storedBiblio(v: unknown): StoredBiblio | null {
  if (!isObj(v)) return null;
  const o = v as Obj;
  const strOrNull = ['published', 'modified', 'siteName', 'publisher', 'container', 'doi'] as const;
  if (!Array.isArray(o.authors) || !o.authors.every((a) => typeof a === 'string')) return null;
  if (!strOrNull.every((k) => isStrOrNull(o[k]))) return null;
  return {
    authors: o.authors as string[],
    published: o.published as string | null,
    modified: o.modified as string | null,
    siteName: o.siteName as string | null,
    publisher: o.publisher as string | null,
    container: o.container as string | null,
    doi: o.doi as string | null,
  };
}

function link(v: unknown, key: string, path: string): LinkState {
  need(isObj(v), path, 'expected an object');
  const o = v as Obj;
  need(o.url === key, `${path}.url`, 'expected the same URL as its key');
  need(isVerdict(o.lastStatus), `${path}.lastStatus`, `expected one of ${VERDICTS.join(', ')}`);
  need(isStrOrNull(o.lastReason), `${path}.lastReason`, 'expected a reason code or null');
  need(typeof o.lastCheckedAt === 'string', `${path}.lastCheckedAt`, 'expected a date-time');
  need(isStrOrNull(o.firstFailureAt), `${path}.firstFailureAt`, 'expected a date-time or null');
  need(isCount(o.consecutiveFailures), `${path}.consecutiveFailures`, 'expected a count');
  need(isStrOrNull(o.lastSuccessAt), `${path}.lastSuccessAt`, 'expected a date-time or null');
  const out: LinkState = {
    url: key,
    lastStatus: o.lastStatus as Verdict,
    lastReason: o.lastReason as LinkState['lastReason'],
    lastCheckedAt: o.lastCheckedAt as string,
    firstFailureAt: o.firstFailureAt as string | null,
    consecutiveFailures: o.consecutiveFailures as number,
    lastSuccessAt: o.lastSuccessAt as string | null,
  };
  for (const opt of ['etag', 'lastModified'] as const) {
    if (o[opt] === undefined) continue;
    need(typeof o[opt] === 'string', `${path}.${opt}`, 'expected a string');
    out[opt] = o[opt] as string;
  }
  // A malformed lastBiblio (hand-edited, older tool) is dropped, never a reason to refuse the
  // history: the next good response writes it again.
  const biblio = storedBiblio(o.lastBiblio);
  if (biblio !== null) out.lastBiblio = biblio;
  const biblioRuns = biblio !== null ? readBiblioRuns(o.biblioRuns) : null;
  if (biblioRuns !== null) out.biblioRuns = biblioRuns;
  if (o.lastTitle !== undefined) {
    need(isStrOrNull(o.lastTitle), `${path}.lastTitle`, 'expected a string or null');
    out.lastTitle = o.lastTitle as string | null;
  }
  if (o.moved !== undefined) {
    const m = o.moved as Obj;
    const ok =
      isObj(m) &&
      typeof m.to === 'string' &&
      typeof m.since === 'string' &&
      isCount(m.runs) &&
      isStrOrNull(m.titleBefore);
    need(ok, `${path}.moved`, 'expected {to, since, runs, titleBefore}');
    out.moved = {
      to: m.to as string,
      since: m.since as string,
      runs: m.runs as number,
      titleBefore: m.titleBefore as string | null,
    };
  }
  // Drift's history: a malformed one is dropped (drift starts again), never fatal.
  const page = readPageSnapshot(o.page);
  if (page) out.page = page;
  const drift = readDriftState(o.drift);
  if (drift) out.drift = drift;
  return out;
}

export function checkState(v: unknown): Checked<RunState> {
  try {
    need(isObj(v), '$', 'expected an object');
    const o = v as Obj;
    need(
      o.schema === STATE_SCHEMA,
      '$.schema',
      `expected '${STATE_SCHEMA}', found ${JSON.stringify(o.schema)}`,
    );
    need(isObj(o.links), '$.links', 'expected an object keyed by URL');
    need(Array.isArray(o.runs), '$.runs', 'expected an array');
    const links: Record<string, LinkState> = {};
    for (const [key, value] of Object.entries(o.links as Obj)) {
      links[key] = link(value, key, `$.links[${JSON.stringify(key)}]`);
    }
    const runs = (o.runs as unknown[]).map((r, i) => run(r, `$.runs[${i}]`));
    return { ok: true, value: { schema: STATE_SCHEMA, links, runs } };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, path: err.path, problem: err.problem };
    throw err;
  }
}
