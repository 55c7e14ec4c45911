import { isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import type { Catalogue, Entry, EntryLink, InputProblem } from '../model/index.js';
import { findComplexity } from './guard.js';
import { lineOf, nodeAt, type PathKey, valueAt } from './positions.js';
import { clip, sortProblems } from './problems.js';
import { type CatalogueData, catalogueSchema, TEXT_FIELDS } from './schema.js';

export interface ParseLimits {
  /** Deepest collection nesting (flow brackets, or block indentation columns). Default 64. */
  maxDepth: number;
  /** Anchors plus aliases allowed in one file. Default 1000. */
  maxAliases: number;
  /** yaml's `maxAliasCount`: caps how far aliases may expand. Default 1000. */
  maxAliasCount: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxDepth: 64,
  maxAliases: 1000,
  maxAliasCount: 1000,
};

/** yaml error codes that leave the document structure intact, so validation can go on. */
const RECOVERABLE = new Set(['BAD_INDENT', 'TAG_RESOLVE_FAILED']);

/**
 * Parses and validates the text of one catalogue file, returning every problem found. The
 * catalogue is null as soon as there is any problem: a half-valid catalogue would be checked
 * with entries silently missing.
 */
export function parseCatalogueText(
  source: string,
  file: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): { catalogue: Catalogue | null; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const tooComplex = findComplexity(source, limits);
  if (tooComplex) {
    const message = `YAML too complex: ${tooComplex.message}`;
    return {
      catalogue: null,
      problems: [{ code: 'yaml-too-complex', file, line: tooComplex.line, message }],
    };
  }

  const counter = new LineCounter();
  // yaml's own duplicate-key check compares each key with every other (quadratic: 40 000
  // keys took 7 s); duplicates are found below with a set instead.
  const doc = parseDocument(source, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: false,
  });
  let fatal = false;
  for (const error of doc.errors) {
    const line = counter.linePos(error.pos[0]).line;
    const message = `YAML: ${error.message.split('\n')[0]}`;
    problems.push({ code: 'yaml-syntax', file, line, message });
    if (!RECOVERABLE.has(error.code)) fatal = true;
  }
  problems.push(...duplicateKeys(doc, counter, file));
  // Syntax errors leave a guessed structure behind; validating it would only add noise.
  if (fatal) return { catalogue: null, problems: sortProblems(problems) };

  // A section number such as 1.10, or a title like 1984, is text even when YAML reads a number.
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) return;
      const v = pair.value;
      if (
        (typeof v.value === 'number' || typeof v.value === 'boolean') &&
        TEXT_FIELDS.has(String(pair.key.value))
      ) {
        v.value = v.source ?? String(v.value);
      }
    },
  });

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    // yaml throws a ReferenceError when aliases would expand past maxAliasCount.
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({
      code: 'yaml-too-complex',
      file,
      line: 1,
      message: `YAML too complex: ${reason}`,
    });
    return { catalogue: null, problems };
  }
  if (data === null || data === undefined) {
    problems.push({
      code: 'schema',
      file,
      line: 1,
      message: 'file is empty: expected "catalogue:" and "entries:"',
    });
    return { catalogue: null, problems };
  }

  const result = catalogueSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues)
      problems.push(...issueProblems(issue, data, doc, counter, file));
  }
  problems.push(...duplicateIds(data, doc, counter, file));
  if (!result.success || problems.length > 0)
    return { catalogue: null, problems: sortProblems(problems) };
  return { catalogue: build(result.data, doc, counter, file), problems };
}

type Doc = ReturnType<typeof parseDocument>;

