import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import { runWorkerCommand, type WorkerCommandDeps } from '../../src/cli/worker.js';
import { html, startTestWeb, type TestWeb } from '../support/web.js';
import { memoryLogger } from '../worker/support.js';

/** Check options of the snapshot tests: loopback allowed, no gap, no retry. */
export const CHECK = { allowPrivateAddresses: true, perHostInterval: 0, retries: 0 };

/**
 * The small web of the shared-store snapshot tests: `/doc` stays ok, `/gone` is missing, and
 * `/flip` answers the status the test sets (200, then 404 for a new failure); beside it a work
 * folder with archives off and `links.txt` listing the three.
 */
export interface FlipWeb {
  web: TestWeb;
  dir: string;
  origin: string;
  /** The status `/flip` answers from now on. */
  setFlip(status: number): void;
  /** `rotwatch check` of links.txt on the shared store `store`, reports in `reportDir`. */
  check(store: string, reportDir: string): ReturnType<typeof runCheck>;
  /** Makes `/flip` due now in the shared store (its next check an hour ago). */
  makeFlipDue(store: string): Promise<void>;
  close(): Promise<void>;
}

export async function startFlipWeb(dirPrefix: string): Promise<FlipWeb> {
  let flipStatus = 200;
  const web = await startTestWeb(['site.test']);
  const host = web.host('site.test');
  host.route('/doc', html('<title>Doc</title>'));
  host.route('/flip', (req, res) => html('<title>Flip</title>', { status: flipStatus })(req, res));
  const dir = await mkdtemp(join(tmpdir(), dirPrefix));
  await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
  await writeFile(
    join(dir, 'links.txt'),
    ['/doc', '/gone', '/flip'].map((p) => host.origin + p).join('\n'),
  );
  return {
    web,
    dir,
    origin: host.origin,
    setFlip: (status) => {
      flipStatus = status;
    },
    check: (store, reportDir) =>
      runCheck({
        cwd: dir,
        lookup: web.lookup,
        inputs: ['links.txt'],
        overrides: { ...CHECK, store, reportDir },
      }),
    makeFlipDue: async (store) => {
      const c = new pg.Client({ connectionString: store });
      await c.connect();
      try {
        await c.query("UPDATE link_due SET due_at = now() - interval '1 hour' WHERE url = $1", [
          `${host.origin}/flip`,
        ]);
      } finally {
        await c.end();
      }
    },
    close: async () => {
      await web.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` with the environment variables `vars` set, then puts the old values back. */
export async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * Runs a due-only worker (`rotwatch worker --store ...` checking what is due, every 50 ms, with
 * a cron of every second) on the flip web's links while `use` runs, then stops it with SIGTERM
 * and expects it to exit with 0.
 */
export async function withDueWorker(
  flip: FlipWeb,
  opts: {
    store: string;
    reportDir: string;
    env?: Record<string, string>;
    notify?: 'always';
    renderers?: WorkerCommandDeps['renderers'];
  },
  use: () => Promise<void>,
): Promise<void> {
  const signals = new EventEmitter();
  const { logger } = memoryLogger();
  const env = { ROTWATCH_DUE_ONLY: '1', ROTWATCH_DUE_POLL_SECONDS: '0.05', ...opts.env };
  await withEnv(env, async () => {
    const done = runWorkerCommand(
      {
        store: opts.store,
        reportDir: opts.reportDir,
        inputs: ['links.txt'],
        cron: '*/1 * * * * *',
        timezone: 'UTC',
        ...(opts.notify ? { notify: opts.notify } : {}),
        checkOverrides: CHECK,
      },
      { stdout: () => undefined, stderr: () => undefined, cwd: flip.dir, isTTY: false },
      {
        runCheck: (o) => runCheck({ ...o, lookup: flip.web.lookup }),
        ...(opts.renderers ? { renderers: opts.renderers } : {}),
        logger,
        signals,
        env: process.env,
      },
    );
    try {
      await use();
    } finally {
      signals.emit('SIGTERM', 'SIGTERM');
      expect(await done).toBe(0);
    }
  });
}
