import { join } from 'node:path';
import type { LinkState } from '../model/index.js';
import { createJsonFileStore } from '../state/index.js';

/**
 * The history's state of the links `fix` looks at. The one place `fix` reads the history: when
 * the history store (src/store) replaces the JSON state file, only this function changes.
 */
export async function readLinkStates(
  reportDir: string,
  urls: Iterable<string>,
): Promise<{ ok: true; states: Map<string, LinkState> } | { ok: false; message: string }> {
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
