import type { Report } from '../model/index.js';
import type { DeliveryConfig, NotifyPolicy } from '../worker/config.js';
import type { DigestRenderers } from '../worker/types.js';
import { resolveEmail, sendEmail } from './email.js';
import { countNew, decideNotify, subjectFor } from './notify.js';
import type { DeliveryChannel, DeliveryResult, Digest } from './types.js';
import { postWebhook, WEBHOOK_SCHEMA, WEBHOOK_URL_ENV, type WebhookDeps } from './webhook.js';

export * from './email.js';
export * from './notify.js';
export type * from './types.js';
export * from './webhook.js';

export interface DeliverInput {
  report: Report;
  exitCode: number;
  policy: NotifyPolicy;
  config: DeliveryConfig;
  env: Record<string, string | undefined>;
  renderers: DigestRenderers;
  webhookDeps?: WebhookDeps;
}

function skipped(channel: DeliveryChannel, code: string, message: string): DeliveryResult {
  return { channel, status: 'skipped', attempts: 0, code, message, at: new Date().toISOString() };
}

/**
 * Send the report to every configured channel. Called after the report is on disk, so a
 * failure here loses nothing: it comes back as a `failed` result. Never throws.
 */
export async function deliverReport(input: DeliverInput): Promise<DeliveryResult[]> {
  const { config, env, report } = input;
  const emailCfg = config.email;
  const webhookCfg = config.webhook;
  const webhookUrl = webhookCfg?.url ?? env[WEBHOOK_URL_ENV];
  const email =
    emailCfg?.enabled === false
      ? null
      : emailCfg || env.ROTWATCH_SMTP_HOST
        ? resolveEmail(emailCfg, env)
        : null;
  const wantWebhook = webhookCfg?.enabled !== false && Boolean(webhookUrl);
  if (!email && !wantWebhook) return [];

  const decision = decideNotify(input.policy, report, input.exitCode);
  if (!decision.send) {
    const out: DeliveryResult[] = [];
    if (email) out.push(skipped('email', 'notify-policy', decision.reason));
    if (wantWebhook) out.push(skipped('webhook', 'notify-policy', decision.reason));
    return out;
  }

  let digest: Digest;
  try {
    digest = {
      subject: subjectFor(report, emailCfg?.subjectPrefix ?? '[rotwatch]'),
      markdown: input.renderers.renderMarkdown(report),
      html: input.renderers.renderHtml(report),
    };
  } catch (err) {
    const message = `rendering the digest failed: ${(err as Error).message}`;
    const at = new Date().toISOString();
    const fail = (channel: DeliveryChannel): DeliveryResult => ({
      channel,
      status: 'failed',
      attempts: 0,
      code: 'render-error',
      message,
      at,
    });
    return [...(email ? [fail('email')] : []), ...(wantWebhook ? [fail('webhook')] : [])];
  }

  const jobs: Promise<DeliveryResult>[] = [];
  if (email) {
    jobs.push(
      email.ok
        ? sendEmail(email.email, digest)
        : Promise.resolve({
            channel: 'email',
            status: 'failed',
            attempts: 0,
            code: 'not-configured',
            message: email.message,
            at: new Date().toISOString(),
          }),
    );
  }
  if (wantWebhook && webhookUrl) {
    const cfg = {
      enabled: true,
      secretHeader: 'X-Rotwatch-Secret',
      retries: 3,
      backoffBaseMs: 1_000,
      backoffMaxMs: 30_000,
      timeoutMs: 15_000,
      ...webhookCfg,
      url: webhookUrl,
    };
    const payload = {
      schema: WEBHOOK_SCHEMA,
      summary: report.summary,
      run: report.run,
      newFailures: countNew(report),
      fixed: report.fixed.length,
      text: subjectFor(report, ''),
      digest: digest.markdown,
    };
    jobs.push(postWebhook(cfg, payload, env, input.webhookDeps));
  }
  return Promise.all(jobs);
}
