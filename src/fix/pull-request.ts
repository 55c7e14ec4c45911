/**
 * The pull request the weekly workflow opens with `fix`'s edits (`--pull-request FILE`): its
 * title and description in the reader's language, built here rather than in the workflow's
 * shell so that they are typed, translated and tested like every other text.
 */
import type { Messages } from '../i18n/index.js';

/** Above these, a text is cut (GitHub refuses a description over 65,536 characters). */
export const SUMMARY_LIMIT = 20_000;
export const DIFF_LIMIT = 40_000;

const BACKTICK_RUNS = /`+/g;

/** A code fence longer than any run of backticks in the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(BACKTICK_RUNS) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The text whole, or its first lines within `limit` characters and a line saying so. */
function cut(text: string, limit: number, m: Messages): { text: string; note: string | null } {
  if (text.length <= limit) return { text, note: null };
  const end = text.lastIndexOf('\n', limit);
  const kept = text.slice(0, end > 0 ? end + 1 : limit);
  return { text: kept, note: m.fix.pullRequest.cut(kept.length, text.length) };
}

function block(text: string, info: string, limit: number, m: Messages): string[] {
  const { text: kept, note } = cut(text, limit, m);
  const fence = fenceFor(kept);
  const body = kept.endsWith('\n') || kept === '' ? kept : `${kept}\n`;
  return [`${fence}${info}\n${body}${fence}`, ...(note ? [note] : [])];
}

/**
 * The pull request as one text, in the form of a commit message: the title on the first line,
 * a blank line, then the description (Markdown): the introduction, `fix`'s summary (every edit
 * with its reason, the links that need a person) and the diff, folded.
 */
export function renderPullRequest(p: { summary: string; diff: string; m: Messages }): string {
  const t = p.m.fix.pullRequest;
  const description = [
    t.intro,
    '',
    ...block(p.summary, '', SUMMARY_LIMIT, p.m),
    '',
    `<details><summary>${t.diff}</summary>`,
    '',
    ...block(p.diff, 'diff', DIFF_LIMIT, p.m),
    '</details>',
  ];
  return `${t.title}\n\n${description.join('\n')}\n`;
}
