/**
 * Errors that point to the right place (issue 12, point 9): each is one sentence naming the
 * file:line or the option, exit 2, and nothing hangs.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckOptionsError, check } from '../../src/check/index.js';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../support/io.js';

const git = promisify(execFile);
let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});

async function workdir(config: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rotwatch-errors-'));
  dirs.push(dir);
  await writeFile(join(dir, 'rotwatch.config.yaml'), config);
  // A link the address guard skips: nothing leaves the machine.
  await writeFile(join(dir, 'links.txt'), 'http://127.0.0.1:9/x\n');
  return dir;
}

async function cli(dir: string, ...args: string[]) {
  const io = captureIO(dir);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

describe('errors that point to the right place', () => {
  it("a misspelt config key is reported at its own line, not its section's", async () => {
    const dir = await workdir(
      ['check:', '  retries: 1', '  perHots: 2', 'archive:', '  enabled: false', ''].join('\n'),
    );
    const r = await cli(dir, 'check', 'links.txt');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(
      /rotwatch\.config\.yaml:3: check\.perHots: unknown key \(misspelt\?\)$/,
    );
  });

  it('a bad cron in the config names file:line; a bad --cron names the option', async () => {
    const dir = await workdir(
      ['worker:', '  timezone: UTC', '  cron: "61 * * * *"', ''].join('\n'),
    );
    const r = await cli(dir, 'worker');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/rotwatch\.config\.yaml:3: worker\.cron: not a valid cron expression/);
    const flag = await cli(dir, 'worker', '--cron', 'every monday');
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/--cron "every monday": not a valid cron expression/);
  });

  it('a bad --changed-since ref is one sentence, not the git command and its stderr', async () => {
    const dir = await workdir('archive:\n  enabled: false\n');
    const sh = (...args: string[]) => git('git', args, { cwd: dir });
    await sh('init', '-q');
    await sh('config', 'user.email', 'test@example.org');
    await sh('config', 'user.name', 'Test');
    await sh('add', '.');
    await sh('commit', '-q', '-m', 'init');
    const r = await cli(dir, 'check', 'links.txt', '--changed-since', 'origin/mian');
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^--changed-since origin\/mian: "origin\/mian" is not a commit this repository knows/,
    );
    expect(r.err).not.toMatch(/Command failed|fatal:|git diff/);
    const option = await cli(dir, 'check', 'links.txt', '--changed-since=--output=x');
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/is not a commit this repository knows/);
  });

  it('--report-dir where no directory can be made ends with exit 2 naming it', async () => {
    // Under /proc, Node 20's recursive mkdir looped for ever (and the process ignored SIGTERM).
    const dir = await workdir('archive:\n  enabled: false\n');
    const r = await cli(dir, 'check', 'links.txt', '--report-dir', '/proc/rotwatch-test/reports');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot create the directory \/proc\/rotwatch-test/);
  });

  it("an invalid option to the library's check() is one sentence naming it, not zod's JSON", async () => {
    const call = check(['links.txt'], { concurrency: 0, perHots: 2 });
    await expect(call).rejects.toBeInstanceOf(CheckOptionsError);
    const err = (await call.catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(
      /^check\(\): invalid options: concurrency: .*; perHots: unknown key/,
    );
    expect(err.message).not.toMatch(/^\[|"code"/);
  });
});
