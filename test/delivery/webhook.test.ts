import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, postWebhook, type WebhookPayload } from '../../src/delivery/webhook.js';
import { webhookConfigSchema } from '../../src/worker/config.js';
import { link, makeReport } from '../worker/support.js';
import { startHook } from './servers.js';

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers) await c();
  closers = [];
});

const report = makeReport([
  link('https://example.org/a', 'ok'),
  link('https://example.org/b', 'dead', { newFailure: true }),
]);
const payload: WebhookPayload = {
  schema: 'rotwatch/webhook@1',
  summary: report.summary,
  run: report.run,
  newFailures: 1,
  fixed: 0,
  text: 'Link report 2026-W48: 1 dead, 0 new, 0 fixed',
  digest: '# Link report\n',
};
const fast = { backoffBaseMs: 1, backoffMaxMs: 5 };

describe('webhook delivery', () => {
  it('retries after a 500 and posts the JSON summary, run and digest with the secret header', async () => {
    const hook = await startHook([500, 200]);
    closers.push(hook.close);
    const cfg = { ...webhookConfigSchema.parse({ url: hook.url, ...fast }), url: hook.url };
    const result = await postWebhook(cfg, payload, { ROTWATCH_WEBHOOK_SECRET: 'hush' });
    expect(result).toMatchObject({ channel: 'webhook', status: 'sent', attempts: 2 });
    expect(hook.posts).toHaveLength(2);
    const post = hook.posts[1]!;
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers['x-rotwatch-secret']).toBe('hush');
    const body = JSON.parse(post.body) as WebhookPayload;
    expect(body.summary).toEqual({
      ok: 1,
      redirected: 0,
      dead: 1,
      error: 0,
      blocked: 0,
      skipped: 0,
      total: 2,
    });
    expect(body.run.id).toBe(report.run.id);
    expect(body.digest).toBe('# Link report\n');
  });

  it('gives up after the bounded retries and reports the last status', async () => {
    const hook = await startHook([503]);
    closers.push(hook.close);
    const cfg = {
      ...webhookConfigSchema.parse({ url: hook.url, retries: 2, ...fast }),
      url: hook.url,
    };
    const result = await postWebhook(cfg, payload, {});
    expect(result).toMatchObject({ status: 'failed', attempts: 3, code: 'http-503' });
    expect(hook.posts).toHaveLength(3);
    expect(hook.posts[0]?.headers['x-rotwatch-secret']).toBeUndefined();
  });

  it('does not retry a 4xx other than 408/429', async () => {
    const hook = await startHook([400, 200]);
    closers.push(hook.close);
    const cfg = { ...webhookConfigSchema.parse({ url: hook.url, ...fast }), url: hook.url };
    const result = await postWebhook(cfg, payload, {});
    expect(result).toMatchObject({ status: 'failed', attempts: 1, code: 'http-400' });
  });

  it('reports a refused connection as a network error', async () => {
    const hook = await startHook([200]);
    await hook.close();
    const cfg = {
      ...webhookConfigSchema.parse({ url: hook.url, retries: 1, ...fast }),
      url: hook.url,
    };
    const result = await postWebhook(cfg, payload, {});
    expect(result).toMatchObject({ status: 'failed', attempts: 2, code: 'network-error' });
  });

  it('backs off exponentially within the cap', () => {
    expect(backoffDelay(0, 100, 1000, () => 0.999)).toBe(99);
    expect(backoffDelay(3, 100, 1000, () => 0.999)).toBe(799);
    expect(backoffDelay(10, 100, 1000, () => 0.999)).toBe(999);
  });
});

describe('webhook answering with a redirect', () => {
  it('fails at once with the status and the target, without retrying or following', async () => {
    let posts = 0;
    let followed = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/hook') {
          posts++;
          res.writeHead(301, { location: '/new-hook' }).end();
        } else {
          followed++;
          res.writeHead(200).end('ok');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.3', r));
    closers.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );
    const { port } = server.address() as { port: number };
    const url = `http://127.0.0.3:${port}/hook`;
    const cfg = { ...webhookConfigSchema.parse({ url, retries: 3, ...fast }), url };
    const result = await postWebhook(cfg, payload, { ROTWATCH_WEBHOOK_SECRET: 'hush' });
    expect(result).toMatchObject({ status: 'failed', attempts: 1, code: 'http-301' });
    expect(result.message).toContain(`http://127.0.0.3:${port}/new-hook`);
    expect(posts).toBe(1);
    expect(followed).toBe(0);
  });
});
