import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic.js';
import { ensureDir } from '../fs/dirs.js';
import { inLanguage, isLanguage, LANGUAGES } from '../i18n/index.js';
import { terminalSafe } from '../report/escape.js';
import {
  FAIL_ON_LEVELS,
  isFailOnLevel,
  parseReport,
  renderCsv,
  renderGithub,
  renderHtml,
  renderJunit,
  renderMarkdown,
  renderSummary,
} from '../report/index.js';
import type { CliIO } from './io.js';
import { runStoredReport } from './report-store.js';

export type ReportCommandFormat = 'md' | 'html' | 'csv' | 'junit' | 'github' | 'json' | 'summary';
const FORMATS: readonly ReportCommandFormat[] = [
  'md',
  'html',
  'csv',
  'junit',
  'github',
  'json',
  'summary',
];

export interface ReportCommandArgs {
  /** JSON report to render (default <cwd>/reports/latest.json). */
  from?: string;
  format: ReportCommandFormat;
  /** Write here (atomically, creating missing directories) instead of stdout. */
  out?: string;
  /** Fail-on policy for junit and github (default 'dead'). */
  failOn?: string;
  /** Language of the human texts (default: the report's own, `run.language`). */
  language?: string;
  /**
   * Render the last finished run of this run history (`sqlite:PATH`, a path, a database URL)
   * instead of a JSON file: streamed from its journal, for reports too big to parse whole.
   * `true` (`--store` alone) or "" means the default history, `<reportDir>/history.sqlite`.
   */
  store?: string | true;
  /** Where the default history is (default `reports`). */
  reportDir?: string;
  /** HTML: ok and skipped links listed one by one at most (default 5,000). */
  htmlMaxOkLinks?: number;
}

/**
 * `rotwatch report`: renders a saved JSON report again in any format, without checking
 * anything. Exit 0 when rendered, 2 on bad usage or a missing/invalid report.
 */
export async function runReportCommand(args: ReportCommandArgs, io: CliIO): Promise<number> {
  if (!FORMATS.includes(args.format)) {
    io.stderr(
      `rotwatch report: unknown format "${terminalSafe(String(args.format))}" (use ${FORMATS.join(', ')})\n`,
    );
    return 2;
  }
  const failOn = args.failOn ?? 'dead';
  if (!isFailOnLevel(failOn)) {
    io.stderr(
      `rotwatch report: unknown --fail-on "${terminalSafe(failOn)}" (use ${FAIL_ON_LEVELS.join(', ')})\n`,
    );
    return 2;
  }
  if (args.language !== undefined && !isLanguage(args.language)) {
    io.stderr(
      `rotwatch report: unknown --language "${terminalSafe(args.language)}" (use ${LANGUAGES.join(', ')})\n`,
    );
    return 2;
  }
  if (args.store !== undefined) {
    if (args.from !== undefined) {
      io.stderr('rotwatch report: give --from <report.json> or --store, not both.\n');
      return 2;
    }
    const { store, from: _from, failOn: _failOn, language, ...rest } = args;
    return runStoredReport(
      {
        ...rest,
        store: store === true ? '' : store,
        ...(language && isLanguage(language) ? { language } : {}),
      },
      failOn,
      io,
    );
  }
  const from = resolve(io.cwd, args.from ?? 'reports/latest.json');
  let text: string;
  try {
    text = await readFile(from, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : (code ?? 'unreadable');
    io.stderr(
      `rotwatch report: cannot read ${terminalSafe(from)} (${why}). Run \`rotwatch check\` first, or pass --from <report.json>.\n`,
    );
    return 2;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    io.stderr(
      `rotwatch report: ${terminalSafe(from)} is not valid JSON (${terminalSafe((err as Error).message)}).\n`,
    );
    return 2;
  }
  const parsed = parseReport(value);
  if (!parsed.ok) {
    io.stderr(
      `rotwatch report: ${terminalSafe(from)} is not a rotwatch/report@1 report:\n${parsed.problems.map((p) => `  - ${terminalSafe(p)}\n`).join('')}`,
    );
    return 2;
  }
  // Another language changes the words only: the data, codes and field names stay as they are.
  const report = args.language ? inLanguage(parsed.report, args.language) : parsed.report;
  const output = (() => {
    switch (args.format) {
      case 'md':
        return renderMarkdown(report);
      case 'html':
        return renderHtml(report);
      case 'csv':
        return renderCsv(report);
      case 'junit':
        return renderJunit(report, { failOn });
      case 'github':
        return renderGithub(report, { failOn });
      case 'json':
        return `${JSON.stringify(report, null, 2)}\n`;
      case 'summary':
        return renderSummary(report);
    }
  })();
  if (args.out) {
    const out = resolve(io.cwd, args.out);
    try {
      await ensureDir(dirname(out));
      await writeFileAtomic(out, output);
    } catch (err) {
      io.stderr(
        `rotwatch report: cannot write ${terminalSafe(out)} (${terminalSafe((err as Error).message)}).\n`,
      );
      return 2;
    }
    io.stderr(`rotwatch report: wrote ${terminalSafe(out)}\n`);
    return 0;
  }
  io.stdout(output);
  return 0;
}
