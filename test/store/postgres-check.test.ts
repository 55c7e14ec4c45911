/** `check --store postgres://...`: a whole run keeps its history in PostgreSQL. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import type { Report } from '../../src/model/index.js';
import { openPostgresStore } from '../../src/store/index.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';
import { html, startTestWeb, type TestWeb } from '../support/web.js';

const server = pgTestUrl();
let web: TestWeb;
let dir: string;

beforeAll(async () => {
  web = await startTestWeb(['site.test']);
  web.host('site.test').route('/doc', html('<title>Doc</title>'));
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-pg-check-'));
  await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
  const origin = web.host('site.test').origin;
  await writeFile(join(dir, 'links.txt'), `${origin}/doc\n${origin}/gone\n`);
});
afterAll(async () => {
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.runIf(server)('check --store postgres://', () => {
  it('records links, runs and the journal in the database; the next run reads them', async () => {
    const url = await freshDatabase(server as string);
    const run = () =>
      runCheck({
        cwd: dir,
        lookup: web.lookup,
        inputs: ['links.txt'],
        overrides: { allowPrivateAddresses: true, perHostInterval: 0, retries: 0, store: url },
      });
    const first = await run();
    expect(first.problems).toEqual([]);
    expect(first.exitCode).toBe(1);
    const second = await run();
    expect(second.exitCode).toBe(1);
    const report = JSON.parse(
      await readFile(join(dir, 'reports', 'latest.json'), 'utf8'),
    ) as Report;
    const gone = report.links.find((l) => l.url.endsWith('/gone'));
    // The failing streak spans both runs: the second run read the first one's history.
    expect(gone?.consecutiveFailures).toBe(2);
    const opened = await openPostgresStore(url);
    if (!opened.ok) throw new Error(opened.error.message);
    expect((await opened.store.readRuns(10)).length).toBe(2);
    const last = await opened.store.journal.lastFinished();
    expect(last?.finished).toBe(true);
    await opened.store.close();
  });
});
