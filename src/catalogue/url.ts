import { clip } from './problems.js';

/**
 * Why a catalogue URL cannot be checked, or null when it is fine. Only absolute http(s)
 * URLs without whitespace or control characters are accepted: anything else is a typo
 * that would otherwise be reported as a dead link.
 */
export function urlProblem(raw: string): string | null {
  return checkableUrl(raw).problem;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the error
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;

/**
 * The URL parsed, when `urlProblem` finds nothing wrong with it; else why not. For callers that
 * go on with the parsed URL: a list of 10,000 URLs was parsed once more for nothing.
 */
export function checkableUrl(
  raw: string,
): { url: URL; problem: null } | { url: null; problem: string } {
  const no = (problem: string) => ({ url: null, problem });
  if (raw.length === 0) return no('URL is empty');
  if (WHITESPACE_OR_CONTROL.test(raw)) return no('URL contains whitespace or control characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return no(`"${clip(raw)}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return no(`URL scheme "${url.protocol.slice(0, -1)}" is not http or https`);
  }
  if (url.hostname === '') return no('URL has no host');
  return { url, problem: null };
}
