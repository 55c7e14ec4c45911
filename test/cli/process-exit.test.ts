/**
 * The exit code is what CI sees: asserted on real child processes, where nothing but the
 * command keeps the event loop alive. The store's checkpoint worker is not a reason to stay
 * alive during a run, but waiting for it to stop must be: otherwise a process whose last task
 * is closing the store exits 0 in the middle of it, before the command sets its exit code.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpileSources } from '../support/transpile.js';
import { html, startTestWeb, status, type TestWeb } from '../support/web.js';

let dir: string;
let web: TestWeb;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-exit-'));
  await transpileSources(dir);
  web = await startTestWeb(['site.test']);
  const site = web.host('site.test');
  site.route('/ok', html('<title>A page that answers</title><p>Words enough for a page.</p>'));
  site.route('*', status(404));
  const base = `http://${site.ip}:${site.port}`;
  await writeFile(join(dir, 'links.txt'), `${base}/ok\n${base}/gone\n`);
  await writeFile(
    join(dir, 'rotwatch.config.yaml'),
    'check:\n  allowPrivateAddresses: true\n  perHostInterval: 0\narchive:\n  enabled: false\n',
  );
}, 120_000);

afterAll(async () => {
  await web?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function node(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b;
  });
  child.stderr.on('data', (b: Buffer) => {
    err += b;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('a process that ends by closing the SQLite store', () => {
  it('waits for the checkpoint worker to stop before it goes on', async () => {
    // Stopped while still starting: the worker's exit is the only thing left to wait for.
    const module = pathToFileURL(join(dir, 'dist', 'store', 'sqlite-checkpoints.js')).href;
    const script = `
      import { createRequire } from 'node:module';
      const Database = createRequire(${JSON.stringify(module)})('better-sqlite3');
      const { backgroundCheckpoints } = await import(${JSON.stringify(module)});
      const db = new Database('stop.sqlite');
      db.pragma('journal_mode = WAL');
      const checkpoints = backgroundCheckpoints(db, 'stop.sqlite');
      checkpoints.start();
      await checkpoints.stop();
      db.close();
      console.log('stopped');
      process.exitCode = 7;
    `;
    const run = await node(['--input-type=module', '-e', script]);
    expect(run.err).toBe('');
    expect(run.out.trim()).toBe('stopped');
    expect(run.code).toBe(7);
  });

  it('rotwatch check exits 1 for a dead link, with the history closed', async () => {
    for (let i = 0; i < 2; i++) {
      const run = await node([join(dir, 'dist', 'cli', 'bin.js'), 'check', 'links.txt']);
      expect(run.out).toContain('1 dead');
      expect(run.code).toBe(1);
      // Closed: the log was folded back into the file (a copy of the one file is the history).
      const wal = await stat(join(dir, 'reports', 'history.sqlite-wal')).catch(() => null);
      expect(wal?.size ?? 0).toBe(0);
    }
  });
});
