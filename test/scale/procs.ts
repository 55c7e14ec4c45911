/**
 * For the scale-out tests: rotwatch CLI processes (transpiled sources, see transpile.ts) run
 * against one PostgreSQL history, and a loopback web that records, per host, what it saw.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Proc {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
  output(): { out: string; err: string };
}

export function rotwatch(dir: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [join(dir, 'dist', 'cli', 'bin.js'), ...args], {
    cwd: dir,
    env: { ...process.env, ROTWATCH_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => ({ out, err }) };
}

export async function until(
  cond: () => boolean | Promise<boolean>,
  what: () => string,
  ms = 120_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
