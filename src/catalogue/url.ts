import { clip } from './problems.js';

/**
 * Why a catalogue URL cannot be checked, or null when it is fine. Only absolute http(s)
 * URLs without whitespace or control characters are accepted: anything else is a typo
 * that would otherwise be reported as a dead link.
 */
export function urlProblem(raw: string): string | null {
  if (raw.length === 0) return 'URL is empty';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the error
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(raw))
    return 'URL contains whitespace or control characters';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${clip(raw)}" is not a valid URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `URL scheme "${url.protocol.slice(0, -1)}" is not http or https`;
  }
  if (url.hostname === '') return 'URL has no host';
  return null;
}
