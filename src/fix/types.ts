import type { LinkArchive, Verdict } from '../model/index.js';
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
 * One proposed edit. A discriminated union on `kind`: a new kind of proposal (say, filling an
 * entry's missing date from the page's metadata) is a new member with its own `old`/`new` and
 * `evidence`, and a case in `opOf`.
 */
export type PlanItem = ReplaceUrlItem | AddArchiveItem;
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
  }
}

/** Group names for summaries: trivial moves apart from the others. */
export function groupOf(item: PlanItem): 'trivial-move' | 'move' | 'archive' {
  if (item.kind === 'add-archive') return 'archive';
  return item.trivial ? 'trivial-move' : 'move';
}
