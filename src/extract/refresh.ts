import type { PageMeta } from '../model/index.js';

/**
 * A refresh that waits longer than this is not a redirect in effect: a reader sees the page,
 * and "reload every 300 s" pages (news, dashboards) are not moves.
 */
export const MAX_REFRESH_DELAY_SECONDS = 10;

/** What a refresh content attribute says: its delay, and its URL as written (null: reload). */
export interface RefreshDirective {
  delaySeconds: number;
  url: string | null;
}

const isSpace = (c: string | undefined) =>
  c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

const URL_PARAM_PREFIX = /^url\s*=\s*/i;

/**
 * Parses `content` as browsers do (HTML "shared declarative refresh steps"): a delay, then
 * `;` or `,` and an optional `url=` in any case, spaces anywhere, the URL optionally quoted.
 * `0;url=/x`, `0; URL='/x'`, `5 , url = "/x"`, `0;/x` all name /x. Null when the content is
 * not a refresh at all (no delay, garbage after it).
 */
export function parseRefresh(content: string): RefreshDirective | null {
  const s = content;
  let i = 0;
  while (isSpace(s[i])) i++;
  const start = i;
  while (isDigit(s[i])) i++;
  if (i === start && s[i] !== '.') return null;
  const delaySeconds = i === start ? 0 : Number(s.slice(start, i));
  while (isDigit(s[i]) || s[i] === '.') i++; // the fraction is ignored
  if (i >= s.length) return { delaySeconds, url: null };
  if (s[i] !== ';' && s[i] !== ',' && !isSpace(s[i])) return null;
  while (isSpace(s[i])) i++;
  if (s[i] === ';' || s[i] === ',') i++;
  while (isSpace(s[i])) i++;
  if (i >= s.length) return { delaySeconds, url: null };
  let rest = s.slice(i);
  const prefix = URL_PARAM_PREFIX.exec(rest);
  if (prefix) rest = rest.slice(prefix[0].length);
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    rest = rest.slice(1);
    const end = rest.indexOf(quote);
    if (end >= 0) rest = rest.slice(0, end);
  }
  const url = rest.trim();
  return { delaySeconds, url: url === '' ? null : url };
}

/**
 * The refresh a page performs, from the content attributes of its refresh <meta>s in document
 * order: the first one that parses wins (as in browsers). Only a prompt move to an http(s) URL
 * counts; the URL is resolved against `base`.
 */
export function refreshOf(
  contents: readonly string[],
  base: string,
  resolve: (href: string, base: string) => string | null,
): PageMeta['refresh'] {
  for (const content of contents) {
    const directive = parseRefresh(content);
    if (directive === null) continue;
    if (directive.url === null || directive.delaySeconds > MAX_REFRESH_DELAY_SECONDS) return null;
    const url = resolve(directive.url, base);
    return url === null ? null : { delaySeconds: directive.delaySeconds, url };
  }
  return null;
}
