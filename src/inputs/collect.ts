import { readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  DEFAULT_MAX_BYTES,
  type LoadOptions,
  loadCatalogueFile,
  readInputText,
} from '../catalogue/loader.js';
import type { Catalogue, Citation, InputProblem, Target } from '../model/index.js';
import { citationsOf } from './citations.js';
import type { FoundLinks } from './found.js';
import { parseMarkdownLinks } from './markdown.js';
import { normaliseUrl } from './normalise.js';
import { parseUrlList, readUrlList } from './textlist.js';

export interface CollectOptions extends LoadOptions {
  /**
   * The text of standard input, for the input `-` (a URL list). The caller reads it: this
   * module does no I/O on the process's streams. Absent: `-` is a problem.
   */
  stdin?: string;
}

/** The input that means "a URL list on standard input". */
export const STDIN_INPUT = '-';
/** How citations from URLs given as arguments and from standard input name their place. */
export const COMMAND_LINE_FILE = '(command line)';
export const STDIN_FILE = '(stdin)';

const HTTP_SCHEME = /^https?:\/\//i;

/**
 * An input that is a URL to check rather than a file: it starts with `http://` or `https://`.
 * Other link checkers take URLs as arguments; a file of that name would need `./` in front.
 */
export function isUrlInput(input: string): boolean {
  return HTTP_SCHEME.test(input.trim());
}

/** How an input is named in the report's list of what was read. */
export function inputLabel(input: string): string {
  if (isUrlInput(input)) return COMMAND_LINE_FILE;
  return input === STDIN_INPUT ? STDIN_FILE : input;
}

export interface Collected {
  /** One per unique normalised URL, in order of first citation. */
  targets: Target[];
  catalogues: Catalogue[];
  problems: InputProblem[];
  /**
   * Inputs (files or folders) that gave nothing because they could not be read whole: missing,
   * over the size cap, not a catalogue, invalid. A run missing one of them is no run of the
   * catalogue (see src/check/publish.ts). A bad line in a URL list is a problem, not this.
   */
  unread: string[];
}

const CATALOGUE_EXT = new Set(['.yaml', '.yml']);
const LIST_EXT = new Set(['.txt']);
const MARKDOWN_EXT = new Set(['.md', '.markdown']);

/**
 * The "collect" step of `rotwatch check`: reads catalogues (.yaml/.yml), URL lists (.txt)
 * and Markdown (.md), a directory meaning every catalogue directly in it, and merges every
 * citation of the same URL into one target. Never throws: unreadable or invalid inputs are
 * problems, and what could be read is still returned.
 */
export async function collectTargets(
  paths: string[],
  opts: CollectOptions = {},
): Promise<Collected> {
  const cwd = opts.cwd ?? process.cwd();
  const problems: InputProblem[] = [];
  const catalogues: Catalogue[] = [];
  const targets = new TargetSet();
  const seenFiles = new Set<string>();
  const unread: string[] = [];

  // URLs given as arguments read as one URL list, cited as "(command line):N".
  const urls = paths.filter(isUrlInput).map((u) => u.trim());
  if (urls.length > 0) {
    addFound(
      parseUrlList(urls.join('\n'), COMMAND_LINE_FILE),
      COMMAND_LINE_FILE,
      targets,
      problems,
    );
  }
  if (paths.includes(STDIN_INPUT)) {
    const text = opts.stdin;
    if (text === undefined) {
      const message = 'standard input was not read (only the command line reads it for "-")';
      problems.push({ code: 'file-unreadable', file: STDIN_FILE, line: 1, message });
      unread.push(STDIN_FILE);
    } else {
      const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
      const size = Buffer.byteLength(text);
      if (size > maxBytes) {
        const message = `standard input is ${size} bytes, over the ${maxBytes}-byte limit`;
        problems.push({ code: 'file-too-large', file: STDIN_FILE, line: 1, message });
        unread.push(STDIN_FILE);
      } else addFound(parseUrlList(text, STDIN_FILE), STDIN_FILE, targets, problems);
    }
  }
  const files = paths.filter((p) => !isUrlInput(p) && p !== STDIN_INPUT);
  const given = files.map((p) => displayPath(p, cwd));
  const listProblems: InputProblem[] = [];
  const listed = await listInputFiles(given, cwd, listProblems);
  problems.push(...listProblems);
  unread.push(...listProblems.map((p) => p.file));
  for (const file of listed) {
    const key = resolve(cwd, file);
    if (seenFiles.has(key)) continue;
    seenFiles.add(key);
    const ext = extname(file).toLowerCase();
    if (CATALOGUE_EXT.has(ext)) {
      const result = await loadCatalogueFile(file, { ...opts, cwd });
      problems.push(...result.problems);
      if (!result.catalogue) unread.push(file);
      if (result.catalogue) {
        catalogues.push(result.catalogue);
        for (const { url, citation } of citationsOf(result.catalogue)) targets.add(url, citation);
      }
      continue;
    }
    if (LIST_EXT.has(ext)) {
      // Read as a stream, whatever its size: a list costs little per line, unlike YAML.
      const list = await readUrlList(file, { cwd });
      if ('problem' in list) {
        problems.push(list.problem);
        unread.push(file);
      } else addFound(list, file, targets, problems);
      continue;
    }
    const parse = MARKDOWN_EXT.has(ext) ? parseMarkdownLinks : null;
    if (!parse) {
      const message =
        'unsupported input type (expected .yaml, .yml, .txt or .md, a URL starting with http:// or https://, or - for a URL list on standard input)';
      problems.push({ code: 'file-unreadable', file, line: 1, message });
      unread.push(file);
      continue;
    }
    const read = await readInputText(file, { ...opts, cwd });
    if ('problem' in read) {
      problems.push(read.problem);
      unread.push(file);
      continue;
    }
    addFound(parse(read.text, file), file, targets, problems);
  }
  return { targets: targets.list(), catalogues, problems, unread };
}

