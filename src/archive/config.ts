import { z } from 'zod';

/**
 * Options of the `archive:` section of the config file. Every field has a default, so
 * `archiveConfigSchema.parse({})` gives a working, polite configuration.
 * Documented in docs/archive.md: keep both in step.
 */

/** At most `requests` request starts in any rolling window of `intervalMs` (sliding window). */
const rateSchema = (requests: number, intervalMs = 60_000) =>
  z
    .strictObject({
      requests: z.number().int().min(1).default(requests),
      intervalMs: z.number().int().min(1).default(intervalMs),
    })
    .prefault({});

const TRAILING_SLASHES = /\/+$/;

const httpBase = z
  .string()
  .url()
  .transform((s) => s.replace(TRAILING_SLASHES, ''));

const waybackSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Wayback Machine root: CDX at `<base>/cdx/search/cdx`, playback at `<base>/web/...`. */
    baseUrl: httpBase.default('https://web.archive.org'),
    /** Availability API root (`<base>/wayback/available`), asked only when CDX fails. */
    availabilityBaseUrl: httpBase.default('https://archive.org'),
    availabilityFallback: z.boolean().default(true),
    /** How many captures, closest to the access date first, one CDX query asks for. */
    cdxLimit: z.number().int().min(1).max(1000).default(25),
    rate: rateSchema(15),
    /** Raw `id_` playbacks fetched by the capture judge. */
    playbackRate: rateSchema(30),
  })
  .prefault({});

const wikiwixSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    baseUrl: httpBase.default('https://archive.wikiwix.com'),
    rate: rateSchema(15),
    playbackRate: rateSchema(30),
  })
  .prefault({});

const mementoArchiveSchema = z.strictObject({
  name: z.string().min(1),
  /**
   * TimeMap URL, with `{url}` replaced by the link as is, or `{urlEncoded}` by the link
   * percent-encoded, e.g. `https://archive.ph/timemap/{url}`.
   */
  timemapUrl: z.string().refine((s) => s.includes('{url}') || s.includes('{urlEncoded}'), {
    message: 'timemapUrl needs a {url} or {urlEncoded} placeholder',
  }),
  /** Insert `id_` after the 14-digit timestamp of memento URIs to judge the raw capture. */
  rawPlayback: z.boolean().default(false),
});

const mementoSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    archives: z.array(mementoArchiveSchema).default([]),
    rate: rateSchema(15),
    playbackRate: rateSchema(30),
  })
  .prefault({});

const cacheSchema = z
  .strictObject({
    /** JSON file kept between runs; null: no cache. Relative paths are the caller's to resolve. */
    path: z.string().min(1).nullable().default('reports/archive-cache.json'),
    foundTtlDays: z.number().min(0).default(30),
    noneTtlDays: z.number().min(0).default(7),
  })
  .prefault({});

const saveNowSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    endpoint: httpBase.default('https://web.archive.org/save'),
    rate: rateSchema(3),
    /** Env variable names holding the archive.org S3-style keys. */
    accessKeyEnv: z.string().default('ROTWATCH_SPN_ACCESS_KEY'),
    secretKeyEnv: z.string().default('ROTWATCH_SPN_SECRET_KEY'),
  })
  .prefault({});

export const archiveConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Look up every link, not only `dead` and `redirected` ones (read by the orchestrator). */
    lookupAll: z.boolean().default(false),
    /** Bound on one lookup, queue waits included. */
    lookupTimeoutMs: z.number().int().min(1).default(120_000),
    /** Bound on one request to an archive (connect + headers + body). */
    requestTimeoutMs: z.number().int().min(1).default(20_000),
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .default(4 * 1024 * 1024),
    /** Captures checked with the judge per lookup before giving up. */
    maxValidations: z.number().int().min(1).max(20).default(4),
    /** Pause after a 429/503 without Retry-After. */
    backoffMs: z.number().int().min(0).default(60_000),
    /** A Retry-After longer than this ends the use of that archive for the run. */
    retryAfterMaxMs: z.number().int().min(0).default(300_000),
    /** Consecutive failures (refused, timeout, 5xx) after which an archive is down for the run. */
    downAfterFailures: z.number().int().min(1).default(2),
    cache: cacheSchema,
    wayback: waybackSchema,
    wikiwix: wikiwixSchema,
    memento: mementoSchema,
    saveNow: saveNowSchema,
  })
  .prefault({});

export type ArchiveOptions = z.output<typeof archiveConfigSchema>;
export type ArchiveConfigInput = z.input<typeof archiveConfigSchema>;
export type RateOptions = ArchiveOptions['wayback']['rate'];
export type MementoArchiveOptions = ArchiveOptions['memento']['archives'][number];
