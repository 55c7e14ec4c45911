import type { ReportSource } from '../model/index.js';
import type { DeliveryConfig, NotifyPolicy } from '../worker/config.js';
import type { DigestRenderers } from '../worker/types.js';
import { type ResolvedEmail, resolveEmail, sendEmail } from './email.js';
import { decideNotify, type ReportFacts, reportFactsFrom, subjectFor } from './notify.js';
import type { DeliveryChannel, DeliveryResult, Digest } from './types.js';
import { postWebhook, WEBHOOK_SCHEMA, WEBHOOK_URL_ENV, type WebhookDeps } from './webhook.js';

export * from './email.js';
export * from './notify.js';
export type * from './types.js';
export * from './webhook.js';

/**
 * Above this many links the e-mail has no HTML part, only the digest (bounded itself): the
 * page of such a run lists every link and weighs megabytes, more than many mail servers take,
 * and it would be held in memory to be sent. It stays on disk (`latest.html`).
 */
export const DEFAULT_EMAIL_HTML_MAX_LINKS = 5_000;

type Env = Record<string, string | undefined>;

/** The channels the config and the environment turn on. */
interface Channels {
  email: ReturnType<typeof resolveEmail> | null;
  webhookUrl: string | null;
}

function channelsOf(config: DeliveryConfig, env: Env): Channels {
  const emailCfg = config.email;
  const webhookCfg = config.webhook;
  const url = webhookCfg?.url ?? env[WEBHOOK_URL_ENV];
  const email =
    emailCfg?.enabled === false
      ? null
      : emailCfg || env.ROTWATCH_SMTP_HOST
        ? resolveEmail(emailCfg, env)
        : null;
  return { email, webhookUrl: webhookCfg?.enabled !== false && url ? url : null };
}

/** Whether any channel is on: when none is, nothing is rendered. */
export function deliveryWanted(config: DeliveryConfig, env: Env): boolean {
  const { email, webhookUrl } = channelsOf(config, env);
  return email !== null || webhookUrl !== null;
}

/** The digest rendered for the channels, or why it could not be. */
export type PreparedDigest =
  | { ok: true; markdown: string; html: string | null }
  | { ok: false; message: string };

/** What delivery needs of a report, read while its links can be (a stream from the history). */
export interface DeliveryMaterial {
  /** Null when the report could not be read (the digest then says why). */
  facts: ReportFacts | null;
  /** Null when nothing was rendered (no channel, or a run that is not delivered). */
  digest: PreparedDigest | null;
}

export interface PrepareInput {
  source: ReportSource;
  config: DeliveryConfig;
  env: Env;
  renderers: DigestRenderers;
  /** Render the digest (false: only count, e.g. for a run that will not be delivered). */
  render: boolean;
}

/**
 * Reads a report for delivery without holding its links: one pass for the counts, then the
 * renderers read the stream themselves (the digest keeps only what it can show; the HTML page
 * is rendered only for an e-mail of at most `delivery.email.htmlMaxLinks` links). Never throws:
 * a renderer's failure becomes the digest's `message`.
 */
export async function prepareDelivery(input: PrepareInput): Promise<DeliveryMaterial> {
  let facts: ReportFacts;
  try {
    facts = await reportFactsFrom(input.source);
  } catch (err) {
    const message = `reading the report failed: ${(err as Error).message}`;
    return { facts: null, digest: { ok: false, message } };
  }
  const { email, webhookUrl } = channelsOf(input.config, input.env);
  if (!input.render || (!email && !webhookUrl)) return { facts, digest: null };
  const maxLinks = input.config.email?.htmlMaxLinks ?? DEFAULT_EMAIL_HTML_MAX_LINKS;
  try {
    const markdown = await input.renderers.renderMarkdown(input.source);
    // Only the e-mail carries the page.
    const html =
      email && facts.links <= maxLinks ? await input.renderers.renderHtml(input.source) : null;
    return { facts, digest: { ok: true, markdown, html } };
  } catch (err) {
    const message = `rendering the digest failed: ${(err as Error).message}`;
    return { facts, digest: { ok: false, message } };
  }
}

export interface DeliverInput {
  material: DeliveryMaterial;
  exitCode: number;
  policy: NotifyPolicy;
  config: DeliveryConfig;
  env: Env;
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
  const { config, env } = input;
  const { facts, digest } = input.material;
  const emailCfg = config.email;
  const webhookCfg = config.webhook;
  const { email, webhookUrl } = channelsOf(config, env);
  if (!email && !webhookUrl) return [];

  const decision = facts ? decideNotify(input.policy, facts, input.exitCode) : null;
  if (decision && !decision.send) {
    const out: DeliveryResult[] = [];
    if (email) out.push(skipped('email', 'notify-policy', decision.reason));
    if (webhookUrl) out.push(skipped('webhook', 'notify-policy', decision.reason));
    return out;
  }

  if (!facts || !digest?.ok) {
    const message = digest?.ok === false ? digest.message : 'the digest was not rendered';
    const at = new Date().toISOString();
    const fail = (channel: DeliveryChannel): DeliveryResult => ({
      channel,
      status: 'failed',
      attempts: 0,
      code: 'render-error',
      message,
      at,
    });
    return [...(email ? [fail('email')] : []), ...(webhookUrl ? [fail('webhook')] : [])];
  }
  const subject = subjectFor(facts, emailCfg?.subjectPrefix ?? '[rotwatch]');

  const jobs: Promise<DeliveryResult>[] = [];
  if (email) jobs.push(emailJob(email, { subject, markdown: digest.markdown, html: digest.html }));
  if (webhookUrl) {
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
    const { head } = facts;
    const payload = {
      schema: WEBHOOK_SCHEMA,
      summary: head.summary,
      run: head.run,
      newFailures: facts.newFailures,
      fixed: head.fixed.length,
      text: subjectFor(facts, ''),
      digest: digest.markdown,
    };
    jobs.push(postWebhook(cfg, payload, env, input.webhookDeps));
  }
  return Promise.all(jobs);
}

function emailJob(
  email: { ok: true; email: ResolvedEmail } | { ok: false; message: string },
  digest: Digest,
): Promise<DeliveryResult> {
  if (email.ok) return sendEmail(email.email, digest);
  return Promise.resolve({
    channel: 'email',
    status: 'failed',
    attempts: 0,
    code: 'not-configured',
    message: email.message,
    at: new Date().toISOString(),
  });
}
