import type { Report } from '../model/index.js';
import { githubData, githubProperty } from './escape.js';
import { type FailOnLevel, failingStatuses, isBroken, remedyFor, rowsOf } from './view.js';

export interface GithubOptions {
  /** Which statuses are `::error` (default 'dead'); see FAIL_ON_LEVELS. */
  failOn?: FailOnLevel;
}

/**
 * GitHub Actions workflow commands, one per citing catalogue line: `::error` for links the
 * fail-on policy counts, `::warning` for moved links (and broken ones below the policy),
 * nothing for ok and skipped links. Properties and messages are escaped per the
 * workflow-command rules (% CR LF, and : , in properties).
 */
export function renderGithub(report: Report, opts: GithubOptions = {}): string {
  const failing = failingStatuses(opts.failOn ?? 'dead');
  const lines: string[] = [];
  for (const { link, entry } of rowsOf(report)) {
    const level = failing.has(link.status)
      ? 'error'
      : link.status === 'redirected' || isBroken(link)
        ? 'warning'
        : null;
    if (!level) continue;
    const props: string[] = [];
    if (entry) props.push(`file=${githubProperty(entry.file)}`, `line=${entry.line}`);
    const title = link.status === 'redirected' ? 'Moved link' : `Link ${link.status}`;
    props.push(`title=${githubProperty(`${title}${link.reason ? ` (${link.reason})` : ''}`)}`);
    lines.push(`::${level} ${props.join(',')}::${githubData(message(link, entry?.id))}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function message(link: Report['links'][number], id: string | undefined): string {
  const parts = [`${id ? `${id}: ` : ''}${link.url}: ${link.message}`];
  const remedy = remedyFor(link);
  if (remedy.kind === 'new-url') parts.push(`Update the URL to ${remedy.url}`);
  if (remedy.kind === 'archive') parts.push(`Archived copy (${remedy.date}): ${remedy.url}`);
  return parts.join('\n');
}
