/**
 * `fix --enrich` (issue 11): what an entry lacks, filled from what its own pages declare about
 * themselves. Pure. The rules, each one conservative:
 * - only pages that answer (`ok`, `redirected`) speak for the work;
 * - a value counts once read on `minRuns` runs (the history's `biblioRuns`): one run's answer may
 *   be a cookie page or a template bug; a value read once is listed for later, not proposed;
 * - when the entry's pages disagree (two dates, two author lists, two DOIs), nothing is proposed
 *   and the conflict is listed for a person;
 * - nothing the entry has is ever replaced: a differing value is "metadata differs" in the
 *   reports. The one exception is a creators placeholder that says the author is unknown.
 */
import { isDeepStrictEqual } from 'node:util';
import { checkDateParts } from '../catalogue/dates.js';
import { isGenericAuthor } from '../check/metadata-diff.js';
import { type EnrichField, en, type Messages } from '../i18n/index.js';
import { normaliseUrl } from '../inputs/normalise.js';
import type { Entry, FuzzyDate, LinkState, ReportLink, StoredBiblio } from '../model/index.js';
import { stripAccents } from '../text/accents.js';
import { creatorsText, isCreatorsPlaceholder, type PersonForm } from './names.js';
import type { AttentionItem, EnrichItem, EnrichSource } from './types.js';

export interface EnrichContext {
  links: ReadonlyMap<string, ReportLink>;
  states: ReadonlyMap<string, LinkState>;
  minRuns: number;
  /** How the entry's catalogue writes a person's name (src/fix/names.ts). */
  personForm: PersonForm;
  now: Date;
  /** The reader's language of each `why` and note (default English). */
  messages?: Messages;
}

/** One of the entry's links whose page answered, with what it declared. */
interface Source {
  index: number;
  report: ReportLink;
  state: LinkState | undefined;
}

type Field = EnrichField;

/** A value one page declared, on how many runs, and where. */
interface Candidate<T> {
  value: T;
  key: string;
  source: Source;
  runs: number;
}

function sourcesOf(entry: Entry, ctx: EnrichContext): Source[] {
  const out: Source[] = [];
  entry.links.forEach((link, index) => {
    const url = normaliseUrl(link.url);
    const report = url === null ? undefined : ctx.links.get(url);
    if (!report || (report.status !== 'ok' && report.status !== 'redirected')) return;
    out.push({ index, report, state: ctx.states.get(report.url) });
  });
  return out;
}

/** Runs on which the history saw this value: none known unless it is the one it keeps. */
function runsOf(source: Source, field: Field, value: StoredBiblio[Field]): number {
  const last = source.state?.lastBiblio;
  if (!last || !isDeepStrictEqual(last[field], value)) return 1;
  return source.state?.biblioRuns?.[field] ?? 1;
}

function namedAuthors(r: ReportLink): string[] {
  return (r.meta.authors ?? []).filter((a) => !isGenericAuthor(a));
}

const NON_ALPHANUMERIC_RUNS = /[^a-z0-9]+/g;

function foldKey(s: string): string {
  return stripAccents(s).toLowerCase().replace(NON_ALPHANUMERIC_RUNS, ' ').trim();
}

function candidates(sources: readonly Source[], field: Field): Candidate<string | string[]>[] {
  const out: Candidate<string | string[]>[] = [];
  for (const source of sources) {
    const m = source.report.meta;
    if (field === 'authors') {
      const names = namedAuthors(source.report);
      if (names.length === 0) continue;
      const runs = runsOf(source, field, m.authors ?? []);
      out.push({ value: names, key: names.map(foldKey).sort().join('|'), source, runs });
    } else {
      const v = m[field] ?? null;
      if (v === null) continue;
      out.push({ value: v, key: v, source, runs: runsOf(source, field, v) });
    }
  }
  return out;
}

const ISO_PARTIAL_DATE = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/;

/** The publication date's calendar part ("2019-03-12T09:00+01:00" -> "2019-03-12"), if real. */
function dateOf(published: string, now: Date): FuzzyDate | null {
  const text = published.slice(0, 10);
  const m = ISO_PARTIAL_DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [m[1], m[2], m[3]].map((x) =>
    x === undefined ? undefined : Number(x),
  );
  if (checkDateParts(year, month, day) !== null) return null;
  // A date after the run is a template's or a server clock's, not the work's.
  if (text > now.toISOString().slice(0, text.length)) return null;
  return {
    text,
    year: year!,
    ...(month !== undefined ? { month } : {}),
    ...(day !== undefined ? { day } : {}),
  };
}

function evidence(cands: readonly Candidate<string | string[]>[]): EnrichSource[] {
  return cands.map((c) => ({
    url: c.source.report.url,
    value: Array.isArray(c.value) ? c.value.join('; ') : c.value,
    runs: c.runs,
    contentType: c.source.report.contentType,
  }));
}

type Outcome =
  | { kind: 'none' }
  | { kind: 'note'; reason: string; message: string; source: Source }
  | { kind: 'value'; chosen: Candidate<string | string[]>; all: Candidate<string | string[]>[] };

