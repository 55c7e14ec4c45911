import type { Language } from '../i18n/language.js';
import type { FuzzyDate, LinkArchive, Verdict } from '../model/index.js';
import type { EditOp } from './ops.js';

export const PLAN_SCHEMA = 'rotwatch/fix-plan@1' as const;

/** What every plan item says: where, which entry and link, and why. */
interface ItemBase {
  /** Stable within a plan: `file:line:kind`. */
  id: string;
  file: string;
  /** 1-based line of the link's URL. */
  line: number;
  /** Entry id, and the link's 0-based position among the entry's links. */
  entry: string;
  link: number;
  /** One sentence for the person reviewing the plan. */
  why: string;
}

/** Replace a URL that moved permanently (seen on two runs or more) by where it leads. */
export interface ReplaceUrlItem extends ItemBase {
  kind: 'replace-url';
  /** http to https, `www.` added or dropped, trailing slash: proposed as one group. */
  trivial: boolean;
  old: string;
  new: string;
  evidence: {
    status: Verdict;
    httpStatus: number | null;
    /** Permanent redirects (301/308) on the way. */
    redirects: { url: string; status: number }[];
    movedSince: string;
    runs: number;
    catalogueTitle: string;
    pageTitle: string | null;
    titleBefore: string | null;
    /** What matched: the catalogue's title, the title before the move, or the URL alone (trivial). */
    titleMatched: 'catalogue' | 'before-move' | 'trivial-move';
  };
}

/** Keep the URL of a dead link and add the archived copy beside it. */
export interface AddArchiveItem extends ItemBase {
  kind: 'add-archive';
  old: string;
  new: LinkArchive;
  evidence: {
    status: Verdict;
    reason: string | null;
    failingSince: string | null;
    consecutiveFailures: number;
    archiveSource: string;
    capturedAt: string;
  };
}

/**
 * Where an enrichment's value comes from: each of the entry's links whose page declared it,
 * with the value as the page gave it and on how many consecutive runs it was read.
 */
export interface EnrichSource {
  url: string;
  /** The page's own value (an ISO date, a DOI, or the author names joined by "; "). */
  value: string;
  runs: number;
  /** The document's content type (a PDF's date is its creation date). */
  contentType: string | null;
}

/**
 * Enrichment (issue 11, `fix --enrich`): fills what an entry lacks from what its pages declare
 * about themselves, read on two runs or more. Never overwrites a value the entry has, and is
 * written only through a reviewed plan (`--plan`, then `--apply`), never by `--write`.
 * `line` is the entry's line; `link` the first link whose page gave the value.
 */
interface EnrichBase extends ItemBase {
  enrichment: true;
  evidence: { sources: EnrichSource[] };
}

/** Add a missing `date` from the pages' publication date, as precise as they give it. */
export interface AddDateItem extends EnrichBase {
  kind: 'add-date';
  old: null;
  new: FuzzyDate;
}

/**
 * Fill `creators` from the pages' authors: added when the entry has none, or replacing a
 * placeholder that says the author is unknown (`[s.n.]`, `inconnu`...): never a real name.
 */
export interface AddCreatorsItem extends EnrichBase {
  kind: 'add-creators';
  /** The placeholder replaced, or null when the field is absent. */
  old: string | null;
  new: string;
}

/** Add the DOI's resolver link (`https://doi.org/<doi>`) as an extra link of the entry. */
export interface AddDoiLinkItem extends EnrichBase {
  kind: 'add-doi-link';
  old: null;
  /** The new link's URL. */
  new: string;
  doi: string;
}

export type EnrichItem = AddDateItem | AddCreatorsItem | AddDoiLinkItem;

/**
 * One proposed edit. A discriminated union on `kind`: a new kind of proposal is a new member
 * with its own `old`/`new` and `evidence`, and a case in `opOf`.
 */
export type PlanItem = ReplaceUrlItem | AddArchiveItem | EnrichItem;
export type PlanItemKind = PlanItem['kind'];

/** A link `fix` will not edit, and what a person should know about it. */
export interface AttentionItem {
  file: string;
  line: number;
  entry: string;
  url: string;
  status: Verdict;
  /** Why no edit is proposed: `no-archive`, `temporary-redirect`, `blocked`, `error`,
   * `moved-once`, `title-mismatch`, `archive-unplayable`, `failed-once`... */
  reason: string;
  message: string;
}

export interface FixPlan {
  schema: typeof PLAN_SCHEMA;
  createdAt: string;
  /** The report the plan was made from. */
  report: { id: string; finishedAt: string };
  /** Each catalogue file read, with the SHA-256 of its content when the plan was made. */
  files: { file: string; sha256: string }[];
  items: PlanItem[];
  /** Links that need a person: never edited by `fix`. */
  attention: AttentionItem[];
  /** Links marked `fix: false` that would otherwise have had an edit or a note. */
  leftAlone: AttentionItem[];
  /** Edits held back by `--max-edits`. */
  heldBack: number;
  /**
   * The language of its human texts (each `why`, each note's `message`): the report's. Absent
   * from plans written before round 16, which are English.
   */
  language?: Language;
}

/** The writer's edit for a plan item. */
export function opOf(item: PlanItem): EditOp {
  switch (item.kind) {
    case 'replace-url':
      return { op: 'set-url', entry: item.entry, link: item.link, from: item.old, to: item.new };
    case 'add-archive':
      return {
        op: 'add-archive',
        entry: item.entry,
        link: item.link,
        url: item.old,
        archive: item.new,
      };
    case 'add-date':
      return { op: 'add-entry-field', entry: item.entry, key: 'date', value: item.new };
    case 'add-creators':
      return item.old === null
        ? { op: 'add-entry-field', entry: item.entry, key: 'creators', value: item.new }
        : {
            op: 'set-entry-field',
            entry: item.entry,
            key: 'creators',
            from: item.old,
            to: item.new,
          };
    case 'add-doi-link':
      return { op: 'add-link', entry: item.entry, url: item.new, role: 'doi' };
  }
}

export function isEnrichment(item: PlanItem): item is EnrichItem {
  return item.kind === 'add-date' || item.kind === 'add-creators' || item.kind === 'add-doi-link';
}

/** The summary's groups of edits: trivial moves apart from the others. */
export type FixGroup = 'trivial-move' | 'move' | 'archive' | 'enrich';

/** Group names for summaries: trivial moves apart from the others. */
export function groupOf(item: PlanItem): FixGroup {
  if (isEnrichment(item)) return 'enrich';
  if (item.kind === 'add-archive') return 'archive';
  return item.trivial ? 'trivial-move' : 'move';
}
