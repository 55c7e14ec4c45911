import { analyseRedirects, type NetworkHealth, suggestedUrl } from '../classify/index.js';
import { catalogueSideOf, driftOf, type PageObservation, snapshotOf } from '../drift/index.js';
import { reportedBiblio } from '../extract/biblio/reported.js';
import type {
  ArchiveLookup,
  Classification,
  FixedLink,
  LinkState,
  Report,
  ReportEntryRef,
  ReportLink,
  ReportRun,
  ReportSummary,
  RunState,
  RunSummaryRecord,
  Target,
  Verdict,
} from '../model/index.js';
import { REPORT_SCHEMA, VERDICTS } from '../model/index.js';
import { applyHistory, type HistoryPolicy, nextLinkState, recordRun } from '../state/index.js';
import { type CatalogueArchiveResults, catalogueArchiveField } from './catalogue-archive.js';
import type { LinkObservation } from './engine.js';
import { metadataDifferences } from './metadata-diff.js';

/** How many runs of history the report carries for trend charts. */
export const HISTORY_IN_REPORT = 52;
/** Failing verdicts, for "fixed since last run". */
const FAILING: ReadonlySet<Verdict> = new Set(['dead', 'error']);

export interface AssembleInput {
  run: Omit<ReportRun, 'network'>;
  network: NetworkHealth;
  observations: LinkObservation[];
  prior: RunState;
  /** Archive lookups by URL, for links that got one. */
  archives: ReadonlyMap<string, ArchiveLookup>;
  policy: HistoryPolicy;
  now: Date;
}

/** The verdict after run-level facts: when the network is down, no connection failure counts. */
export function effectiveClassification(
  obs: LinkObservation,
  network: NetworkHealth,
): Classification {
  if (network.status === 'down' && obs.connectionFailure) {
    return {
      status: 'error',
      reason: 'network-down',
      // The failure's own sentence ("does not exist any more") would claim what this run can't.
      message: `Not checked conclusively: most hosts were unreachable at once, so rotwatch\u2019s own network looks down (seen: ${obs.outcome?.error?.code ?? obs.classification.reason}).`,
    };
  }
  return obs.classification;
}

/** Run-level facts every link of a run is judged with. */
export interface LinkContext {
  network: NetworkHealth;
  policy: HistoryPolicy;
  now: Date;
  /** Playback checks of the archived copies the catalogues keep, by live URL. */
  catalogueArchives?: CatalogueArchiveResults;
}

export interface AssembledLink {
  link: ReportLink;
  /** The link's next state; null when this run teaches nothing about it (network down). */
  state: LinkState | null;
  /** Set when the link was failing in the previous run and is ok or redirected now. */
  fixed: FixedLink | null;
}

/** Pure: one observation and the link's prior state to its report line and next state. */
export function assembleLink(
  obs: LinkObservation,
  before: LinkState | undefined,
  lookup: ArchiveLookup | undefined,
  ctx: LinkContext,
): AssembledLink {
  const url = obs.target.url;
  const current = effectiveClassification(obs, ctx.network);
  const inconclusive = current.reason === 'network-down';
  const history = inconclusive
    ? {
        classification: current,
        failingSince: before?.firstFailureAt ?? null,
        consecutiveFailures: before?.consecutiveFailures ?? 0,
        newFailure: false,
      }
    : applyHistory(current, before, ctx.now, ctx.policy);
  const response = obs.outcome?.response ?? null;
  // A 304 carries no body: what the last good copy declared still holds.
  const notModified = response?.status === 304;
  const biblio =
    notModified && before?.lastBiblio ? before.lastBiblio : reportedBiblio(obs.meta ?? null);
  // Only a page that answers with the resource speaks for it (not an error or a soft-404).
  const answered =
    history.classification.status === 'ok' || history.classification.status === 'redirected';
  const catalogueArchive = catalogueArchiveField(obs.target, ctx.catalogueArchives);
  const drift = inconclusive
    ? null
    : driftOf({
        url,
        catalogue: catalogueSideOf(obs.target.citations, url),
        prior: before,
        observed: pageObservation(obs, history.classification),
        biblio,
        at: obs.checkedAt,
      });
  const link: ReportLink = {
    url,
    status: history.classification.status,
    reason: history.classification.reason,
    message: history.classification.message,
    httpStatus: response?.status ?? null,
    finalUrl: response?.url ?? null,
    redirects: obs.outcome?.hops ?? [],
    title: obs.meta?.title ?? (response?.status === 304 ? (before?.lastTitle ?? null) : null),
    contentType: obs.meta?.contentType ?? null,
    checkedAt: obs.checkedAt,
    attempts: obs.outcome?.attempts ?? 0,
    archive: lookup?.capture ?? null,
    archiveReason: lookup && !lookup.capture ? lookup.reason : null,
    entries: entryRefs(obs.target),
    failingSince: history.failingSince,
    consecutiveFailures: history.consecutiveFailures,
    // A dead link whose archived copy is already in the catalogue is remedied, not news.
    newFailure: history.newFailure && catalogueArchive === null,
    suggestedUrl: obs.outcome ? suggestedUrl(obs.outcome, history.classification, obs.meta) : null,
    catalogueArchive,
    meta: {
      canonical: obs.meta?.canonical ?? null,
      lang: obs.meta?.lang ?? null,
      contentLength: obs.meta?.contentLength ?? null,
      lastModified: obs.meta?.lastModified ?? null,
      pdfPages: obs.meta?.pdf?.pages ?? null,
      ...biblio,
    },
    metadataDiffers: answered ? metadataDifferences(biblio, obs.target.citations) : [],
    drift: drift?.drift ?? null,
  };
  // An inconclusive run teaches nothing about the link: keep its state as it was.
  const state = inconclusive
    ? null
    : nextLinkState(before, {
        url,
        classification: history.classification,
        checkedAt: obs.checkedAt,
        ...headerValue(response?.headers.etag, 'etag'),
        ...headerValue(response?.headers['last-modified'], 'lastModified'),
        title: link.title,
        // A trivial respelling (http to https, slash) is `ok`, not `redirected`, but `fix`
        // still proposes it once seen twice: the history keeps its target too.
        movedTo:
          link.suggestedUrl ?? (obs.outcome ? analyseRedirects(obs.outcome).permanentTarget : null),
        ...(notModified ? {} : { biblio }),
        ...(drift ? { page: drift.page, drift: drift.state } : {}),
      });
  return { link, state, fixed: fixedLink(link, before) };
}

