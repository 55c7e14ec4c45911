/**
 * What a shell pipeline sees of a real `rotwatch` process. `rotwatch report --format csv |
 * head -1` closes the pipe after one line: the rest of the output goes nowhere, and the command
 * must still end as it would have (exit 0 for a rendered report), without a stack trace. In
 * process, a test's stdout never closes, so only a child process shows it. The other end too:
 * `producer | rotwatch check -` stopped by a signal while the producer still holds the pipe.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpileSources } from '../support/transpile.js';
import { startTestWeb, status, type TestWeb } from '../support/web.js';

let dir: string;
let web: TestWeb;
// Enough links for every format to outgrow a pipe's buffer (64 KiB): the write then meets EPIPE.
const LINKS = 1200;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the CLI; with `firstChunkOnly` the reader closes stdout after its first chunk (`| head`). */
function rotwatch(args: string[], firstChunkOnly = false): Promise<Run> {
  const bin = join(dir, 'dist', 'cli', 'bin.js');
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b;
    if (firstChunkOnly) child.stdout.destroy();
  });
  child.stderr.on('data', (b: Buffer) => {
    err += b;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-pipes-'));
  await transpileSources(dir);
  web = await startTestWeb(['site.test']);
  const site = web.host('site.test');
  site.route('*', status(404));
  const base = `http://${site.ip}:${site.port}`;
  const urls = Array.from({ length: LINKS }, (_, i) => `${base}/gone/${i}`);
  await writeFile(join(dir, 'links.txt'), `${urls.join('\n')}\n`);
  await writeFile(
    join(dir, 'rotwatch.config.yaml'),
    'check:\n  allowPrivateAddresses: true\n  perHostInterval: 0\n  perHost: 16\n  retries: 0\n' +
      '  formats: [json]\narchive:\n  enabled: false\n',
  );
  const check = await rotwatch(['check', 'links.txt', '-q']);
  expect(check.code).toBe(1);
}, 120_000);

afterAll(async () => {
  await web?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a reader that closes stdout early (| head -1)', () => {
  it('rotwatch report ends with its own exit code and no stack trace, in every format', async () => {
    for (const format of ['csv', 'json', 'html']) {
      const whole = await rotwatch(['report', '--format', format]);
      expect(whole.code).toBe(0);
      expect(whole.out.length).toBeGreaterThan(128 * 1024);
      const cut = await rotwatch(['report', '--format', format], true);
      expect({ format, err: cut.err, code: cut.code }).toEqual({ format, err: '', code: 0 });
    }
    // Six processes, each starting Node and reading the history: ~15 s on two busy cores.
  }, 90_000);

  it('rotwatch report --store, streamed from the history, too', async () => {
    const cut = await rotwatch(['report', '--store', '--format', 'csv'], true);
    expect(cut.err).toBe('');
    expect(cut.code).toBe(0);
  });
});

describe('a signal while `check -` reads a URL list from a pipe that stays open', () => {
  it('stops at once: exit 130 and the partial report, without waiting for the pipe to end', async () => {
    const child = spawn(process.execPath, [join(dir, 'dist', 'cli', 'bin.js'), 'check', '-'], {
      cwd: dir,
      env: { ...process.env, ROTWATCH_LOG_LEVEL: 'debug' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    const reading = new Promise<void>((resolve) => {
      child.stderr.on('data', (b: Buffer) => {
        err += b;
        if (err.includes('reading the URL list from standard input')) resolve();
      });
    });
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.write('http://site.test/never-checked\n');
    await reading;
    child.kill('SIGTERM');
    // The producer never closes the pipe; the test closes it only if the command is still
    // waiting for it long after the signal (then the command did not stop by itself).
    let endedByTest = false;
    const fallback = setTimeout(() => {
      endedByTest = true;
      child.stdin.end();
    }, 20_000);
    const code = await exited;
    clearTimeout(fallback);
    expect(endedByTest).toBe(false);
    expect(code).toBe(130);
    expect(err).toContain('latest.partial.json');
  }, 60_000);
});
