/**
 * A throwaway PostgreSQL for tests and the scale-out bench: `initdb` into a temporary folder,
 * listening on 127.0.0.1 on a free port (its socket in the same folder), stopped and deleted by
 * `stop()`. Run as the `postgres` user when we are root (PostgreSQL refuses to run as root),
 * as ourselves otherwise. Nothing here touches a cluster the machine may already run.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication on loopback). */
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: every connection is cut, the data stays. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m immediate`, then the folder is deleted. Idempotent. */
  stop(): Promise<void>;
}

/** Where PostgreSQL's server binaries are: `ROTWATCH_PG_BIN`, the PATH, or Debian's folders. */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  if (process.env.ROTWATCH_PG_BIN) candidates.push(process.env.ROTWATCH_PG_BIN);
  const lib = '/usr/lib/postgresql';
  if (existsSync(lib)) {
    const versions = readdirSync(lib)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(lib, v, 'bin')));
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir);
  for (const dir of candidates) {
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

/** Starts a fresh cluster; throws with the server's own words when it cannot. */
export async function startTestPostgres(bin: string): Promise<TestPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'rotwatch-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses root: run its tools as the `postgres` user, owner of the folder.
  const as = (cmd: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args])
      : run(join(bin, cmd), args);
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) throw new Error('running as root, but there is no "postgres" user');
    await chown(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  await chmod(dir, 0o700);
  try {
    await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(err as { stderr?: string }).stderr ?? err}`);
  }
  const port = await freePort();
  const conf = [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${dir}'`,
    // A test cluster: durability across a power cut is not wanted, speed is.
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'max_connections = 200',
    "shared_buffers = '64MB'",
  ].join('\n');
  const confPath = join(data, 'postgresql.auto.conf');
  await writeFile(confPath, `${conf}\n`);
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    await chown(confPath, Number(ids.stdout.trim()), -1);
  }
  const log = join(dir, 'server.log');
  const ctl = (args: string[]) => as('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', ...args]);
  try {
    await ctl(['start']);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`pg_ctl start failed: ${(err as { stderr?: string }).stderr ?? err}`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async restart() {
      await ctl(['restart', '-m', 'fast']);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await ctl(['stop', '-m', 'immediate']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
