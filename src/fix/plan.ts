import { titlesMatch } from '../drift/title.js';
import { type Language, linkMessage, type Messages, messagesFor } from '../i18n/index.js';
import { normaliseUrl } from '../inputs/normalise.js';
import type { Catalogue, Entry, EntryLink, LinkState, ReportLink } from '../model/index.js';
import { enrichEntry } from './enrich.js';
import { isTrivialMove, sameUrl, withFragment } from './moves.js';
import { isCreatorsPlaceholder, personFormOf } from './names.js';
import {
  type AttentionItem,
  type FixPlan,
  PLAN_SCHEMA,
  type PlanItem,
  type ReplaceUrlItem,
} from './types.js';

export { isTrivialMove } from './moves.js';

const PERMANENT: ReadonlySet<number> = new Set([301, 308]);

/** Runs a move or a death must be seen on before `fix` acts: one run's answer may be a glitch. */
export const MIN_RUNS = 2;

export interface PlanInput {
  report: { id: string; finishedAt: string };
  catalogues: readonly { catalogue: Catalogue; sha256: string }[];
  /** The report's links by URL. */
  links: ReadonlyMap<string, ReportLink>;
  /** The history's state of each link, by URL. */
  states: ReadonlyMap<string, LinkState>;
  now: Date;
  maxEdits?: number;
  minRuns?: number;
  /** `--enrich`: also propose what entries lack from their pages' metadata (src/fix/enrich.ts). */
  enrich?: boolean;
  /** The language of each `why` and note (the report's; default English), recorded in the plan. */
  language?: Language;
}

type Decision =
  | { kind: 'edit'; item: PlanItem }
  | { kind: 'attention'; reason: string; message: string }
  | null;

/**
 * Pure: what `fix` proposes for the catalogues, from the last complete report and the history.
 * Only two kinds of edit are ever proposed, both on evidence from two runs or more: a permanent
 * move to a working page that still carries the cited work, and an archived copy beside a dead
 * URL. Every other failing link is listed for a person, with the reason.
 */
export function planFixes(input: PlanInput): FixPlan {
  const minRuns = input.minRuns ?? MIN_RUNS;
  const m = messagesFor(input.language);
  const items: PlanItem[] = [];
  const attention: AttentionItem[] = [];
  const leftAlone: AttentionItem[] = [];
  for (const { catalogue } of input.catalogues) {
    for (const entry of catalogue.entries) {
      entry.links.forEach((link, index) => {
        const url = normaliseUrl(link.url);
        const found = url === null ? undefined : input.links.get(url);
        if (!found) return;
        const decision = decide(entry, link, index, found, input.states.get(found.url), minRuns, m);
        if (!decision) return;
        const note = (reason: string, message: string): AttentionItem => ({
          file: link.file,
          line: link.line,
          entry: entry.id,
          url: link.url,
          status: found.status,
          reason,
          message,
        });
        if (link.fix === false) {
          const why = decision.kind === 'edit' ? decision.item.why : decision.message;
          leftAlone.push(note('fix-false', why));
        } else if (decision.kind === 'edit') items.push(decision.item);
        else attention.push(note(decision.reason, decision.message));
      });
    }
  }
  // Enrichment after the link edits: `--max-edits` keeps repairs before additions.
  if (input.enrich) {
    for (const { catalogue } of input.catalogues) {
      const personForm = personFormOf(
        catalogue.entries.map((e) => e.creators).filter((c) => !isCreatorsPlaceholder(c)),
      );
      for (const entry of catalogue.entries) {
        const found = enrichEntry(entry, {
          links: input.links,
          states: input.states,
          minRuns,
          personForm,
          now: input.now,
          messages: m,
        });
        items.push(...found.items);
        attention.push(...found.attention);
      }
    }
  }
  const cap = input.maxEdits ?? Number.POSITIVE_INFINITY;
  return {
    schema: PLAN_SCHEMA,
    createdAt: input.now.toISOString(),
    report: input.report,
    files: input.catalogues.map((c) => ({ file: c.catalogue.file, sha256: c.sha256 })),
    items: items.slice(0, cap),
    attention,
    leftAlone,
    heldBack: Math.max(0, items.length - cap),
    language: input.language ?? 'en',
  };
}

