import nodemailer from 'nodemailer';
import type { EmailConfig } from '../worker/config.js';
import type { DeliveryResult, Digest } from './types.js';

export const SMTP_PASSWORD_ENV = 'ROTWATCH_SMTP_PASSWORD';

/** Settings after merging the config file with the environment. */
export interface ResolvedEmail {
  host: string;
  port: number;
  security: EmailConfig['security'];
  user: string | null;
  password: string | null;
  from: string;
  to: string[];
  subjectPrefix: string;
  timeoutMs: number;
}

type Env = Record<string, string | undefined>;

/**
 * Config file first, `ROTWATCH_SMTP_*` environment variables fill what it leaves out; the
 * password comes only from `ROTWATCH_SMTP_PASSWORD`. Null when not enough is known to send.
 */
export function resolveEmail(
  cfg: EmailConfig | undefined,
  env: Env,
): { ok: true; email: ResolvedEmail } | { ok: false; message: string } {
  const host = cfg?.host ?? env.ROTWATCH_SMTP_HOST;
  const to = cfg?.to?.length
    ? cfg.to
    : (env.ROTWATCH_SMTP_TO ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  const from = cfg?.from ?? env.ROTWATCH_SMTP_FROM;
  if (!host || !from || to.length === 0) {
    return { ok: false, message: 'email needs host, from and at least one recipient' };
  }
  const security = cfg?.security ?? 'starttls';
  const envPort = env.ROTWATCH_SMTP_PORT ? Number(env.ROTWATCH_SMTP_PORT) : undefined;
  const port = cfg?.port ?? envPort ?? (security === 'tls' ? 465 : 587);
  return {
    ok: true,
    email: {
      host,
      port,
      security,
      user: cfg?.user ?? env.ROTWATCH_SMTP_USER ?? null,
      password: env[SMTP_PASSWORD_ENV] ?? null,
      from,
      to,
      subjectPrefix: cfg?.subjectPrefix ?? '[rotwatch]',
      timeoutMs: cfg?.timeoutMs ?? 30_000,
    },
  };
}

/**
 * Send the digest: Markdown as the text part, the HTML report as the HTML part (none when the
 * report is too large for one, see DEFAULT_EMAIL_HTML_MAX_LINKS). Never throws.
 */
export async function sendEmail(email: ResolvedEmail, digest: Digest): Promise<DeliveryResult> {
  const transport = nodemailer.createTransport({
    host: email.host,
    port: email.port,
    secure: email.security === 'tls',
    requireTLS: email.security === 'starttls',
    ignoreTLS: email.security === 'none',
    auth: email.user ? { user: email.user, pass: email.password ?? '' } : undefined,
    connectionTimeout: email.timeoutMs,
    greetingTimeout: email.timeoutMs,
    socketTimeout: email.timeoutMs,
  });
  const at = () => new Date().toISOString();
  try {
    const info = await transport.sendMail({
      from: email.from,
      to: email.to,
      subject: digest.subject,
      text: digest.markdown,
      ...(digest.html !== null ? { html: digest.html } : {}),
    });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0) {
      const message = `rejected recipients: ${rejected.join(', ')}`;
      return {
        channel: 'email',
        status: 'failed',
        attempts: 1,
        code: 'smtp-rejected',
        message,
        at: at(),
      };
    }
    return { channel: 'email', status: 'sent', attempts: 1, code: null, message: null, at: at() };
  } catch (err) {
    const e = err as Error & { code?: string; responseCode?: number };
    const code = e.responseCode ? `smtp-${e.responseCode}` : 'smtp-error';
    const message = `${e.code ? `${e.code}: ` : ''}${e.message}`;
    return { channel: 'email', status: 'failed', attempts: 1, code, message, at: at() };
  } finally {
    transport.close();
  }
}
