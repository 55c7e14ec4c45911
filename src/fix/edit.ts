import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import { formatProblem, parseCatalogueText } from '../catalogue/index.js';
import { locateEntry, locateLink } from './locate.js';
import { type EditError, type EditOp, isLinkOp, type Splice } from './ops.js';
import { applySplices, mergeInsertions, overlapping, splicesFor } from './splice.js';
import { entrySplicesFor } from './splice-entry.js';

export interface EditResult {
  /** The new text; equal to the source when nothing could be applied. */
  text: string;
  applied: EditOp[];
  /** Edits left out, each with why; the others are still applied. */
  refused: { op: EditOp; error: EditError }[];
}

export type EditOutcome = { ok: true; result: EditResult } | { ok: false; error: EditError };

const PARSE = { prettyErrors: false, uniqueKeys: false } as const;

/**
 * Makes edits to the text of one catalogue file, touching only the bytes of the edited values:
 * comments, blank lines, key order, quoting, indentation, flow or block style and line endings
 * elsewhere stay exactly as they were. An edit that cannot be made where it is addressed (the
 * link changed, YAML too unusual to edit safely) is refused on its own.
 *
 * Then the result is read back and compared with what the data must be after exactly these
 * edits: any other difference (or a catalogue that no longer validates) fails the whole file,
 * with nothing changed, rather than write something nobody asked for. `file` names the file in
 * messages only.
 */
export function editCatalogueText(
  source: string,
  ops: readonly EditOp[],
  file: string,
): EditOutcome {
  const doc = parseDocument(source, PARSE);
  if (doc.errors.length > 0)
    return failed('yaml-syntax', `${file}: not valid YAML, nothing edited`);

  const refused: EditResult['refused'] = [];
  const applied: EditOp[] = [];
  const splices: Splice[] = [];
  const links = new Set<string>();
  for (const op of inWritingOrder(ops)) {
    const key = `${op.entry}\u0000${isLinkOp(op) ? op.link : op.op === 'add-link' ? op.op : op.key}`;
    if (links.has(key)) {
      refused.push({
        op,
        error: {
          code: 'conflict',
          message: `${file}: a second edit of entry "${op.entry}", ${isLinkOp(op) ? `link ${op.link + 1}` : op.op === 'add-link' ? 'new link' : op.key}`,
        },
      });
      continue;
    }
    let made: { ok: true; splices: Splice[] } | { ok: false; error: EditError };
    if (isLinkOp(op)) {
      const site = locateLink(doc, op.entry, op.link);
      made = site.ok ? splicesFor(source, site.value, op) : site;
    } else {
      const entry = locateEntry(doc, op.entry);
      made = entry.ok ? entrySplicesFor(source, entry.value, op) : entry;
    }
    if (!made.ok) {
      refused.push({ op, error: { ...made.error, message: `${file}: ${made.error.message}` } });
      continue;
    }
    links.add(key);
    applied.push(op);
    splices.push(...made.splices);
  }
  if (applied.length === 0) return { ok: true, result: { text: source, applied, refused } };
  const merged = mergeInsertions(splices);
  if (overlapping(merged)) return failed('conflict', `${file}: edits overlap, nothing edited`);

  const text = applySplices(source, merged);
  const check = verify(source, text, applied, file);
  if (check) return { ok: false, error: check };
  return { ok: true, result: { text, applied, refused } };
}

/**
 * Link edits first, then links appended, then entry fields: insertions at one point are
 * written in this order, so an archive added to an entry's last link stays with that link.
 */
function inWritingOrder(ops: readonly EditOp[]): EditOp[] {
  const rank = (op: EditOp) => (isLinkOp(op) ? 0 : op.op === 'add-link' ? 1 : 2);
  return [...ops].sort((a, b) => rank(a) - rank(b));
}

function failed(code: EditError['code'], message: string): EditOutcome {
  return { ok: false, error: { code, message } };
}

/** Null when `after` holds exactly the data of `before` with `ops` made, and still validates. */
export function verify(
  before: string,
  after: string,
  ops: readonly EditOp[],
  file: string,
): EditError | null {
  const reread = parseDocument(after, PARSE);
  if (reread.errors.length > 0) {
    const why = reread.errors[0]!.message.split('\n')[0];
    return {
      code: 'verify-failed',
      message: `${file}: the edited file would not parse (${why}); nothing written`,
    };
  }
  const expected = expectedAfter(parseDocument(before, PARSE).toJS(), ops);
  if (!isDeepStrictEqual(reread.toJS(), expected)) {
    return {
      code: 'verify-failed',
      message: `${file}: the edited file would differ from the planned change beyond the edited links; nothing written`,
    };
  }
  const { problems } = parseCatalogueText(after, file);
  if (problems.length > 0) {
    return {
      code: 'verify-failed',
      message: `${file}: the edited catalogue would not validate (${formatProblem(problems[0]!)}); nothing written`,
    };
  }
  return null;
}

/** The plain data after the edits: what the edited file must read back as, and nothing else. */
export function expectedAfter(data: unknown, ops: readonly EditOp[]): unknown {
  const copy = structuredClone(data) as { entries?: Record<string, unknown>[] };
  for (const op of ops) {
    const entry = copy.entries?.find((e) => String(e?.id) === op.entry);
    if (!entry) continue;
    if (!isLinkOp(op)) {
      if (op.op === 'add-entry-field') entry[op.key] = structuredClone(op.value);
      else if (op.op === 'set-entry-field') entry[op.key] = op.to;
      else if (Array.isArray(entry.links)) entry.links.push({ url: op.url, role: op.role });
      continue;
    }
    const links = entry.links as unknown[] | undefined;
    if (!links || links[op.link] === undefined) continue;
    const link = links[op.link];
    const asMap = typeof link === 'string' ? { url: link } : (link as Record<string, unknown>);
    if (op.op === 'set-url') {
      links[op.link] = typeof link === 'string' ? op.to : { ...asMap, url: op.to };
    } else {
      links[op.link] = { ...asMap, archive: { ...op.archive } };
    }
  }
  return copy;
}
