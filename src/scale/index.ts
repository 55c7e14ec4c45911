import type { HistoryStore, PostgresHistoryStore } from '../store/index.js';
import { createRunCoordinator, type RunCoordinator } from './coordinator.js';
import { type ScaleConfig, scaleSettingsFrom } from './settings.js';

export { createRunCoordinator, type RunCoordinator, runKey } from './coordinator.js';
export {
  DEFAULT_SCALE,
  type ScaleConfig,
  type ScaleSettings,
  scaleConfigSchema,
  scaleSettingsFrom,
} from './settings.js';
export { NO_HOST_SHARD, planShards, shardKey } from './shard.js';

function isPostgres(store: HistoryStore): store is PostgresHistoryStore {
  return (store as Partial<PostgresHistoryStore>).kind === 'postgres';
}

/**
 * The coordinator of runs shared between processes, when the history is a PostgreSQL
 * database (null for SQLite and memory stores: one process, one run); settings from the
 * environment (ROTWATCH_LEASE_SECONDS ...), a bad one being a problem naming it.
 */
export function sharedRunFor(
  store: HistoryStore,
  env: Record<string, string | undefined> = process.env,
  config: ScaleConfig = {},
): { ok: true; coordinator: RunCoordinator } | { ok: false; problem: string } | null {
  if (!isPostgres(store)) return null;
  const settings = scaleSettingsFrom(env, config);
  if (!settings.ok) return settings;
  return { ok: true, coordinator: createRunCoordinator(store.db, settings.settings) };
}
