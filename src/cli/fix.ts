import { loadConfig } from '../check/config.js';
import { ENRICH_WRITE_REFUSED, runFix } from '../fix/run.js';
import { isLanguage, LANGUAGES } from '../i18n/index.js';
import { terminalSafe } from '../report/escape.js';
import type { CliIO } from './io.js';

/** Command-line options of `rotwatch fix`, already parsed; undefined = not given. */
export interface FixArgs {
  catalogues: string[];
  config?: string;
  reportDir?: string;
  store?: string;
  write?: boolean;
  plan?: string;
  apply?: string;
  maxEdits?: number;
  enrich?: boolean;
  /** Language of the human texts (default: the report's own, `run.language`), as on `report`. */
  language?: string;
  /** Also write the pull request's title and description to this file. */
  pullRequest?: string;
}

/**
 * `rotwatch fix`: edits the catalogues from the last complete report. Exit codes: 0 nothing to
 * do (or written), 1 edits pending (dry run, --plan), 2 usage or input errors, or not written.
 */
export async function runFixCommand(args: FixArgs, io: CliIO): Promise<number> {
  const modes = [args.write && '--write', args.plan && '--plan', args.apply && '--apply'].filter(
    Boolean,
  );
  if (modes.length > 1) {
    io.stderr(`rotwatch fix: ${modes.join(' and ')} cannot be used together\n`);
    return 2;
  }
  if (args.write && args.enrich) {
    io.stderr(`rotwatch fix: ${ENRICH_WRITE_REFUSED}\n`);
    return 2;
  }
  if (args.apply && args.enrich) {
    io.stderr(
      'rotwatch fix: --apply applies the plan as reviewed (its enrichment included): --enrich is not needed\n',
    );
    return 2;
  }
  if (args.language !== undefined && !isLanguage(args.language)) {
    io.stderr(
      `rotwatch fix: unknown --language "${terminalSafe(args.language)}" (use ${LANGUAGES.join(', ')})\n`,
    );
    return 2;
  }
  if (args.pullRequest && args.plan) {
    io.stderr('rotwatch fix: --pull-request describes edits shown or written, not a plan\n');
    return 2;
  }
  if (args.apply && args.catalogues.length > 0) {
    io.stderr('rotwatch fix: --apply takes its files from the plan, not from arguments\n');
    return 2;
  }
  const loaded = await loadConfig(io.cwd, args.config, {
    ...(args.reportDir ? { reportDir: args.reportDir } : {}),
    ...(args.store ? { store: args.store } : {}),
  });
  if (!loaded.ok) {
    for (const p of loaded.problems) io.stderr(`${p}\n`);
    return 2;
  }
  return runFix({
    cwd: io.cwd,
    catalogues: args.catalogues,
    reportDir: loaded.config.options.reportDir,
    ...(loaded.config.options.store ? { store: loaded.config.options.store } : {}),
    mode: args.apply ? 'apply' : args.plan ? 'plan' : args.write ? 'write' : 'dry-run',
    ...(args.plan || args.apply ? { planFile: (args.plan ?? args.apply)! } : {}),
    ...(args.maxEdits !== undefined ? { maxEdits: args.maxEdits } : {}),
    enrich: args.enrich === true,
    ...(args.language && isLanguage(args.language) ? { language: args.language } : {}),
    ...(args.pullRequest ? { pullRequestFile: args.pullRequest } : {}),
    colour: io.isTTY && process.env.NO_COLOR === undefined,
    stdout: io.stdout,
    stderr: io.stderr,
  });
}
