import type { FuzzyDate, LinkArchive } from '../model/index.js';

/**
 * The edits the catalogue writer knows how to make, each addressed to one link of one entry
 * (by entry id and the link's 0-based position; `from`/`url` say what the link must still be,
 * so an edit never lands on a link that changed since it was planned).
 *
 * A new kind of edit (e.g. filling an entry's missing date) is a new member of this union, a
 * case in `splicesFor` (how to write it) and one in `expectedAfter` (what the data must be
 * after it): the verification that guards every write then covers it too.
 */
export type EditOp =
  | { op: 'set-url'; entry: string; link: number; from: string; to: string }
  | { op: 'add-archive'; entry: string; link: number; url: string; archive: LinkArchive }
  /** A key the entry lacks, inserted in the place the catalogue format lists it. */
  | { op: 'add-entry-field'; entry: string; key: 'date'; value: FuzzyDate }
  | { op: 'add-entry-field'; entry: string; key: 'creators'; value: string }
  /** A text field's value replaced; `from` is what it must still be. */
  | { op: 'set-entry-field'; entry: string; key: 'creators'; from: string; to: string }
  /** A link appended to the entry's links, as `{ url, role }`. */
  | { op: 'add-link'; entry: string; url: string; role: string };

/** The edits that address one link of an entry (the others address the entry itself). */
export type LinkOp = Extract<EditOp, { link: number }>;

export function isLinkOp(op: EditOp): op is LinkOp {
  return op.op === 'set-url' || op.op === 'add-archive';
}

/** Why an edit, or a whole file, could not be written. Errors are values with a code. */
export interface EditError {
  code:
    | 'yaml-syntax'
    | 'entry-not-found'
    | 'link-not-found'
    | 'link-changed'
    | 'already-archived'
    | 'field-present'
    | 'unsupported-yaml'
    | 'conflict'
    | 'verify-failed';
  message: string;
}

/** A byte range of the source replaced by new text (an insertion when start === end). */
export interface Splice {
  start: number;
  end: number;
  text: string;
}
