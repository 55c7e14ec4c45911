import { type NetworkHealth, suggestedUrl } from '../classify/index.js';
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
import type { LinkObservation } from './engine.js';
import { metadataDifferences } from './metadata-diff.js';

/** How many runs of history the report carries for trend charts. */
const HISTORY_IN_REPORT = 52;
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

/** Pure: turns one run's observations and the prior state into the report and the next state. */
export function assembleReport(input: AssembleInput): { report: Report; state: RunState } {
  const { prior, network, now, policy } = input;
  const links: ReportLink[] = [];
  const nextLinks: Record<string, LinkState> = { ...prior.links };

  for (const obs of input.observations) {
    const url = obs.target.url;
    const before = prior.links[url];
    const current = effectiveClassification(obs, network);
    const inconclusive = current.reason === 'network-down';
    const history = inconclusive
      ? {
          classification: current,
          failingSince: before?.firstFailureAt ?? null,
          consecutiveFailures: before?.consecutiveFailures ?? 0,
          newFailure: false,
        }
      : applyHistory(current, before, now, policy);
    const response = obs.outcome?.response ?? null;
    const lookup = input.archives.get(url);
    const biblio = reportedBiblio(obs.meta ?? null);
    // Only a page that answers with the resource speaks for it (not an error or a soft-404).
    const answered =
      history.classification.status === 'ok' || history.classification.status === 'redirected';
    links.push({
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
      newFailure: history.newFailure,
      suggestedUrl: obs.outcome
        ? suggestedUrl(obs.outcome, history.classification, obs.meta)
        : null,
      meta: {
        canonical: obs.meta?.canonical ?? null,
        lang: obs.meta?.lang ?? null,
        contentLength: obs.meta?.contentLength ?? null,
        lastModified: obs.meta?.lastModified ?? null,
        pdfPages: obs.meta?.pdf?.pages ?? null,
        ...biblio,
      },
      metadataDiffers: answered ? metadataDifferences(biblio, obs.target.citations) : [],
    });
    // An inconclusive run teaches nothing about the link: keep its state as it was.
    if (!inconclusive) {
      nextLinks[url] = nextLinkState(before, {
        url,
        classification: history.classification,
        checkedAt: obs.checkedAt,
        ...headerValue(response?.headers.etag, 'etag'),
        ...headerValue(response?.headers['last-modified'], 'lastModified'),
        title: links.at(-1)!.title,
      });
    }
  }

  links.sort((a, b) => a.url.localeCompare(b.url));
  const summary = summarise(links);
  const fixed = fixedLinks(links, prior);
  const report: Report = {
    schema: REPORT_SCHEMA,
    run: {
      ...input.run,
      network: {
        status: network.status,
        hostsChecked: network.hostsChecked,
        hostsUnreachable: network.hostsUnreachable,
      },
    },
    summary,
    links,
    fixed,
    history: prior.runs.slice(-HISTORY_IN_REPORT),
  };
  const record: RunSummaryRecord = {
    id: report.run.id,
    startedAt: report.run.startedAt,
    finishedAt: report.run.finishedAt,
    complete: report.run.complete,
    network: network.status,
    summary,
  };
  return {
    report,
    state: recordRun({ ...prior, links: nextLinks }, record, HISTORY_IN_REPORT),
  };
}

export function summarise(
  links: readonly { status: Verdict; reason?: string | null }[],
): ReportSummary {
  const summary = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as ReportSummary;
  summary.total = links.length;
  summary.notChecked = 0;
  for (const l of links) {
    summary[l.status]++;
    if (l.reason === 'network-down') summary.notChecked++;
  }
  return summary;
}

function fixedLinks(links: ReportLink[], prior: RunState): FixedLink[] {
  const fixed: FixedLink[] = [];
  for (const l of links) {
    const before = prior.links[l.url];
    if (!before || !FAILING.has(before.lastStatus)) continue;
    if (l.status !== 'ok' && l.status !== 'redirected') continue;
    fixed.push({
      url: l.url,
      previousStatus: before.lastStatus,
      previousReason: before.lastReason,
      status: l.status,
      entries: l.entries,
    });
  }
  return fixed;
}

function entryRefs(target: Target): ReportEntryRef[] {
  return target.citations.map((c) => ({
    id: c.id,
    file: c.file,
    line: c.line,
    title: c.title,
    ...(c.section ? { section: c.section } : {}),
  }));
}

function headerValue<K extends string>(
  value: string | undefined,
  key: K,
): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
