import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../src/state/index.js';

/*
 * A real crash: a child process saves a large state over and over and is killed with SIGKILL
 * while a temp file is being written. Whatever the moment, the
 * state file must be the previous complete state or the next one, never a partial file.
 * The child runs our store compiled on the fly (transpile only) from src/state and src/model.
 */

let dir: string;
let runner: string;

async function transpileTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    if (!name.endsWith('.ts')) continue;
    const source = await readFile(join(from, name), 'utf8');
    const out = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    });
    await writeFile(join(to, name.replace(/\.ts$/, '.js')), out.outputText);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-crash-'));
  const root = fileURLToPath(new URL('../../src', import.meta.url));
  await transpileTree(join(root, 'state'), join(dir, 'lib', 'state'));
  await transpileTree(join(root, 'fs'), join(dir, 'lib', 'fs'));
  await transpileTree(join(root, 'model'), join(dir, 'lib', 'model'));
  await writeFile(join(dir, 'lib', 'package.json'), '{"type":"module"}');
  runner = join(dir, 'lib', 'runner.js');
  await writeFile(
    runner,
    `import { createJsonFileStore } from './state/index.js';
const store = createJsonFileStore(process.argv[2]);
const links = {};
for (let i = 0; i < 8000; i++) {
  const url = 'https://host' + (i % 97) + '.example.org/doc/' + i;
  links[url] = { url, lastStatus: 'ok', lastReason: null, lastCheckedAt: '2026-11-01T06:00:00.000Z',
    firstFailureAt: null, consecutiveFailures: 0, lastSuccessAt: '2026-11-01T06:00:00.000Z', lastTitle: 'Document ' + i };
}
for (let gen = 1; ; gen++) {
  await store.save({ schema: 'rotwatch/state@1', links, runs: [{ id: 'gen-' + gen, startedAt: 'a', finishedAt: 'b',
    complete: true, network: 'ok', summary: { ok: 0, redirected: 0, dead: 0, error: 0, blocked: 0, skipped: 0, total: gen } }] });
  process.stdout.write('saved ' + gen + '\\n');
}
`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Starts the writer and kills it with SIGKILL as soon as, after `afterSaves` completed saves,
 * a temp file shows up in the directory: the kill lands between the temp file's creation and
 * its rename, i.e. mid-write. Resolves with the number of saves the child announced.
 */
function runAndKill(statePath: string, afterSaves: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, statePath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let saves = 0;
    let stderr = '';
    const watcher = watch(dirname(statePath), (_event, name) => {
      if (saves >= afterSaves && String(name).endsWith('.tmp') && !child.killed)
        child.kill('SIGKILL');
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.on('data', (d: Buffer) => {
      saves += (d.toString().match(/saved/g) ?? []).length;
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      watcher.close();
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${stderr}`));
      else resolve(saves);
    });
  });
}

describe('crash during save', () => {
  it('SIGKILL mid-write leaves a complete, loadable state', async () => {
    const statePath = join(dir, 'reports', 'state.json');
    await mkdir(dirname(statePath), { recursive: true });
    let leftovers = 0;
    for (const afterSaves of [1, 2, 3]) {
      const seen = await runAndKill(statePath, afterSaves);
      leftovers += (await readdir(join(dir, 'reports'))).filter((n) => n.endsWith('.tmp')).length;
      const state = await createJsonFileStore(statePath).load();
      expect(Object.keys(state.links)).toHaveLength(8000);
      const gen = state.runs[0]!.summary.total;
      // A complete generation, at least the last one announced (the kill may land later).
      expect(gen).toBeGreaterThanOrEqual(seen);
    }
    // Each kill interrupted a write: its temp file is left behind, next to an intact state.
    expect(leftovers).toBeGreaterThan(0);
  });

  it('stale temp files of crashed writers are cleaned on a later save', async () => {
    const statePath = join(dir, 'clean', 'state.json');
    const store = createJsonFileStore(statePath);
    await store.save({ schema: 'rotwatch/state@1', links: {}, runs: [] });
    const old = join(dir, 'clean', '.state.json.999999.dead.tmp');
    const fresh = join(dir, 'clean', '.state.json.999998.live.tmp');
    await writeFile(old, '{"partial');
    await writeFile(fresh, '{"partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await store.save({ schema: 'rotwatch/state@1', links: {}, runs: [] });
    const names = await readdir(join(dir, 'clean'));
    expect(names).not.toContain('.state.json.999999.dead.tmp');
    expect(names).toContain('.state.json.999998.live.tmp');
  });
});
