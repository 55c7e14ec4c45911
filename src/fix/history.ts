import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { LinkState } from '../model/index.js';
import { createJsonFileStore } from '../state/index.js';
import { openPostgresStore, openSqliteStore, storeTarget } from '../store/index.js';

export type LinkStates =
  | { ok: true; states: Map<string, LinkState> }
  | { ok: false; message: string };

/**
 * The history's state of the links `fix` looks at: from the history store when the check keeps
 * one (`<reportDir>/history.sqlite`, or `store`), else from the older `state.json`. The store
 * is opened as it is, never created nor migrated: `fix` only reads what the check wrote.
 */
export async function readLinkStates(
  reportDir: string,
  urls: Iterable<string>,
  opts: { store?: string; cwd?: string } = {},
): Promise<LinkStates> {
  const target = storeTarget({ reportDir, ...opts });
  if (target.kind === 'unsupported') return { ok: false, message: target.message };
  if (target.kind === 'postgres') {
    const opened = await openPostgresStore(target.url);
    if (!opened.ok) return { ok: false, message: opened.error.message };
    try {
      return { ok: true, states: await opened.store.readLinks(urls) };
    } catch (error) {
      return { ok: false, message: `${target.location}: ${(error as Error).message}` };
    } finally {
      await opened.store.close();
    }
  }
  if (await exists(target.path)) {
    const opened = openSqliteStore(target.path);
    if (!opened.ok) return { ok: false, message: opened.error.message };
    try {
      return { ok: true, states: await opened.store.readLinks(urls) };
    } catch (error) {
      return { ok: false, message: `${target.path}: ${(error as Error).message}` };
    } finally {
      await opened.store.close();
    }
  }
  const file = join(reportDir, 'state.json');
  try {
    const state = await createJsonFileStore(file).load();
    const states = new Map<string, LinkState>();
    for (const url of urls) {
      const s = state.links[url];
      if (s) states.set(url, s);
    }
    return { ok: true, states };
  } catch (error) {
    return { ok: false, message: `${file}: ${(error as Error).message}` };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