/**
 * One field over the entry's pages: the value to propose, a note for a person, or nothing.
 * `agree` says whether two candidates' keys name the same value (dates: one a prefix of the
 * other, the more precise is taken).
 */
function decideField(
  cands: Candidate<string | string[]>[],
  field: Field,
  m: Messages,
  minRuns: number,
  agree: (a: string, b: string) => boolean = (a, b) => a === b,
): Outcome {
  if (cands.length === 0) return { kind: 'none' };
  const first = cands[0]!;
  const keys = [...new Set(cands.map((c) => c.key))];
  if (keys.some((a) => keys.some((b) => !agree(a, b)))) {
    const said = cands.map((c) => ({ url: c.source.report.url, value: evidence([c])[0]!.value }));
    return {
      kind: 'note',
      reason: 'enrich-conflict',
      message: m.fix.attention.enrichConflict(field, said),
      source: first.source,
    };
  }
  const confirmed = cands.filter((c) => c.runs >= minRuns);
  if (confirmed.length === 0) {
    return {
      kind: 'note',
      reason: 'enrich-once',
      message: m.fix.attention.enrichOnce(field, evidence([first])[0]!.value, first.runs, minRuns),
      source: first.source,
    };
  }
  const chosen = [...confirmed].sort((a, b) => b.key.length - a.key.length)[0]!;
  return { kind: 'value', chosen, all: cands };
}

/** The DOI already among the entry's links (as a doi.org link or inside any URL). */
function alreadyLinked(entry: Entry, doi: string): boolean {
  return entry.links.some((l) => {
    let url = l.url;
    try {
      url = decodeURIComponent(url);
    } catch {
      // keep it as written
    }
    return url.toLowerCase().includes(doi);
  });
}

export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
}

/** What `fix --enrich` proposes for one entry, and the notes for a person. */
export function enrichEntry(
  entry: Entry,
  ctx: EnrichContext,
): { items: EnrichItem[]; attention: AttentionItem[] } {
  const items: EnrichItem[] = [];
  const attention: AttentionItem[] = [];
  const sources = sourcesOf(entry, ctx);
  if (sources.length === 0) return { items, attention };
  const m = ctx.messages ?? en;
  const base = (kind: EnrichItem['kind'], source: Source) => ({
    id: `${entry.file}:${entry.line}:${kind}`,
    file: entry.file,
    line: entry.line,
    entry: entry.id,
    link: source.index,
    enrichment: true as const,
  });
  const note = (o: Extract<Outcome, { kind: 'note' }>) =>
    attention.push({
      file: entry.file,
      line: entry.line,
      entry: entry.id,
      url: o.source.report.url,
      status: o.source.report.status,
      reason: o.reason,
      message: o.message,
    });

  if (!entry.date) {
    const dates = candidates(sources, 'published').flatMap((c) => {
      const d = dateOf(c.value as string, ctx.now);
      return d ? [{ ...c, value: d.text, key: d.text }] : [];
    });
    const o = decideField(
      dates,
      'published',
      m,
      ctx.minRuns,
      (a, b) => a.startsWith(b) || b.startsWith(a),
    );
    if (o.kind === 'note') note(o);
    if (o.kind === 'value') {
      const date = dateOf(o.chosen.value as string, ctx.now)!;
      const pdf = o.chosen.source.report.contentType === 'application/pdf';
      items.push({
        ...base('add-date', o.chosen.source),
        kind: 'add-date',
        old: null,
        new: date,
        why: m.fix.why.addDate({ pdf, date: date.text, runs: o.chosen.runs }),
        evidence: { sources: evidence(o.all) },
      });
    }
  }

  if (isCreatorsPlaceholder(entry.creators)) {
    const o = decideField(candidates(sources, 'authors'), 'authors', m, ctx.minRuns);
    if (o.kind === 'note') note(o);
    if (o.kind === 'value') {
      const text = creatorsText(o.chosen.value as string[], ctx.personForm);
      items.push({
        ...base('add-creators', o.chosen.source),
        kind: 'add-creators',
        old: entry.creators,
        new: text,
        why: m.fix.why.addCreators({
          placeholder: entry.creators,
          names: text,
          runs: o.chosen.runs,
        }),
        evidence: { sources: evidence(o.all) },
      });
    }
  }

  const dois = candidates(sources, 'doi');
  if (!dois.some((c) => alreadyLinked(entry, c.value as string))) {
    const o = decideField(dois, 'doi', m, ctx.minRuns);
    if (o.kind === 'note') note(o);
    if (o.kind === 'value') {
      const doi = o.chosen.value as string;
      items.push({
        ...base('add-doi-link', o.chosen.source),
        kind: 'add-doi-link',
        old: null,
        new: doiUrl(doi),
        doi,
        why: m.fix.why.addDoiLink({ doi, runs: o.chosen.runs }),
        evidence: { sources: evidence(o.all) },
      });
    }
  }
  return { items, attention };
}
