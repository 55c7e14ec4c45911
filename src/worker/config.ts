import { validate } from 'node-cron';
import { z } from 'zod';

/** Whether Intl knows the time zone (what node-cron will use). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** When the worker sends the report: every run, only when something changed, or only on failures. */
export const NOTIFY_POLICIES = ['always', 'changes', 'failures'] as const;
export type NotifyPolicy = (typeof NOTIFY_POLICIES)[number];

export const DEFAULT_CRON = '0 6 * * 1';
export const DEFAULT_TIMEZONE = 'Europe/Paris';

/** Config file section `worker:`. */
export const workerConfigSchema = z
  .object({
    /** node-cron expression (5 fields, or 6 with seconds first). Default: Monday 06:00. */
    cron: z
      .string()
      .min(1)
      .refine((cron) => validate(cron), {
        message: 'not a valid cron expression (5 fields, or 6 with seconds first)',
      })
      .default(DEFAULT_CRON),
    /** IANA time zone the cron expression is read in. */
    timezone: z
      .string()
      .min(1)
      .refine(isTimeZone, { message: 'not a known IANA time zone (e.g. Europe/Paris)' })
      .default(DEFAULT_TIMEZONE),
    notify: z.enum(NOTIFY_POLICIES).default('always'),
    /** Run once at start, then follow the schedule. */
    runNow: z.boolean().default(false),
    /** How long a shutdown waits for the current run to write its partial report. */
    shutdownGraceMs: z.number().int().positive().default(30_000),
    /** A lock whose heartbeat is older than this is considered abandoned. */
    lockStaleMs: z
      .number()
      .int()
      .positive()
      .default(6 * 60 * 60 * 1000),
  })
  .strict();
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;

/** Config file section `delivery.email:`. The password is never read from the file. */
export const emailConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** `tls`: TLS from the first byte (465); `starttls`: upgrade required (587); `none`: plain (local relays only). */
    security: z.enum(SMTP_SECURITY).default('starttls'),
    user: z.string().min(1).optional(),
    from: z.string().min(1).optional(),
    to: z.array(z.string().min(1)).default([]),
    subjectPrefix: z.string().default('[rotwatch]'),
    timeoutMs: z.number().int().positive().default(30_000),
    /** Above this many links the e-mail is the digest only, without the HTML page (default 5,000). */
    htmlMaxLinks: z.number().int().min(0).optional(),
  })
  .strict();
export type EmailConfig = z.infer<typeof emailConfigSchema>;

/** Config file section `delivery.webhook:`. The secret is only read from the environment. */
export const webhookConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    url: z.string().url().optional(),
    /** Header carrying the secret from env `ROTWATCH_WEBHOOK_SECRET`, when that is set. */
    secretHeader: z.string().min(1).default('X-Rotwatch-Secret'),
    retries: z.number().int().min(0).max(10).default(3),
    backoffBaseMs: z.number().int().min(0).default(1_000),
    backoffMaxMs: z.number().int().min(0).default(30_000),
    timeoutMs: z.number().int().positive().default(15_000),
  })
  .strict();
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

/** Config file section `delivery:`. */
export const deliveryConfigSchema = z
  .object({
    email: emailConfigSchema.optional(),
    webhook: webhookConfigSchema.optional(),
  })
  .strict()
  .default({});
export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;
