import { type Command, InvalidArgumentError, Option } from 'commander';
import { LANGUAGES } from '../i18n/language.js';

const INTEGER_TEXT = /^\s*\d+\s*$/;

/** A whole number from the command line: digits only ('' , '0x10', '1e3' are refused). */
export const int = (name: string) => (value: string) => {
  const n = INTEGER_TEXT.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`${name} takes a whole number`);
  return n;
};
const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The options of one check run, defined once and registered on `check` and on `worker`: the
 * same names, parsing and meaning on both (each worker run is a check with these settings).
 * Every one is also a key of the config file's `check:` section; the command line wins.
 */
export function checkRunOptions(): Option[] {
  return [
    new Option('--concurrency <n>', 'requests in flight at once, all hosts together').argParser(
      int('--concurrency'),
    ),
    new Option('--per-host <n>', 'requests in flight at once to one host').argParser(
      int('--per-host'),
    ),
    new Option(
      '--per-host-interval <ms>',
      'minimum gap between request starts to one host',
    ).argParser(int('--per-host-interval')),
    new Option('--timeout <ms>', 'timeout of one attempt (connect, headers, body idle)').argParser(
      int('--timeout'),
    ),
    new Option('--retries <n>', 'extra attempts for timeouts, resets, 5xx, 429').argParser(
      int('--retries'),
    ),
    new Option('--user-agent <string>', 'User-Agent header'),
    new Option(
      '--max-input-bytes <n>',
      'largest catalogue or Markdown file read (default 5 MiB; .txt lists have no cap)',
    ).argParser(int('--max-input-bytes')),
    new Option(
      '--html-max-ok-links <n>',
      'ok and skipped links the HTML page lists one by one; above, it counts them (default 5000)',
    ).argParser(int('--html-max-ok-links')),
    new Option('--include <regexp>', 'check only URLs matching (repeatable)').argParser(collect),
    new Option('--exclude <regexp>', 'skip URLs matching (repeatable)').argParser(collect),
    new Option('--allow-private-addresses', 'allow loopback, private and link-local addresses'),
    new Option('--respect-robots', 'consult robots.txt and skip disallowed URLs'),
    new Option('--report-dir <dir>', 'where reports and the run history go (default: reports/)'),
    new Option('--json <file>', 'also write the JSON report to this file'),
    new Option('--fail-on <level>', 'what makes the exit code 1 (default: dead)').choices([
      'dead',
      'redirected',
      'error',
      'none',
    ]),
    new Option(
      '--changed-since <git-ref>',
      'check only URLs on lines added or changed since this git ref',
    ),
    new Option(
      '--store <path>',
      'run history: sqlite:PATH or a path (default: history.sqlite in the report dir)',
    ),
    new Option(
      '--language <lang>',
      "language of the reports and messages (default: report.language, else the catalogue's, else en)",
    ).choices([...LANGUAGES]),
    new Option(
      '-q, --quiet',
      'no summary on stdout, only the failing links; warnings only in logs',
    ),
  ];
}

/** The parsed-options keys of the check options (camelCase, as commander names them). */
export const CHECK_RUN_KEYS: readonly string[] = checkRunOptions().map((o) => o.attributeName());

export function addCheckRunOptions(command: Command): Command {
  for (const option of checkRunOptions()) command.addOption(option);
  return command;
}

/** The check options among a command's parsed options (given ones only). */
export function pickCheckOverrides(opts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    CHECK_RUN_KEYS.filter((k) => opts[k] !== undefined).map((k) => [k, opts[k]]),
  );
}
