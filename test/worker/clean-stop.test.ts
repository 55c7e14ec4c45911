import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runStatusCommand } from '../../src/cli/status.js';
import { runWorkerCommand } from '../../src/cli/worker.js';
import { readStatus } from '../../src/worker/status.js';
import { captureIO } from '../support/io.js';
import { memoryLogger, renderers, standInCheck, tempDir, until } from './support.js';

describe('rotwatch status after a SIGTERM', () => {
  it('is healthy (exit 0) after the worker stopped cleanly mid-run, once the next run is due', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const stand = standInCheck(dir, { delayMs: 60_000 });
      const signals = new EventEmitter();
      const { logger } = memoryLogger();
      const running = runWorkerCommand(
        { cron: '* * * * * *', timezone: 'UTC', runNow: true },
        captureIO(dir),
        { runCheck: stand.runCheck, signals, logger, renderers },
      );
      await stand.started(1);
      signals.emit('SIGTERM');
      expect(await running).toBe(0);
      const status = await until(() => readStatus(`${dir}/reports`));
      expect(status.worker?.stoppedAt).not.toBeNull();
      // Wait until the recorded next run is in the past: the moment the alarm used to ring.
      const due = Date.parse(status.nextDueAt ?? '');
      await until(() => Date.now() > due + 10);
      const io = captureIO(dir);
      const code = await runStatusCommand({}, io);
      expect(io.out).not.toContain('Attention');
      expect(code).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
