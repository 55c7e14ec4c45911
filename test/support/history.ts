import { join } from 'node:path';
import type { RunState } from '../../src/model/index.js';
import { openSqliteStore } from '../../src/store/index.js';

/**
 * The run history a check left in `<dir>/reports/history.sqlite`, read back whole as the old
 * state file's shape (links by URL, runs oldest first), for tests to assert on.
 */
export async function readHistory(dir: string, reportDir = 'reports'): Promise<RunState> {
  const opened = openSqliteStore(join(dir, reportDir, 'history.sqlite'));
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.store;
  try {
    const links: RunState['links'] = {};
    for await (const link of store.eachLink()) links[link.url] = link;
    return { schema: 'rotwatch/state@1', links, runs: await store.readRuns(1_000) };
  } finally {
    await store.close();
  }
}
