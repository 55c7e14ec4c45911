import { spawn } from 'node:child_process';
import { access, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { LOCK_FILE } from '../../src/worker/lock.js';
import { readStatus } from '../../src/worker/status.js';
import { tempDir } from './support.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(import.meta.dirname, 'fixtures', 'worker-process.mjs');

let work: { dir: string; cleanup: () => Promise<void> };
let dist: string;

/** Transpile the sources to plain JS (no type check: others' work in progress cannot block it). */
async function transpile(into: string) {
  // All of src: the command reads the config through src/check and renders through src/report.
  const files = (await readdir(join(ROOT, 'src'), { recursive: true }))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `src/${f}`);
  for (const file of files) {
    const out = ts.transpileModule(await readFile(join(ROOT, file), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ES2022,
        target: ts.ScriptTarget.ES2023,
        verbatimModuleSyntax: true,
      },
      fileName: file,
    });
    const target = join(into, relative('src', file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, out.outputText);
  }
  await writeFile(join(into, 'package.json'), '{"type":"module"}\n');
}

beforeAll(async () => {
  work = await tempDir();
  dist = join(work.dir, 'dist');
  await transpile(dist);
  // Bare imports (pino, node-cron, nodemailer) resolve through the project's node_modules.
  await symlink(join(ROOT, 'node_modules'), join(work.dir, 'node_modules'), 'dir');
});
afterAll(() => work.cleanup());

describe('worker process', () => {
  it('on SIGTERM mid-run: writes the partial report, records the interruption, releases the lock, exits 0', async () => {
    const reportDir = join(work.dir, 'reports');
    const child = spawn(process.execPath, [FIXTURE, dist, reportDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('check-started')) resolve();
      });
      child.on('exit', () => reject(new Error(`worker exited early: ${stderr}`)));
    });
    expect(await access(join(reportDir, LOCK_FILE)).then(() => true)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('exiting 0');
    const report = JSON.parse(await readFile(join(reportDir, 'latest.json'), 'utf8')) as Report;
    expect(report.run.complete).toBe(false);
    const status = await readStatus(reportDir);
    expect(status?.lastRun).toMatchObject({ outcome: 'interrupted', complete: false });
    await expect(access(join(reportDir, LOCK_FILE))).rejects.toThrow();
    const events = stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event?: string; signal?: string });
    expect(events).toContainEqual(expect.objectContaining({ event: 'signal', signal: 'SIGTERM' }));
    expect(events).toContainEqual(expect.objectContaining({ event: 'worker-stopped' }));
  });
});