/**
 * Paths are shown as given; an absolute path inside `cwd` is shown relative to it, so that
 * reports and CI annotations name files the same way whoever built the path list.
 */
function displayPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  return rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel) ? path : rel;
}

/**
 * Files named directly, plus the catalogues directly inside named directories (sorted).
 * A directory without catalogues is a problem; missing files are left to the reader.
 */
export async function listInputFiles(
  paths: string[],
  cwd: string,
  problems: InputProblem[],
): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = (await stat(resolve(cwd, path))).isDirectory();
    } catch {
      // Left to the reader, which reports a missing file with its own message.
    }
    if (!isDir) {
      files.push(path);
      continue;
    }
    let names: string[] = [];
    try {
      names = await readdir(resolve(cwd, path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      problems.push({
        code: 'file-unreadable',
        file: path,
        line: 1,
        message: `cannot read directory (${code})`,
      });
      continue;
    }
    const catalogues = names.filter((n) => CATALOGUE_EXT.has(extname(n).toLowerCase())).sort();
    if (catalogues.length === 0) {
      problems.push({
        code: 'file-unreadable',
        file: path,
        line: 1,
        message: 'directory holds no .yaml or .yml file',
      });
    }
    files.push(...catalogues.map((n) => join(path, n)));
  }
  return files;
}

function addFound(
  found: FoundLinks,
  file: string,
  targets: TargetSet,
  problems: InputProblem[],
): void {
  problems.push(...found.problems);
  for (const link of found.links) {
    const url = normaliseUrl(link.url);
    if (url === null) continue; // parsers already reported unusable URLs
    // One flat string: a template literal makes a rope of three strings (88 bytes, not 32).
    const id = [file, link.line].join(':');
    targets.add(url, { id, file, line: link.line, title: link.title });
  }
}

/** Citations of one URL compared one by one below this many; a set of places above it. */
const PLACES_SET_FROM = 16;

/**
 * Targets keyed by normalised URL; a citation already recorded at the same place is skipped.
 * Built for a million URLs, most cited once: a new target's citations are an array of exactly
 * one (`[]` then `push` would reserve 17 slots: 128 bytes per target for nothing), the map holds
 * the targets themselves, and a set of places exists only for a URL cited many times.
 */
class TargetSet {
  private readonly byUrl = new Map<string, Target>();
  private readonly places = new Map<string, Set<string>>();

  add(url: string, citation: Citation): void {
    const target = this.byUrl.get(url);
    if (!target) {
      this.byUrl.set(url, { url, citations: [citation] });
      return;
    }
    const citations = target.citations;
    const places = this.places.get(url);
    if (places) {
      const place = placeOf(citation);
      if (places.has(place)) return;
      places.add(place);
    } else {
      const same = (c: Citation) =>
        c.id === citation.id && c.file === citation.file && c.line === citation.line;
      if (citations.some(same)) return;
      if (citations.length + 1 >= PLACES_SET_FROM) {
        this.places.set(url, new Set([...citations, citation].map(placeOf)));
      }
    }
    citations.push(citation);
  }

  list(): Target[] {
    return Array.from(this.byUrl.values());
  }
}

function placeOf(c: Citation): string {
  return `${c.id}\u0000${c.file}\u0000${c.line}`;
}
