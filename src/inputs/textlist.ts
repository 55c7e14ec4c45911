import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { urlProblem } from '../catalogue/url.js';
import type { InputProblem } from '../model/index.js';
import type { FoundLinks } from './found.js';

/**
 * Longest line read from a URL list. A URL is rarely over 2 KiB and browsers stop near 64 KiB;
 * a longer line is reported and skipped, so a file without newlines cannot fill memory.
 */
export const MAX_LIST_LINE_CHARS = 64 * 1024;

const LINE_BREAK = /\r?\n/;

/**
 * A plain URL list: one URL per line, blank lines and `#` comment lines ignored. A line
 * that is not a usable URL is a problem, not a reason to drop the whole file.
 */
export function parseUrlList(text: string, file: string): FoundLinks {
  const found: FoundLinks = { links: [], problems: [] };
  text.split(LINE_BREAK).forEach((raw, i) => {
    addLine(found, raw, i + 1, file);
  });
  return found;
}

function addLine(found: FoundLinks, raw: string, line: number, file: string): void {
  const url = raw.trim();
  if (url === '' || url.startsWith('#')) return;
  const reason = urlProblem(url);
  if (reason) found.problems.push({ code: 'invalid-url', file, line, message: reason });
  else found.links.push({ url, line, title: url });
}

/**
 * Reads a URL list from disk as a stream, line by line, with the same result as parseUrlList
 * on the whole text: a list of a million URLs is never one string, nor an array of its lines.
 * Any size is accepted (the work is linear and small per line); UTF-8 is checked as it comes
 * and a byte-order mark is dropped. Never throws: an unreadable file is a problem.
 */
export async function readUrlList(
  path: string,
  opts: { cwd?: string } = {},
): Promise<FoundLinks | { problem: InputProblem }> {
  const full = resolve(opts.cwd ?? process.cwd(), path);
  const problem = (message: string) => ({
    problem: { code: 'file-unreadable' as const, file: path, line: 1, message },
  });
  const found: FoundLinks = { links: [], problems: [] };
  try {
    if (!(await stat(full)).isFile()) return problem('not a regular file');
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    let line = 1;
    let rest = '';
    /** True while the rest of an over-long line is being skipped. */
    let skipping = false;
    const take = (text: string, final: boolean) => {
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        const piece = text.slice(start, nl);
        if (!skipping) addLine(found, rest + piece, line, path);
        rest = '';
        skipping = false;
        start = nl + 1;
        line++;
      }
      if (skipping) return;
      rest += text.slice(start);
      if (rest.length > MAX_LIST_LINE_CHARS) {
        found.problems.push({
          code: 'invalid-url',
          file: path,
          line,
          message: `line longer than ${MAX_LIST_LINE_CHARS} characters`,
        });
        rest = '';
        skipping = true;
      } else if (final && rest !== '') {
        addLine(found, rest, line, path);
        rest = '';
      }
    };
    for await (const chunk of createReadStream(full) as AsyncIterable<Buffer>) {
      take(decoder.decode(chunk, { stream: true }), false);
    }
    take(decoder.decode(), true);
    return found;
  } catch (error) {
    if (error instanceof TypeError) return problem('not valid UTF-8 text');
    const code = (error as NodeJS.ErrnoException).code;
    return problem(
      code === 'ENOENT' ? 'no such file' : `cannot read file (${code ?? String(error)})`,
    );
  }
}