function decide(
  entry: Entry,
  link: EntryLink,
  index: number,
  r: ReportLink,
  state: LinkState | undefined,
  minRuns: number,
  m: Messages,
): Decision {
  const base = { file: link.file, line: link.line, entry: entry.id, link: index };
  const attention = (reason: string, message: string): Decision => ({
    kind: 'attention',
    reason,
    message,
  });
  switch (r.status) {
    case 'ok':
    case 'skipped': {
      if (r.catalogueArchive?.status === 'unplayable')
        return attention('archive-unplayable', unplayable(r, m));
      // The classifier calls a trivial respelling (http to https, www, slash) `ok`; its
      // permanent target is in the history.
      const respelt = state?.moved;
      if (r.status === 'ok' && respelt && r.redirects.some((h) => PERMANENT.has(h.status)))
        return decideMove(entry, link, base, r, respelt.to, true, state, minRuns, m);
      const temporary =
        r.status === 'ok' && r.redirects.some((h) => [302, 303, 307].includes(h.status));
      if (temporary && r.finalUrl && r.finalUrl !== r.url)
        return attention('temporary-redirect', m.fix.attention.temporaryRedirect(r.finalUrl));
      return null;
    }
    case 'blocked':
    case 'error':
      return attention(r.reason ?? r.status, linkMessage(m, r));
    case 'redirected':
      if (!r.suggestedUrl) return attention('moved-unknown', linkMessage(m, r));
      return decideMove(entry, link, base, r, r.suggestedUrl, false, state, minRuns, m);
    case 'dead': {
      const kept = r.catalogueArchive;
      if (kept && kept.status !== 'unplayable') return null; // remedied in the catalogue already
      if (kept) return attention('archive-unplayable', unplayable(r, m));
      // The link's own message in the reader's language (the reports render it the same way).
      const said = linkMessage(m, r);
      if (r.consecutiveFailures < minRuns)
        return attention(
          'failed-once',
          m.fix.attention.failedOnce(said, r.consecutiveFailures, minRuns),
        );
      if (!r.archive) {
        const code = r.archiveReason;
        const miss = code ? { code, label: m.archiveMiss[code] ?? code } : null;
        return attention('no-archive', m.fix.attention.noArchive(said, miss));
      }
      const date = r.archive.timestamp.slice(0, 10);
      return {
        kind: 'edit',
        item: {
          ...base,
          id: `${link.file}:${link.line}:add-archive`,
          kind: 'add-archive',
          old: link.url,
          new: { url: r.archive.url, date },
          why: m.fix.why.archive({
            reason: r.reason ?? 'dead',
            runs: r.consecutiveFailures,
            since: r.failingSince,
            captured: r.archive.timestamp,
          }),
          evidence: {
            status: r.status,
            reason: r.reason,
            failingSince: r.failingSince,
            consecutiveFailures: r.consecutiveFailures,
            archiveSource: r.archive.source,
            capturedAt: r.archive.timestamp,
          },
        },
      };
    }
  }
}

function unplayable(r: ReportLink, m: Messages): string {
  const kept = r.catalogueArchive!;
  return m.fix.attention.unplayable(kept.url, kept.reason);
}

function decideMove(
  entry: Entry,
  link: EntryLink,
  base: { file: string; line: number; entry: string; link: number },
  r: ReportLink,
  target: string,
  respelling: boolean,
  state: LinkState | undefined,
  minRuns: number,
  m: Messages,
): Decision {
  const moved = state?.moved && sameUrl(state.moved.to, target) ? state.moved : null;
  const runs = moved?.runs ?? 1;
  if (runs < minRuns) {
    return {
      kind: 'attention',
      reason: 'moved-once',
      message: m.fix.attention.movedOnce(target, runs, minRuns),
    };
  }
  if (r.httpStatus !== null && (r.httpStatus < 200 || r.httpStatus > 299)) {
    return {
      kind: 'attention',
      reason: 'target-not-ok',
      message: m.fix.attention.targetNotOk(target, r.httpStatus),
    };
  }
  const trivial = respelling || isTrivialMove(link.url, target);
  const matched: ReplaceUrlItem['evidence']['titleMatched'] | null = titlesMatch(
    entry.title,
    r.title,
  )
    ? 'catalogue'
    : titlesMatch(moved?.titleBefore ?? null, r.title)
      ? 'before-move'
      : trivial
        ? 'trivial-move'
        : null;
  if (!matched) {
    return {
      kind: 'attention',
      reason: 'title-mismatch',
      message: m.fix.attention.titleMismatch(target, r.title),
    };
  }
  const to = withFragment(target, link.url);
  return {
    kind: 'edit',
    item: {
      ...base,
      id: `${link.file}:${link.line}:replace-url`,
      kind: 'replace-url',
      trivial,
      old: link.url,
      new: to,
      why: m.fix.why.move({
        trivial,
        runs,
        since: moved!.since,
        httpStatus: r.httpStatus,
        matched,
      }),
      evidence: {
        status: r.status,
        httpStatus: r.httpStatus,
        redirects: r.redirects.map((h) => ({ url: h.url, status: h.status })),
        movedSince: moved!.since,
        runs,
        catalogueTitle: entry.title,
        pageTitle: r.title,
        titleBefore: moved?.titleBefore ?? null,
        titleMatched: matched,
      },
    },
  };
}
