import { EventEmitter } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import { runWorkerCommand } from '../../src/cli/worker.js';
import type { Report } from '../../src/model/index.js';
import { readStatus } from '../../src/worker/status.js';
import { startHook, startSmtp } from '../delivery/servers.js';
import { html, startTestWeb, status } from '../support/web.js';
import { memoryLogger, tempDir, until } from './support.js';

let closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers = [];
});

describe('worker end to end (real check, local test web, SMTP and webhook)', () => {
  it('runs on a seconds schedule, writes reports, emails and posts the digest, stops on SIGTERM', async () => {
    const web = await startTestWeb(['alpha.test']);
    closers.push(() => web.close());
    const alpha = web.host('alpha.test');
    alpha.route(
      '/',
      html('<html><head><title>Alpha home</title></head><body><h1>Alpha</h1></body></html>'),
    );
    alpha.route('/gone', status(404));
    const smtp = await startSmtp({ user: 'bot', password: 'pw', host: '127.0.0.40' });
    closers.push(smtp.close);
    const hook = await startHook([200], '127.0.0.41');
    closers.push(hook.close);

    const { dir, cleanup } = await tempDir();
    closers.push(cleanup);
    await mkdir(join(dir, 'catalogue'));
    await writeFile(
      join(dir, 'catalogue', 'links.txt'),
      `${alpha.origin}/\n${alpha.origin}/gone\n`,
    );
    await writeFile(
      join(dir, 'rotwatch.config.yaml'),
      [
        'check:',
        '  allowPrivateAddresses: true',
        '  retries: 0',
        '  timeout: 3000',
        '  perHostInterval: 0',
        'archive:',
        '  enabled: false',
        'worker:',
        '  notify: always',
        '  shutdownGraceMs: 5000',
        'delivery:',
        '  email:',
        `    host: ${smtp.host}`,
        `    port: ${smtp.port}`,
        '    security: none',
        '    user: bot',
        '    from: rotwatch@example.org',
        '    to: [team@example.org]',
        '  webhook:',
        `    url: ${hook.url}`,
        '    backoffBaseMs: 1',
        '',
      ].join('\n'),
    );

    const signals = new EventEmitter();
    const { logger, lines } = memoryLogger();
    const io = { stdout: () => undefined, stderr: () => undefined, cwd: dir, isTTY: false };
    const done = runWorkerCommand(
      { cron: '*/2 * * * * *', timezone: 'UTC', inputs: ['catalogue/links.txt'] },
      io,
      {
        runCheck: (o) => runCheck({ ...o, lookup: web.lookup }),
        signals,
        logger,
        env: { ROTWATCH_SMTP_PASSWORD: 'pw' },
      },
    );
    const reportDir = join(dir, 'reports');
    const st = await until(async () => {
      const s = await readStatus(reportDir);
      return s?.lastRun?.finishedAt ? s : null;
    });
    signals.emit('SIGTERM');
    expect(await done).toBe(0);

    expect(st.lastRun?.error).toBeNull();
    expect(st.lastRun).toMatchObject({ outcome: 'failures', exitCode: 1, complete: true });
    const report = JSON.parse(await readFile(join(reportDir, 'latest.json'), 'utf8')) as Report;
    expect(report.summary).toMatchObject({ total: 2, ok: 1, dead: 1 });
    expect(report.links.find((l) => l.url.endsWith('/gone'))?.reason).toBe('http-404');
    expect(st.lastRun?.delivery.map((d) => [d.channel, d.status]).sort()).toEqual([
      ['email', 'sent'],
      ['webhook', 'sent'],
    ]);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['team@example.org']);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    const body = JSON.parse(hook.posts[0]!.body);
    expect(body.summary).toMatchObject({ total: 2, dead: 1 });
    expect(body.digest).toContain('/gone');
    expect(lines.filter((l) => l.event === 'run-finished').length).toBeGreaterThanOrEqual(1);
  });
});
