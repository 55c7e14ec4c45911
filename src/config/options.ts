import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { defaultUserAgent } from '../version.js';

export const FAIL_ON = ['dead', 'redirected', 'error', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

const hostOverrideSchema = z.strictObject({
  /** Minimum gap between request starts to this host (a fragile site gets a slower one). */
  interval: z.number().int().min(0).optional(),
  concurrency: z.number().int().min(1).max(16).optional(),
  /** Extra request headers for this host (e.g. a cookie consent or an API key). */
  headers: z.record(z.string(), z.string()).optional(),
  /** Do not check this host at all: its links are reported `skipped` / `host-skipped`. */
  skip: z.boolean().optional(),
});
export type HostOverride = z.infer<typeof hostOverrideSchema>;

/** An --include/--exclude pattern: refused when it does not compile, not silently dropped. */
const patternSchema = z.string().superRefine((pattern, ctx) => {
  try {
    new RegExp(pattern, 'i');
  } catch (err) {
    ctx.addIssue({
      code: 'custom',
      message: `not a valid regular expression: ${(err as Error).message}`,
    });
  }
});

/**
 * Every setting of `rotwatch check`. The same names are used in rotwatch.config.yaml (under
 * `check:`) and, in kebab case, on the command line; the command line wins.
 */
export const checkOptionsSchema = z.strictObject({
  concurrency: z.number().int().min(1).max(1024).default(32),
  perHost: z.number().int().min(1).max(16).default(2),
  perHostInterval: z.number().int().min(0).default(1000),
  timeout: z.number().int().min(100).default(20_000),
  retries: z.number().int().min(0).max(10).default(2),
  backoffBase: z.number().int().min(0).default(1000),
  backoffMax: z.number().int().min(0).default(30_000),
  retryAfterMax: z.number().int().min(0).default(120_000),
  /** Browsers follow 20 redirects (Chromium, Firefox): a chain longer than that is broken for readers too. */
  maxRedirects: z.number().int().min(0).max(20).default(20),
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  /**
   * Largest catalogue (.yaml) or Markdown file read, in bytes (default 5 MiB). The YAML parser
   * holds some 60 bytes of memory per byte of source, so 100 MiB needs about 6 GB: raise it
   * with the memory to match. URL lists (.txt) are read as a stream and need no cap.
   */
  maxInputBytes: z
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  /**
   * The HTML page lists links that need nothing (ok, skipped) one by one up to this many; above,
   * it counts them per status, section and host and points to the CSV for the full list.
   */
  htmlMaxOkLinks: z.number().int().min(0).default(5_000),
  userAgent: z.string().min(1).default(defaultUserAgent()),
  include: z.array(patternSchema).default([]),
  exclude: z.array(patternSchema).default([]),
  allowPrivateAddresses: z.boolean().default(false),
  respectRobots: z.boolean().default(false),
  reportDir: z.string().default('reports'),
  /**
   * Where the run history lives: `sqlite:PATH` or a PATH (default: history.sqlite in the
   * report dir). `postgres://...` is reserved for a shared PostgreSQL store (not yet).
   */
  store: z.string().min(1).optional(),
  json: z.string().optional(),
  failOn: z.enum(FAIL_ON).default('dead'),
  quiet: z.boolean().default(false),
  /** Report formats written to the report dir besides latest.json. */
  formats: z
    .array(z.enum(['json', 'md', 'html', 'csv', 'junit', 'github']))
    .default(['json', 'md', 'html', 'csv', 'junit']),
  /** Dated JSON reports kept in reports/runs/. */
  retain: z.number().int().min(1).default(26),
  /** Hysteresis: a transient failure becomes dead after this many runs spanning this many days. */
  deadAfterRuns: z.number().int().min(1).default(3),
  deadAfterDays: z.number().int().min(0).default(14),
  /**
   * Days a host's answer to the random-path probe (soft-404 detection) is kept in the history
   * and reused instead of probing the host again; 0 probes every host on every run.
   */
  probeReuseDays: z.number().int().min(0).max(365).default(30),
  /** Only check URLs added or changed since this git ref (pull-request checks). */
  changedSince: z.string().optional(),
  /**
   * Hosts rotwatch connects to (TCP only, no request) when a run over fewer than 3 hosts failed
   * everywhere, to tell an offline checker from dead domains. Empty: such a run is inconclusive.
   */
  networkCanaries: z
    .array(z.url())
    .default(['https://web.archive.org/', 'https://www.wikipedia.org/']),
  hosts: z.record(z.string(), hostOverrideSchema).default({}),
});

export type CheckOptions = z.infer<typeof checkOptionsSchema>;
export type CheckOptionsInput = z.input<typeof checkOptionsSchema>;

export const defaultCheckOptions = (): CheckOptions => checkOptionsSchema.parse({});

const TRAILING_DOT = /\.$/;

/** A host name as URL parsing gives it: lower case, punycode, no trailing dot. */
function normaliseHost(host: string): string {
  const lower = host.toLowerCase().replace(TRAILING_DOT, '');
  return domainToASCII(lower) || lower;
}

/**
 * Finds the override for a host: exact name first, then the closest parent domain
 * ("example.org" covers "www.example.org"; "api.example.org" wins over it for its own
 * subdomains). Names in the config are matched however they are written (case, Unicode).
 */
export function hostOverride(options: CheckOptions, host: string): HostOverride | undefined {
  const name = normaliseHost(host);
  let best: { length: number; override: HostOverride } | undefined;
  for (const [pattern, override] of Object.entries(options.hosts)) {
    const p = normaliseHost(pattern);
    if (p === name) return override;
    if (name.endsWith(`.${p}`) && (!best || p.length > best.length))
      best = { length: p.length, override };
  }
  return best?.override;
}