function issueProblems(
  issue: z.core.$ZodIssue,
  data: unknown,
  doc: Doc,
  counter: LineCounter,
  file: string,
): InputProblem[] {
  const path = issue.path.filter((p): p is PathKey => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => {
      const at = nodeAt(doc, [...path, k]);
      return {
        code: 'unknown-field',
        file,
        line: lineOf(at.key ?? at.node, counter),
        path: [...path, k].join('.'),
        message: `unknown field "${clip(k)}"`,
      };
    });
  }
  const line = lineOf(nodeAt(doc, path).node, counter);
  const where = path.join('.');
  const value = valueAt(data, path);
  const field = fieldLabel(path);
  if (issue.code === 'invalid_type') {
    if (value === undefined) {
      return [
        {
          code: 'missing-field',
          file,
          line,
          path: where,
          message: `missing required field "${field}"`,
        },
      ];
    }
    return [
      {
        code: 'schema',
        file,
        line,
        path: where,
        message:
          value === null
            ? `${field}: has no value (expected ${article(issue.expected)})`
            : `${field}: must be ${article(issue.expected)}, not ${describe(value)}`,
      },
    ];
  }
  if (issue.code === 'custom' && issue.params?.code === 'invalid-url') {
    return [{ code: 'invalid-url', file, line, path: where, message: issue.message }];
  }
  return [{ code: 'schema', file, line, path: where, message: `${field}: ${issue.message}` }];
}

/** "title", or "links item 2" for a list position: what a reader looks for in the file. */
function fieldLabel(path: readonly PathKey[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'document';
  if (typeof last === 'number')
    return `${String(path[path.length - 2] ?? 'list')} item ${last + 1}`;
  return last;
}

const VOWEL_START = /^[aeiou]/;

function article(expected: string): string {
  if (expected === 'object') return 'a mapping';
  if (expected === 'array') return 'a list';
  return VOWEL_START.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${clip(JSON.stringify(value))}`;
}

/** Keys given twice in one mapping: YAML forbids it, and the first value would be lost. */
function duplicateKeys(doc: Doc, counter: LineCounter, file: string): InputProblem[] {
  const problems: InputProblem[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const line = lineOf(pair.key, counter);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, line);
        else {
          const message = `YAML: duplicate key "${clip(key)}" (lines ${first} and ${line})`;
          problems.push({ code: 'yaml-syntax', file, line, message });
        }
      }
    },
  });
  return problems;
}

/** Duplicate ids, checked on the raw data so they show up alongside schema problems. */
function duplicateIds(data: unknown, doc: Doc, counter: LineCounter, file: string): InputProblem[] {
  const entries = valueAt(data, ['entries']);
  if (!Array.isArray(entries)) return [];
  const seen = new Map<string, number>();
  const problems: InputProblem[] = [];
  entries.forEach((entry, i) => {
    const id = valueAt(entry, ['id']);
    if (typeof id !== 'string') return;
    const line = lineOf(nodeAt(doc, ['entries', i, 'id']).node, counter);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, line);
    else {
      const message = `duplicate id "${id}" (lines ${first} and ${line})`;
      problems.push({ code: 'duplicate-id', file, line, path: `entries.${i}.id`, message });
    }
  });
  return problems;
}

function build(data: CatalogueData, doc: Doc, counter: LineCounter, file: string): Catalogue {
  const entries = data.entries.map((e, i): Entry => {
    const links = e.links.map(
      (l, j): EntryLink => ({
        file,
        line: lineOf(nodeAt(doc, ['entries', i, 'links', j, 'url']).node, counter),
        url: l.url,
        ...(l.role !== undefined && { role: l.role }),
        ...(l.accessed !== undefined && { accessed: l.accessed }),
        ...(l.archive !== undefined && { archive: { url: l.archive.url, date: l.archive.date } }),
        ...(l.fix !== undefined && { fix: l.fix }),
      }),
    );
    return {
      file,
      line: lineOf(nodeAt(doc, ['entries', i]).node, counter),
      id: e.id,
      section: { number: e.section.number.trim(), title: e.section.title.trim() },
      creators: e.creators.trim(),
      title: e.title.trim(),
      ...(e.container !== undefined && { container: e.container.trim() }),
      ...(e.date !== undefined && { date: { ...e.date, text: e.date.text.trim() } }),
      ...(e.extent !== undefined && { extent: { ...e.extent, text: e.extent.text.trim() } }),
      medium: e.medium,
      links,
      ...(e.accessed !== undefined && { accessed: e.accessed }),
    };
  });
  const info = {
    title: data.catalogue.title.trim(),
    ...(data.catalogue.publisher !== undefined && { publisher: data.catalogue.publisher.trim() }),
    ...(data.catalogue.compiled !== undefined && { compiled: data.catalogue.compiled }),
  };
  return { file, info, entries, ...(data.language !== undefined && { language: data.language }) };
}
