import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookPayload } from '../../src/delivery/webhook.js';
import { readStatus } from '../../src/worker/status.js';
import { startHook, startSmtp } from '../delivery/servers.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';
import { until } from '../worker/support.js';
import { type FlipWeb, startFlipWeb, withDueWorker } from './flip-web.js';

const server = pgTestUrl();
if (!server) {
  console.warn(
    'snapshot-delivery.test.ts: no PostgreSQL (see test/support/postgres-setup.ts): SKIPPED.',
  );
}

let dir: string;
let origin = '';
let flip: FlipWeb;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  flip = await startFlipWeb('rotwatch-snapshot-delivery-');
  ({ dir, origin } = flip);
});
afterAll(async () => {
  for (const c of closers.reverse()) await c();
  await flip?.close();
});

describe.runIf(server)('a due-only worker delivers the snapshot on its schedule', () => {
  it('e-mails and posts the snapshot of every link, with the due pass’s new failure', async () => {
    const url = await freshDatabase(server as string);
    const smtp = await startSmtp({ user: 'bot', password: 'pw', host: '127.0.0.8' });
    closers.push(smtp.close);
    const hook = await startHook([200], '127.0.0.9');
    closers.push(hook.close);
    await writeFile(
      join(dir, 'rotwatch.config.yaml'),
      [
        'archive:',
        '  enabled: false',
        'delivery:',
        '  email:',
        '    enabled: true',
        `    host: ${smtp.host}`,
        `    port: ${smtp.port}`,
        '    security: none',
        '    user: bot',
        '    from: rotwatch@example.org',
        '    to: [team@example.org]',
        '    subjectPrefix: "[rotwatch]"',
        '    timeoutMs: 5000',
        '  webhook:',
        '    enabled: true',
        `    url: ${hook.url}`,
        '    retries: 0',
        '    timeoutMs: 5000',
        '',
      ].join('\n'),
    );
    // A whole run first: every link has a verdict; then /flip fails and is made due.
    flip.setFlip(200);
    const whole = await flip.check(url, 'reports-whole');
    expect(whole.problems).toEqual([]);
    flip.setFlip(404);
    await flip.makeFlipDue(url);

    const workerDir = join(dir, 'reports-worker');
    const env = { ROTWATCH_SMTP_PASSWORD: 'pw' };
    await withDueWorker(
      flip,
      { store: url, reportDir: workerDir, env, notify: 'always' },
      async () => {
        // The first delivery made after the due pass found /flip failing.
        const payload = await until(async () => {
          for (const post of hook.posts) {
            const p = JSON.parse(post.body) as WebhookPayload;
            if (p.newFailures === 1) return p;
          }
          return null;
        }, 50);
        // The snapshot of the store: every link, not the due pass of /flip alone.
        expect(payload.run.id).toMatch(/^snapshot-/);
        expect(payload.summary).toMatchObject({ total: 3, ok: 1, dead: 2 });
        // Its digest: /flip new this week (the due pass), /gone still broken (the whole run).
        const [, fresh = '', still = ''] = payload.digest.split(
          /^## (?:New this week|Still broken)/m,
        );
        expect(fresh).toContain(`<${origin}/flip>`);
        expect(still).toContain(`<${origin}/gone>`);
        expect(payload.text).toMatch(/2 dead, 1 new, 0 fixed/);
        // The same report by e-mail, to the configured recipients.
        const mail = await until(
          async () =>
            smtp.mails.find((m) => /^Subject: \[rotwatch\] .*2 dead, 1 new, 0 fixed$/m.test(m.raw)),
          50,
        );
        expect(mail.to).toEqual(['team@example.org']);
        expect(mail.user).toBe('bot');
        // The worker's status file records the snapshot's delivery on both channels.
        const status = await until(async () => {
          const s = await readStatus(workerDir);
          const sent = s?.lastRun?.delivery.filter((d) => d.status === 'sent') ?? [];
          return s?.lastRun?.summary?.total === 3 && sent.length === 2 ? s : null;
        }, 50);
        expect(status.lastRun?.delivery.map((d) => d.channel).sort()).toEqual(['email', 'webhook']);
      },
    );
    // A whole run, a due pass and a cron tick: more than the default 20 s on a loaded machine.
  }, 60_000);
});
