import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type ArchiveOptions, archiveConfigSchema } from '../archive/config.js';
import { CONFIG_FILE, configIssues, formatConfigProblem, readConfigFile } from '../config/file.js';
import { type CheckOptions, checkOptionsSchema } from '../config/options.js';
import { type ReportConfig, reportConfigSchema } from '../config/report.js';
import { type ScaleConfig, scaleConfigSchema } from '../scale/settings.js';
import {
  type DeliveryConfig,
  deliveryConfigSchema,
  type WorkerConfig,
  workerConfigSchema,
} from '../worker/config.js';

/** rotwatch.config.yaml: one section per part of the tool, every field optional. */
const configFileSchema = z.strictObject({
  check: z.record(z.string(), z.unknown()).optional(),
  archive: z.unknown().optional(),
  worker: z.unknown().optional(),
  delivery: z.unknown().optional(),
  report: z.unknown().optional(),
  scale: z.unknown().optional(),
});

export interface LoadedConfig {
  file: string | null;
  options: CheckOptions;
  archive: ArchiveOptions;
  worker: WorkerConfig;
  delivery: DeliveryConfig;
  /** The readers' side: `report.language`, with `--language` already applied over it. */
  report: ReportConfig;
  /** Processes sharing a PostgreSQL history (src/scale); environment variables win over it. */
  scale: ScaleConfig;
}

/**
 * Reads the config file (if any) and applies the command line's overrides over its `check:`
 * section. Every problem is reported at once, each with its file:line.
 */
export async function loadConfig(
  cwd: string,
  configFile: string | undefined,
  overrides: Record<string, unknown>,
): Promise<{ ok: true; config: LoadedConfig } | { ok: false; problems: string[] }> {
  const file = configFile ? resolve(cwd, configFile) : join(cwd, CONFIG_FILE);
  const read = await readConfigFile(file, { required: Boolean(configFile) });
  if (read && 'code' in read) return { ok: false, problems: [formatConfigProblem(read)] };
  const lineOf = read?.lineOf ?? (() => 1);
  const raw = read?.raw ?? {};

  const top = configFileSchema.safeParse(raw);
  if (!top.success)
    return { ok: false, problems: configIssues(file, top.error, lineOf).map(formatConfigProblem) };
  // `--language` is the command line's `report.language`; every other override is a check option.
  const { language, ...definedOverrides } = Object.fromEntries(
    Object.entries(overrides).filter(([, v]) => v !== undefined),
  );
  const reportSection = isObject(top.data.report) ? top.data.report : {};
  const sections = {
    check: checkOptionsSchema.safeParse({ ...top.data.check, ...definedOverrides }),
    archive: archiveConfigSchema.safeParse(top.data.archive ?? {}),
    worker: workerConfigSchema.safeParse(top.data.worker ?? {}),
    delivery: deliveryConfigSchema.safeParse(top.data.delivery ?? {}),
    report: reportConfigSchema.safeParse(
      language === undefined ? (top.data.report ?? {}) : { ...reportSection, language },
    ),
    scale: scaleConfigSchema.safeParse(top.data.scale ?? {}),
  };
  const problems: string[] = [];
  for (const [name, result] of Object.entries(sections)) {
    if (result.success) continue;
    // configIssues gives one problem per issue, in order: a value given on the command line
    // is blamed on its option, not on whatever line of the config file lineOf falls back to.
    const fromFile = configIssues(file, result.error, lineOf, [name]);
    result.error.issues.forEach((issue, i) => {
      const key = issue.path[0];
      const fromCommandLine =
        (name === 'check' && typeof key === 'string' && Object.hasOwn(definedOverrides, key)) ||
        (name === 'report' && key === 'language' && language !== undefined);
      problems.push(
        fromCommandLine
          ? `${optionFlag(key)}: ${issue.message}`
          : formatConfigProblem(fromFile[i]!),
      );
    });
  }
  if (
    problems.length > 0 ||
    !sections.check.success ||
    !sections.archive.success ||
    !sections.worker.success ||
    !sections.delivery.success ||
    !sections.report.success ||
    !sections.scale.success
  ) {
    return { ok: false, problems };
  }
  const archive = sections.archive.data;
  // The lookup cache lives with the other run files unless the config names a place (or null).
  const cachePath = (top.data.archive as { cache?: { path?: unknown } } | undefined)?.cache?.path;
  archive.cache.path =
    cachePath === null
      ? null
      : resolve(
          cwd,
          typeof cachePath === 'string'
            ? cachePath
            : join(sections.check.data.reportDir, 'archive-cache.json'),
        );
  return {
    ok: true,
    config: {
      file: read ? file : null,
      options: sections.check.data,
      archive,
      worker: sections.worker.data,
      delivery: sections.delivery.data,
      report: sections.report.data,
      scale: sections.scale.data,
    },
  };
}

const UPPERCASE_LETTERS = /[A-Z]/g;

/** The command-line spelling of a check option: perHostInterval -> --per-host-interval. */
const optionFlag = (key: string): string =>
  `--${key.replace(UPPERCASE_LETTERS, (c) => `-${c.toLowerCase()}`)}`;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
