/*
 * How processes sharing a PostgreSQL history cooperate: lease length, how many shards one
 * process works at once, how often it looks for work. Read from the environment (the same for
 * `check` and `worker`, and for every process of a deployment, set once in a unit file).
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

const VARS = {
  leaseMs: ['ROTWATCH_LEASE_SECONDS', 1_000, 1, 86_400],
  shardsAtOnce: ['ROTWATCH_SHARDS_AT_ONCE', 1, 1, 1_024],
  pollMs: ['ROTWATCH_SHARD_POLL_MS', 1, 10, 600_000],
  staleMs: ['ROTWATCH_STALE_RUN_SECONDS', 1_000, 1, 30 * 86_400],
  liveDays: ['ROTWATCH_DUE_LIVE_DAYS', 1, 0.001, 366],
  failingDays: ['ROTWATCH_DUE_FAILING_DAYS', 1, 0.001, 366],
  duePollMs: ['ROTWATCH_DUE_POLL_SECONDS', 1_000, 0.01, 86_400],
} as const;

/** Pure: the settings from environment variables, each checked, naming the variable at fault. */
export function scaleSettingsFrom(env: Record<string, string | undefined>): ScaleSettingsResult {
  const settings = { ...DEFAULT_SCALE };
  const due = env.ROTWATCH_DUE_ONLY?.trim();
  if (due) {
    if (!['0', '1', 'true', 'false'].includes(due)) {
      return { ok: false, problem: `ROTWATCH_DUE_ONLY=${due}: expected 1 or 0` };
    }
    settings.dueOnly = due === '1' || due === 'true';
  }
  for (const [key, [name, unit, min, max]] of Object.entries(VARS)) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) {
      return { ok: false, problem: `${name}=${raw}: expected a number from ${min} to ${max}` };
    }
    const value = key === 'liveDays' || key === 'failingDays' ? n : Math.round(n * unit);
    (settings as Record<string, number | boolean>)[key] = value;
  }
  return { ok: true, settings };
}
