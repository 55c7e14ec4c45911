/**
 * Every human text of `rotwatch fix`, in English: the reference for fr-fix.ts, which must fill
 * each key and parameter (`FixMessages`). The summary, each edit's `why`, each "needs a person"
 * note and the pull request's title and description. Machine values (reason codes, kinds,
 * `file:line`, URLs, the plan's field names) are parameters, never translated.
 */
import type { FixGroup } from '../fix/types.js';
import { formatters } from './format.js';

const f = formatters('en');
const day = (iso: string) => iso.slice(0, 10);

/** A page's metadata field that enrichment fills from (the report's `links[].meta` keys). */
export type EnrichField = 'published' | 'authors' | 'doi';

/** What a page declared for an entry (a date's text, author names joined by "; ", a DOI). */
export interface DeclaredValue {
  url: string;
  value: string;
}

/** An archive miss as the report gives it: its code, and its label in the reader's language. */
export interface ArchiveMiss {
  code: string;
  label: string;
}

const WHAT: Record<EnrichField, string> = {
  published: 'the publication date',
  authors: 'the authors',
  doi: 'the DOI',
};

export const enFix = {
  summary: {
    nothing: 'rotwatch fix: nothing to edit.',
    edits: (edits: number, files: number, run: string) =>
      `rotwatch fix: ${f.count(edits, 'edit', 'edits')} in ${f.count(files, 'file', 'files')} (from run ${run}).`,
    group: {
      'trivial-move': 'trivial moves (http to https, www., trailing slash)',
      move: 'permanent moves',
      archive: 'archived copies added beside dead URLs',
      enrich:
        'enrichment from the pages\u2019 own metadata (written only from a reviewed plan: --plan, then --apply)',
    } satisfies Record<FixGroup, string>,
    heldBack: 'held back by --max-edits',
    attention: 'needs a person (never edited by fix)',
    leftAlone: 'left alone (fix: false)',
    /** A heading and its count: "permanent moves: 2". */
    counted: (label: string, n: number) => `${label}: ${f.number(n)}`,
  },

  /** The `#` line between the repairs' diff and the enrichment's (patch tools skip it). */
  enrichmentDiff:
    '# enrichment (rotwatch fix --enrich): from the pages\u2019 own metadata; written only through --plan, then --apply',
  planWritten: (file: string) =>
    `plan written to ${file}: remove the items you do not want, then run rotwatch fix --apply ${file}`,
  written: (files: readonly string[]) => `written: ${files.join(', ')}`,
  nothingWritten: 'rotwatch fix: nothing written.',

  /** Each edit's one sentence for the person reviewing it (the plan's `why`). */
  why: {
    move: (p: {
      trivial: boolean;
      runs: number;
      since: string;
      httpStatus: number | null;
      matched: 'catalogue' | 'before-move' | 'trivial-move';
    }) =>
      `${p.trivial ? 'Trivial permanent move' : 'Permanent move'} seen on ${p.runs} runs since ${day(p.since)}; the new page answers ${p.httpStatus ?? 'ok'}${p.matched === 'trivial-move' ? '' : ` and its title matches ${p.matched === 'catalogue' ? "the catalogue's" : 'the one before the move'}`}.`,
    archive: (p: { reason: string; runs: number; since: string | null; captured: string }) =>
      `Dead (${p.reason}) on ${p.runs} runs since ${p.since ? day(p.since) : '?'}; archived copy of ${day(p.captured)} kept beside the URL.`,
    addDate: (p: { pdf: boolean; date: string; runs: number }) =>
      `Enrichment: no date in the entry; its page declares ${p.pdf ? 'a creation date' : 'publication'} ${p.date}, read on ${p.runs} runs.`,
    addCreators: (p: { placeholder: string | null; names: string; runs: number }) =>
      `Enrichment: creators "${p.placeholder}" says the author was unknown; its page names ${p.names}, read on ${p.runs} runs.`,
    addDoiLink: (p: { doi: string; runs: number }) =>
      `Enrichment: its page declares the DOI ${p.doi}, read on ${p.runs} runs; the entry has no link to it.`,
  },

  /**
   * Why a link needs a person. `message` is the link's own message in the reader's language
   * (the report's, rendered from its reason code).
   */
  attention: {
    temporaryRedirect: (to: string) =>
      `Temporary redirect to ${to}: the URL stays; look whether the move is for good.`,
    failedOnce: (message: string, runs: number, minRuns: number) =>
      `${message} Seen failing on ${runs} run: an archived copy is proposed once it has failed on ${minRuns}.`,
    noArchive: (message: string, miss: ArchiveMiss | null) =>
      `${message} No archived copy was found${miss ? ` (${miss.code})` : ''}: find a new URL or a copy by hand.`,
    unplayable: (url: string, reason: string | null) =>
      `The archived copy in the catalogue (${url}) no longer plays back (${reason ?? 'unplayable'}).`,
    movedOnce: (target: string, runs: number, minRuns: number) =>
      `Permanent redirect to ${target} seen on ${runs} run; the new URL is proposed once seen on ${minRuns}.`,
    targetNotOk: (target: string, httpStatus: number) => `${target} answered ${httpStatus}.`,
    titleMismatch: (target: string, title: string | null) =>
      `Moved to ${target}, but its title (${title ?? 'none'}) matches neither the catalogue's nor the one before the move: check that it is the same work.`,
    enrichConflict: (field: EnrichField, said: readonly DeclaredValue[]) =>
      `The entry's pages disagree on ${WHAT[field]} (${said.map((s) => `${s.url}: ${s.value}`).join('; ')}): not filled in.`,
    enrichOnce: (field: EnrichField, value: string, runs: number, minRuns: number) =>
      `Its page declares ${WHAT[field]} ${value}, read on ${runs} run: proposed once read on ${minRuns}.`,
  },

  /** The pull request the weekly workflow opens with `fix --write --pull-request FILE`. */
  pullRequest: {
    title: 'Catalogue fixes from rotwatch',
    intro:
      'Edits proposed by `rotwatch fix` from the last weekly check. Review each one;\n' +
      'links marked `fix: false` in the catalogue are never touched.',
    diff: 'Diff',
    cut: (shown: number, total: number) =>
      `... cut here: ${f.number(shown)} of ${f.number(total)} characters shown.`,
  },
};

export type FixMessages = typeof enFix;
