import { access, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import {
  type DeliveryConfig,
  deliveryConfigSchema,
  type WorkerConfig,
  workerConfigSchema,
} from './config.js';

export const DEFAULT_CONFIG_FILE = 'rotwatch.config.yaml';

export type WorkerConfigLoad =
  | { ok: true; worker: WorkerConfig; delivery: DeliveryConfig; file: string | null }
  | { ok: false; message: string };

/**
 * Read the `worker:` and `delivery:` sections of the config file (other sections belong to
 * the check and are ignored here). A missing default file means defaults; a missing explicit
 * file is an error.
 */
export async function loadWorkerConfig(
  cwd: string,
  configFile?: string,
): Promise<WorkerConfigLoad> {
  const file = resolve(cwd, configFile ?? DEFAULT_CONFIG_FILE);
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    if (configFile) return { ok: false, message: `config file not found: ${file}` };
    return {
      ok: true,
      worker: workerConfigSchema.parse({}),
      delivery: deliveryConfigSchema.parse(undefined),
      file: null,
    };
  }
  let doc: unknown;
  try {
    doc = parse(await readFile(file, 'utf8'));
  } catch (err) {
    return { ok: false, message: `${file}: ${(err as Error).message}` };
  }
  const root = (doc && typeof doc === 'object' ? doc : {}) as Record<string, unknown>;
  const worker = workerConfigSchema.safeParse(root.worker ?? {});
  if (!worker.success)
    return { ok: false, message: `${file}: worker: ${formatIssues(worker.error.issues)}` };
  const delivery = deliveryConfigSchema.safeParse(root.delivery ?? undefined);
  if (!delivery.success) {
    return { ok: false, message: `${file}: delivery: ${formatIssues(delivery.error.issues)}` };
  }
  return { ok: true, worker: worker.data, delivery: delivery.data, file };
}

function formatIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => `${i.path.map(String).join('.') || '(section)'}: ${i.message}`)
    .join('; ');
}
