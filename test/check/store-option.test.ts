/** `check.store` / `--store`: where the run history goes, and what is refused. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { html, startTestWeb, type TestWeb } from '../support/web.js';

let web: TestWeb;
let dir: string;
beforeAll(async () => {
  web = await startTestWeb(['site.test']);
  web.host('site.test').route('/doc', html('<title>Doc</title>'));
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-store-option-'));
  await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
  await writeFile(join(dir, 'links.txt'), `${web.host('site.test').origin}/doc\n`);
});
afterAll(async () => {
  await web.close();
  await rm(dir, { recursive: true, force: true });
});

const run = (store: string) =>
  runCheck({
    cwd: dir,
    lookup: web.lookup,
    inputs: ['links.txt'],
    overrides: { allowPrivateAddresses: true, perHostInterval: 0, retries: 0, store },
  });

describe('check --store', () => {
  it('keeps the history in the file named, not in the reports directory', async () => {
    const result = await run('sqlite:data/links.sqlite');
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(dir, 'data', 'links.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'reports', 'history.sqlite'))).toBe(false);
    const opened = openSqliteStore(join(dir, 'data', 'links.sqlite'));
    if (!opened.ok) throw new Error(opened.error.message);
    expect((await opened.store.readRuns(10)).length).toBe(1);
    await opened.store.close();
    expect(existsSync(join(dir, 'reports', 'latest.json'))).toBe(true);
  });

  it('refuses a PostgreSQL database out of reach before checking anything (exit 2), hiding the password', async () => {
    const before = web.host('site.test').requests.length;
    const result = await run('postgres://rot:hunter2@db.example.org/rot');
    expect(result.exitCode).toBe(2);
    expect(result.report).toBeNull();
    expect(result.problems.join('\n')).toContain('postgres://rot:***@db.example.org/rot');
    expect(result.problems.join('\n')).not.toContain('hunter2');
    expect(web.host('site.test').requests.length).toBe(before);
  });
});
