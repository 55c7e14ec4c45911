/**
 * Deciding whether a numbered line is a heading of the dossier or numbering that belongs to
 * something else (curriculum references like "2.3. Connaissance des publics" inside a note).
 * The dossier's own headings form one ordered outline, so a candidate is accepted only when it is
 * a valid next step of that outline, and (for levels 1-2, which the dossier sets in capitals)
 * when it has the dossier's heading style.
 */

export interface HeadingCandidate {
  number: string;
  title: string;
}

const HEADING = /^(\d{1,2}(?:\.\d{1,2}){0,4})\.\s+(\S.*)$/;

const HEADING_START = /^[A-ZÀ-ÝŒ«"]/;

export function headingCandidate(text: string): HeadingCandidate | null {
  const m = HEADING.exec(text.trim());
  if (!m) return null;
  const title = m[2]!.trim();
  if (!HEADING_START.test(title)) return null;
  if (title.length > 160) return null;
  return { number: m[1]!, title };
}

const NON_LETTERS = /[^A-Za-zÀ-ÿŒœ]/g;
const NON_UPPERCASE_LETTERS = /[^A-ZÀ-ÞŒ]/g;

export function isUpperStyled(title: string): boolean {
  const letters = title.replace(NON_LETTERS, '');
  if (letters.length < 3) return false;
  const upper = letters.replace(NON_UPPERCASE_LETTERS, '').length;
  return upper / letters.length > 0.8;
}

/** Valid next outline numbers after `current` (null = nothing yet). */
export function isNextInOutline(current: string | null, next: string): boolean {
  const n = next.split('.').map(Number);
  if (current === null) return n.length === 1 && n[0] === 1;
  const c = current.split('.').map(Number);
  // a first child
  if (n.length === c.length + 1 && n[n.length - 1] === 1 && c.every((v, i) => n[i] === v))
    return true;
  // the next sibling of the current node or of one of its ancestors
  if (n.length > c.length) return false;
  for (let i = 0; i < n.length - 1; i++) if (n[i] !== c[i]) return false;
  return n[n.length - 1] === (c[n.length - 1] ?? 0) + 1;
}

/**
 * Levels 1-2 of this dossier are in capitals; deeper ones in sentence case. A heading in a
 * curriculum block is accepted only with both checks passing.
 */
export function acceptHeading(current: string | null, cand: HeadingCandidate): boolean {
  if (!isNextInOutline(current, cand.number)) return false;
  const depth = cand.number.split('.').length;
  if (depth <= 2 && !isUpperStyled(cand.title)) return false;
  return true;
}
