import type { Report } from '../model/index.js';
import type { WebhookConfig } from '../worker/config.js';
import type { DeliveryResult } from './types.js';

export const WEBHOOK_SECRET_ENV = 'ROTWATCH_WEBHOOK_SECRET';
export const WEBHOOK_URL_ENV = 'ROTWATCH_WEBHOOK_URL';
export const WEBHOOK_SCHEMA = 'rotwatch/webhook@1' as const;

export interface WebhookPayload {
  schema: typeof WEBHOOK_SCHEMA;
  summary: Report['summary'];
  run: Report['run'];
  newFailures: number;
  fixed: number;
  /**
   * One line for chat tools (Slack, Mattermost and Teams read `text`): the e-mail subject
   * without its prefix, in the report's language (`run.language`).
   */
  text: string;
  /** The Markdown digest, in the report's language. */
  digest: string;
}

export interface WebhookDeps {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Exponential backoff with full jitter (pure given `random`). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number) {
  const cap = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.floor(random() * cap);
}

function resolveLocation(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function retryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** POST the payload as JSON; retry on network errors, 408, 429 and 5xx. Never throws. */
export async function postWebhook(
  cfg: WebhookConfig & { url: string },
  payload: WebhookPayload,
  env: Record<string, string | undefined>,
  deps: WebhookDeps = {},
): Promise<DeliveryResult> {
  const sleep = deps.sleep ?? sleepMs;
  const random = deps.random ?? Math.random;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'rotwatch-worker',
  };
  const secret = env[WEBHOOK_SECRET_ENV];
  if (secret) headers[cfg.secretHeader.toLowerCase()] = secret;
  const body = JSON.stringify(payload);
  let code = 'network-error';
  let message = '';
  let attempts = 0;
  for (let attempt = 0; attempt <= cfg.retries; attempt++) {
    if (attempt > 0)
      await sleep(backoffDelay(attempt - 1, cfg.backoffBaseMs, cfg.backoffMaxMs, random));
    attempts++;
    try {
      const res = await fetch(cfg.url, {
        method: 'POST',
        headers,
        body,
        // Not followed (the secret header must not travel to another address), but not an
        // opaque network error either: say where it points, and do not retry a fixed answer.
        redirect: 'manual',
        signal: AbortSignal.timeout(cfg.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined); // free the socket
      if (res.ok) {
        const at = new Date().toISOString();
        return { channel: 'webhook', status: 'sent', attempts, code: null, message: null, at };
      }
      code = `http-${res.status}`;
      message = `the webhook answered ${res.status} ${res.statusText}`.trim();
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (location) {
        message += `, redirecting to ${resolveLocation(location, cfg.url)}: redirects are not followed (the secret header would go along); configure that URL instead`;
      }
      if (!retryable(res.status)) break;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      code = e.name === 'TimeoutError' ? 'timeout' : 'network-error';
      message = e.cause?.message ? `${e.message}: ${e.cause.message}` : e.message;
    }
  }
  return {
    channel: 'webhook',
    status: 'failed',
    attempts,
    code,
    message,
    at: new Date().toISOString(),
  };
}
