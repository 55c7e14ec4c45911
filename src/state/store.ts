import { readFile, rename } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic.js';
import type { RunState, RunSummaryRecord, StateStore } from '../model/index.js';
import { stableStringify } from './serialize.js';
import { checkState, STATE_SCHEMA } from './validate.js';

export function emptyState(): RunState {
  return { schema: STATE_SCHEMA, links: {}, runs: [] };
}

export type StateLoadErrorCode = 'state-unreadable' | 'state-corrupt' | 'state-invalid';

/** Why the state file could not be used. The file itself is left untouched. */
export interface StateLoadError {
  code: StateLoadErrorCode;
  path: string;
  message: string;
}

export type StateLoadResult =
  | {
      ok: true;
      state: RunState /** true when the file did not exist (first run) */;
      missing: boolean;
    }
  | { ok: false; error: StateLoadError };

/** Thrown by `load()` only; `read()` returns the same information as a value. */
export class StateFileError extends Error {
  readonly code: StateLoadErrorCode;
  readonly path: string;
  constructor(error: StateLoadError) {
    super(error.message);
    this.name = 'StateFileError';
    this.code = error.code;
    this.path = error.path;
  }
}

export interface JsonFileStore extends StateStore {
  readonly path: string;
  /** Like `load()`, but a bad file is a value instead of a rejection. */
  read(): Promise<StateLoadResult>;
}

const JSON_ERROR_POSITION = /position (\d+)/;

function jsonErrorWhere(text: string, err: unknown): string {
  const m = JSON_ERROR_POSITION.exec(String((err as Error)?.message ?? ''));
  if (!m) return '';
  const pos = Number(m[1]);
  const line = text.slice(0, pos).split('\n').length;
  return ` at line ${line}`;
}

export async function readStateFile(path: string): Promise<StateLoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { ok: true, state: emptyState(), missing: true };
    }
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    return {
      ok: false,
      error: {
        code: 'state-unreadable',
        path,
        message: `Cannot read the state file ${path} (${why}).`,
      },
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const where =
      text.trim() === '' ? ': it is empty' : `: invalid JSON${jsonErrorWhere(text, err)}`;
    return {
      ok: false,
      error: {
        code: 'state-corrupt',
        path,
        message: `The state file ${path} is damaged${where}. Restore it from git or delete it to start the history afresh.`,
      },
    };
  }
  const checked = checkState(parsed);
  if (!checked.ok) {
    return {
      ok: false,
      error: {
        code: 'state-invalid',
        path,
        message: `The state file ${path} is not a ${STATE_SCHEMA} file: ${checked.path}: ${checked.problem}. Restore it from git or delete it to start the history afresh.`,
      },
    };
  }
  return { ok: true, state: checked.value, missing: false };
}

const COLONS_AND_DOTS = /[:.]/g;

/**
 * Run history in one JSON file, meant to be committed: keys sorted, 2-space indent, one link
 * per key. A missing file is a first run (empty state). A damaged or foreign file is never
 * treated as empty, which would silently reset every failure streak: `read()` returns an error
 * value and `load()` rejects with a StateFileError. Should a caller decide to carry on anyway,
 * `save()` first moves the damaged file aside (`<name>.corrupt-<time>`) instead of destroying it.
 */
export function createJsonFileStore(path: string): JsonFileStore {
  return {
    path,
    read: () => readStateFile(path),
    async load() {
      const result = await readStateFile(path);
      if (!result.ok) throw new StateFileError(result.error);
      return result.state;
    },
    async save(state: RunState) {
      const existing = await readStateFile(path);
      if (!existing.ok && existing.error.code !== 'state-unreadable') {
        const stamp = new Date().toISOString().replace(COLONS_AND_DOTS, '-');
        await rename(path, `${path}.corrupt-${stamp}`);
      }
      await writeFileAtomic(path, stableStringify({ ...state, schema: STATE_SCHEMA }));
    },
  };
}

export const DEFAULT_MAX_RUNS = 52;

/** Appends a run to the history (replacing one with the same id), keeping the last `maxRuns`. */
export function recordRun(
  state: RunState,
  summary: RunSummaryRecord,
  maxRuns: number = DEFAULT_MAX_RUNS,
): RunState {
  const runs = [...state.runs.filter((r) => r.id !== summary.id), summary];
  return { ...state, runs: runs.slice(Math.max(0, runs.length - Math.max(1, maxRuns))) };
}

/** Drops links no longer cited anywhere, so the file does not grow forever. */
export function pruneLinks(state: RunState, keep: Iterable<string>): RunState {
  const wanted = new Set(keep);
  const links: RunState['links'] = {};
  for (const [url, link] of Object.entries(state.links)) if (wanted.has(url)) links[url] = link;
  return { ...state, links };
}