/** Code-unit order: the order a store's index gives, the same on every machine and locale. */
export function byUrl(a: { url: string }, b: { url: string }): number {
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

/** The report without its links, from the run's totals. */
export function reportHead(
  run: Omit<ReportRun, 'network'>,
  network: NetworkHealth,
  summary: ReportSummary,
  fixed: FixedLink[],
  history: RunSummaryRecord[],
): Omit<Report, 'links'> {
  return {
    schema: REPORT_SCHEMA,
    run: {
      ...run,
      network: {
        status: network.status,
        hostsChecked: network.hostsChecked,
        hostsUnreachable: network.hostsUnreachable,
      },
    },
    summary,
    fixed,
    history: history.slice(-HISTORY_IN_REPORT),
  };
}

/** The run's line in the run history. */
export function runRecordOf(head: Omit<Report, 'links'>): RunSummaryRecord {
  return {
    id: head.run.id,
    startedAt: head.run.startedAt,
    finishedAt: head.run.finishedAt,
    complete: head.run.complete,
    network: head.run.network.status,
    summary: head.summary,
  };
}

/**
 * Pure: turns one run's observations and the prior state into the report and the next state,
 * all in memory (small runs and tests; a CLI run settles link by link through the store).
 */
export function assembleReport(input: AssembleInput): { report: Report; state: RunState } {
  const { prior } = input;
  const links: ReportLink[] = [];
  const fixed: FixedLink[] = [];
  const nextLinks: Record<string, LinkState> = { ...prior.links };
  for (const obs of input.observations) {
    const url = obs.target.url;
    const one = assembleLink(obs, prior.links[url], input.archives.get(url), input);
    links.push(one.link);
    if (one.fixed) fixed.push(one.fixed);
    if (one.state) nextLinks[url] = one.state;
  }
  links.sort(byUrl);
  fixed.sort(byUrl);
  const head = reportHead(input.run, input.network, summarise(links), fixed, prior.runs);
  const report: Report = { ...head, links };
  return {
    report,
    state: recordRun({ ...prior, links: nextLinks }, runRecordOf(head), HISTORY_IN_REPORT),
  };
}

export function summarise(
  links: readonly {
    status: Verdict;
    reason?: string | null;
    drift?: { confirmed: boolean } | null;
  }[],
): ReportSummary {
  const summary = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as ReportSummary;
  summary.total = links.length;
  summary.notChecked = 0;
  summary.drifted = 0;
  for (const l of links) {
    summary[l.status]++;
    if (l.reason === 'network-down') summary.notChecked++;
    if (l.drift?.confirmed) summary.drifted++;
  }
  return summary;
}

/**
 * What this run read, for drift: a page only from a working link's 2xx answer with its body read;
 * a 304 is "unchanged"; anything else (a failure, a block, a skip) tells nothing.
 */
export function pageObservation(obs: LinkObservation, verdict: Classification): PageObservation {
  if (verdict.status !== 'ok' && verdict.status !== 'redirected') return { kind: 'none' };
  const response = obs.outcome?.response;
  if (!response) return { kind: 'none' };
  if (response.status === 304) return { kind: 'unchanged' };
  if (response.status < 200 || response.status > 299 || !obs.meta) return { kind: 'none' };
  return { kind: 'page', page: snapshotOf(obs.meta, response.url, obs.checkedAt) };
}

function fixedLink(l: ReportLink, before: LinkState | undefined): FixedLink | null {
  if (!before || !FAILING.has(before.lastStatus)) return null;
  if (l.status !== 'ok' && l.status !== 'redirected') return null;
  return {
    url: l.url,
    previousStatus: before.lastStatus,
    previousReason: before.lastReason,
    status: l.status,
    entries: l.entries,
  };
}

/** A target's citations as the report lists them (its `entries`). */
export function entryRefs(target: Target): ReportEntryRef[] {
  return target.citations.map((c) => ({
    id: c.id,
    file: c.file,
    line: c.line,
    title: c.title,
    ...(c.section ? { section: c.section } : {}),
    ...(c.fix === false ? { fix: false as const } : {}),
  }));
}

function headerValue<K extends string>(
  value: string | undefined,
  key: K,
): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
