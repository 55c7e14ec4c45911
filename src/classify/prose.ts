import { tokens } from './text.js';

/*
 * "Does the page say more than its banner?" An article whose title is only the site's name and
 * which opens with "Cette vidéo a été retirée de YouTube après une plainte..." goes on in
 * sentences; a video or product page that is gone says its one sentence and lists links
 * (recommended videos, similar products: titles, names and prices, not sentences).
 * Read only once a removal wording has been found under a bare site-name title: not on the hot
 * path of every page.
 */

/** A sentence ends at . ! ? or … followed by a space or the end. */
const SENTENCE_END = /[.!?…]+(?:\s+|$)/g;
const ENDS_SENTENCE = /[.!?…]$/;

/** Words of a sentence of prose: fewer is a label ("Voir aussi."), more a run of unpunctuated links. */
const MIN_SENTENCE_WORDS = 6;
const MAX_SENTENCE_WORDS = 60;
/** An article's worth of prose besides the removal sentence: a few sentences, a paragraph or so. */
const ARTICLE_SENTENCES = 3;
const ARTICLE_WORDS = 60;

interface Sentence {
  /** Index of its first word in `tokens(text)`. */
  start: number;
  words: number;
  /** Ends with terminal punctuation (the last piece of the text may not). */
  closed: boolean;
}

function sentencesOf(text: string, total: number): Sentence[] | null {
  const out: Sentence[] = [];
  let at = 0;
  let from = 0;
  const push = (piece: string) => {
    const n = tokens(piece).length;
    if (n > 0) out.push({ start: at, words: n, closed: ENDS_SENTENCE.test(piece.trimEnd()) });
    at += n;
  };
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    push(text.slice(from, end));
    from = end;
  }
  push(text.slice(from));
  // Cut at punctuation and spaces only, the pieces hold the text's words; if not, say nothing.
  return at === total ? out : null;
}

/**
 * Whether `text` holds an article's worth of prose in its words [from, to) (the page's own part,
 * as token indices of `tokens(text)`, `total` of them: the caller has them already), the
 * sentence holding word `skip` (the removal wording) set aside. Unknown (the pieces do not line
 * up with the words) counts as prose: in doubt, ok.
 */
export function hasProse(
  text: string,
  total: number,
  from: number,
  to: number,
  skip: number,
): boolean {
  const sentences = sentencesOf(text, total);
  if (sentences === null) return true;
  let count = 0;
  let prose = 0;
  for (const s of sentences) {
    if (s.start < from || s.start + s.words > to) continue;
    if (skip >= s.start && skip < s.start + s.words) continue;
    if (!s.closed || s.words < MIN_SENTENCE_WORDS || s.words > MAX_SENTENCE_WORDS) continue;
    count++;
    prose += s.words;
  }
  return count >= ARTICLE_SENTENCES && prose >= ARTICLE_WORDS;
}
