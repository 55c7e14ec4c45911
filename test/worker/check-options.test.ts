import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CHECK_RUN_KEYS } from '../../src/cli/check-options.js';
import { buildProgram, main } from '../../src/cli/main.js';
import { captureIO } from '../support/io.js';
import { memoryLogger, renderers, standInCheck, tempDir, until } from './support.js';

describe('rotwatch worker takes every check option of rotwatch check', () => {
  it('registers the same options, with the same flags, on both commands', () => {
    const program = buildProgram(captureIO('/'), () => undefined);
    const flags = (name: string) =>
      new Map(
        program.commands
          .find((c) => c.name() === name)!
          .options.map((o) => [o.attributeName(), o.flags] as const),
      );
    const check = flags('check');
    const worker = flags('worker');
    expect(CHECK_RUN_KEYS.length).toBeGreaterThan(10);
    for (const key of CHECK_RUN_KEYS) {
      expect(worker.get(key), key).toBe(check.get(key));
    }
    // Nothing `check` takes is missing from the shared list but the config file (both have
    // it) and --resume (a worker resumes an unfinished run by itself).
    expect([...check.keys()].filter((k) => !CHECK_RUN_KEYS.includes(k)).sort()).toEqual([
      'config',
      'resume',
    ]);
  });

  it('passes them to every run, validated at start like check does', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const stand = standInCheck(dir, { delayMs: 0 });
      const signals = new EventEmitter();
      const { logger } = memoryLogger();
      const io = captureIO(dir);
      const running = main(
        [
          'worker',
          'links.txt',
          '--allow-private-addresses',
          '--concurrency',
          '3',
          '--per-host',
          '1',
          '--include',
          'a',
          '--include',
          'b',
          '--fail-on',
          'error',
          '--report-dir',
          'out',
          '--cron',
          '0 6 * * 1',
          '--run-now',
        ],
        io,
        { runCheck: stand.runCheck, worker: { signals, logger, renderers } },
      );
      await stand.started(1);
      await until(() => stand.completed() >= 1);
      signals.emit('SIGTERM');
      expect(await running).toBe(0);
      expect(stand.calls[0]).toMatchObject({
        inputs: ['links.txt'],
        overrides: {
          allowPrivateAddresses: true,
          concurrency: 3,
          perHost: 1,
          include: ['a', 'b'],
          failOn: 'error',
          reportDir: 'out',
        },
      });

      const bad = captureIO(dir);
      expect(await main(['worker', '--concurrency', '0'], bad, { runCheck: stand.runCheck })).toBe(
        2,
      );
      expect(bad.err).toContain('--concurrency');
      expect(stand.calls).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });
});
