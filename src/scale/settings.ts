import { z } from 'zod';

/*
 * How processes sharing a PostgreSQL history cooperate: lease length, how many shards one
 * process works at once, how often it looks for work, due dates. Set in the config file's
 * `scale:` section (the same for `check` and `worker`, and for every process of a deployment),
 * each key overridden by its environment variable (set once in a unit file, say).
 */

export interface ScaleSettings {
  /**
   * How long a shard's lease lasts without renewal (ms). A process that dies holds its shards
   * this long at most; a live one renews every third of it.
   */
  leaseMs: number;
  /** Shards one process checks at once (each a site: its hosts' lanes run in parallel). */
  shardsAtOnce: number;
  /** Pause between looks for a shard to lease when every open shard is leased (ms). */
  pollMs: number;
  /** An unfinished shared run untouched this long is not joined but left behind (ms). */
  staleMs: number;
  /** Check only the links that are due (a subset run); every shared run records due dates. */
  dueOnly: boolean;
  /** Days between checks of a live link, and of a failing one. */
  liveDays: number;
  failingDays: number;
  /** A due-only worker: pause between two looks for due links (ms). */
  duePollMs: number;
}

export const DEFAULT_SCALE: ScaleSettings = {
  leaseMs: 60_000,
  shardsAtOnce: 16,
  pollMs: 1_000,
  staleMs: 10 * 60_000,
  dueOnly: false,
  liveDays: 7,
  failingDays: 3,
  duePollMs: 5 * 60_000,
};

export type ScaleSettingsResult =
  | { ok: true; settings: ScaleSettings }
  | { ok: false; problem: string };

/**
 * Each numeric setting: its config key (in the unit people write: seconds, days), its
 * environment variable, the factor to the setting's unit, and the bounds of the written value.
 */
const NUMERIC = {
  leaseMs: { key: 'leaseSeconds', env: 'ROTWATCH_LEASE_SECONDS', unit: 1_000, min: 1, max: 86_400 },
  shardsAtOnce: {
    key: 'shardsAtOnce',
    env: 'ROTWATCH_SHARDS_AT_ONCE',
    unit: 1,
    min: 1,
    max: 1_024,
  },
  pollMs: { key: 'shardPollMs', env: 'ROTWATCH_SHARD_POLL_MS', unit: 1, min: 10, max: 600_000 },
  staleMs: {
    key: 'staleRunSeconds',
    env: 'ROTWATCH_STALE_RUN_SECONDS',
    unit: 1_000,
    min: 1,
    max: 30 * 86_400,
  },
  liveDays: { key: 'dueLiveDays', env: 'ROTWATCH_DUE_LIVE_DAYS', unit: 1, min: 0.001, max: 366 },
  failingDays: {
    key: 'dueFailingDays',
    env: 'ROTWATCH_DUE_FAILING_DAYS',
    unit: 1,
    min: 0.001,
    max: 366,
  },
  duePollMs: {
    key: 'duePollSeconds',
    env: 'ROTWATCH_DUE_POLL_SECONDS',
    unit: 1_000,
    min: 0.01,
    max: 86_400,
  },
} as const;

type NumericField = keyof typeof NUMERIC;
/** Whole numbers in the setting's unit (ms, shards); days may be fractions. */
const FRACTIONAL: ReadonlySet<NumericField> = new Set(['liveDays', 'failingDays']);

const numberIn = (min: number, max: number) => z.number().min(min).max(max);

/** The config file's `scale:` section: every key optional (defaults in DEFAULT_SCALE). */
export const scaleConfigSchema = z.strictObject({
  leaseSeconds: numberIn(NUMERIC.leaseMs.min, NUMERIC.leaseMs.max).optional(),
  shardsAtOnce: z.int().min(NUMERIC.shardsAtOnce.min).max(NUMERIC.shardsAtOnce.max).optional(),
  shardPollMs: numberIn(NUMERIC.pollMs.min, NUMERIC.pollMs.max).optional(),
  staleRunSeconds: numberIn(NUMERIC.staleMs.min, NUMERIC.staleMs.max).optional(),
  dueOnly: z.boolean().optional(),
  dueLiveDays: numberIn(NUMERIC.liveDays.min, NUMERIC.liveDays.max).optional(),
  dueFailingDays: numberIn(NUMERIC.failingDays.min, NUMERIC.failingDays.max).optional(),
  duePollSeconds: numberIn(NUMERIC.duePollMs.min, NUMERIC.duePollMs.max).optional(),
});

export type ScaleConfig = z.infer<typeof scaleConfigSchema>;

/**
 * Pure: the settings from the config file's `scale:` section (already validated), each key
 * overridden by its environment variable; a bad variable is a problem naming it.
 */
export function scaleSettingsFrom(
  env: Record<string, string | undefined>,
  config: ScaleConfig = {},
): ScaleSettingsResult {
  const settings = { ...DEFAULT_SCALE };
  if (config.dueOnly !== undefined) settings.dueOnly = config.dueOnly;
  const due = env.ROTWATCH_DUE_ONLY?.trim();
  if (due) {
    if (!['0', '1', 'true', 'false'].includes(due)) {
      return { ok: false, problem: `ROTWATCH_DUE_ONLY=${due}: expected 1 or 0` };
    }
    settings.dueOnly = due === '1' || due === 'true';
  }
  for (const [field, spec] of Object.entries(NUMERIC) as [
    NumericField,
    (typeof NUMERIC)[NumericField],
  ][]) {
    let n = config[spec.key];
    const raw = env[spec.env]?.trim();
    if (raw) {
      n = Number(raw);
      if (!Number.isFinite(n) || n < spec.min || n > spec.max) {
        return {
          ok: false,
          problem: `${spec.env}=${raw}: expected a number from ${spec.min} to ${spec.max}`,
        };
      }
    }
    if (n === undefined) continue;
    settings[field] = FRACTIONAL.has(field) ? n : Math.round(n * spec.unit);
  }
  return { ok: true, settings };
}
