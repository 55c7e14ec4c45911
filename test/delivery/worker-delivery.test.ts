import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStatusCommand } from '../../src/cli/status.js';
import { readStatus, type WorkerStatus } from '../../src/worker/status.js';
import { startWorker } from '../../src/worker/worker.js';
import { link, memoryLogger, renderers, standInCheck, tempDir, until } from '../worker/support.js';
import { startHook, startSmtp } from './servers.js';

let closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers = [];
});

describe('worker delivery', () => {
  it('emails the digest, records a failing webhook in the status file, and keeps the report', async () => {
    const { dir, cleanup } = await tempDir();
    closers.push(cleanup);
    const smtp = await startSmtp({ user: 'bot', password: 'pw', host: '127.0.0.4' });
    closers.push(smtp.close);
    const hook = await startHook([500], '127.0.0.5');
    closers.push(hook.close);
    const check = standInCheck(dir, {
      delayMs: 10,
      exitCode: 1,
      links: [
        link('https://example.org/a', 'ok'),
        link('https://example.org/gone', 'dead', { newFailure: true }),
      ],
    });
    const { logger, lines } = memoryLogger();
    const started = await startWorker(
      {
        reportDir: dir,
        cron: '*/1 * * * * *',
        timezone: 'UTC',
        runNow: false,
        notify: 'changes',
        shutdownGraceMs: 1_000,
        lockStaleMs: 60_000,
        check: { cwd: dir },
        delivery: {
          email: {
            enabled: true,
            host: smtp.host,
            port: smtp.port,
            security: 'none',
            user: 'bot',
            from: 'rotwatch@example.org',
            to: ['team@example.org'],
            subjectPrefix: '[rotwatch]',
            timeoutMs: 5_000,
          },
          webhook: {
            enabled: true,
            url: hook.url,
            secretHeader: 'X-Rotwatch-Secret',
            retries: 1,
            backoffBaseMs: 1,
            backoffMaxMs: 5,
            timeoutMs: 5_000,
          },
        },
        env: { ROTWATCH_SMTP_PASSWORD: 'pw' },
      },
      { runCheck: check.runCheck, renderers, logger },
    );
    if (!started.ok) throw new Error(started.message);
    closers.push(() => started.worker.stop('test over'));
    const status = await until(async () => {
      const s = await readStatus(dir);
      return s?.lastRun?.finishedAt ? s : null;
    });
    await started.worker.stop('done');

    expect(status.lastRun?.outcome).toBe('failures');
    const byChannel = Object.fromEntries(status.lastRun!.delivery.map((d) => [d.channel, d]));
    expect(byChannel.email).toMatchObject({ status: 'sent' });
    expect(byChannel.webhook).toMatchObject({ status: 'failed', code: 'http-500', attempts: 2 });
    expect(smtp.mails[0]?.to).toEqual(['team@example.org']);
    expect(smtp.mails[0]?.raw).toContain('1 dead of 2');
    expect(hook.posts).toHaveLength(2);
    await expect(access(join(dir, 'latest.json'))).resolves.toBeUndefined();
    const line = lines.find((l) => l.event === 'run-finished');
    expect(line).toMatchObject({
      level: 40,
      delivery: [
        { channel: 'email', status: 'sent' },
        { channel: 'webhook', status: 'failed' },
      ],
    });

    // `rotwatch status` shows the failure and exits 1.
    const out: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: () => undefined,
      cwd: dir,
      isTTY: false,
    };
    expect(await runStatusCommand({ reportDir: '.' }, io)).toBe(1);
    expect(out.join('')).toMatch(/Delivery:\s+webhook FAILED \(http-500/);
    expect(out.join('')).toMatch(/Delivery:\s+email sent/);
  });

  it('sends nothing when the notify policy finds nothing to say, and records the skip', async () => {
    const { dir, cleanup } = await tempDir();
    closers.push(cleanup);
    const hook = await startHook([200], '127.0.0.6');
    closers.push(hook.close);
    const check = standInCheck(dir, { delayMs: 10 });
    const { logger } = memoryLogger();
    const started = await startWorker(
      {
        reportDir: dir,
        cron: '0 0 1 1 *',
        timezone: 'UTC',
        runNow: true,
        notify: 'failures',
        shutdownGraceMs: 1_000,
        lockStaleMs: 60_000,
        check: {},
        delivery: {},
        env: { ROTWATCH_WEBHOOK_URL: hook.url },
      },
      { runCheck: check.runCheck, renderers, logger },
    );
    if (!started.ok) throw new Error(started.message);
    closers.push(() => started.worker.stop('test over'));
    const status: WorkerStatus = await until(async () => {
      const s = await readStatus(dir);
      return s?.lastRun?.finishedAt ? s : null;
    });
    expect(status.lastRun?.delivery).toEqual([
      expect.objectContaining({ channel: 'webhook', status: 'skipped', code: 'notify-policy' }),
    ]);
    expect(hook.posts).toHaveLength(0);
  });
});
