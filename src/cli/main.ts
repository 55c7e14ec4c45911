import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { LANGUAGES } from '../i18n/language.js';
import { VERSION } from '../version.js';
import type { CheckRunner } from '../worker/types.js';
import { runCatalogueCommand } from './catalogue.js';
import { runCheckCommand } from './check.js';
import { addCheckRunOptions, int, pickCheckOverrides } from './check-options.js';
import { runFixCommand } from './fix.js';
import { runImportCommand } from './import.js';
import { type CliIO, processIO } from './io.js';
import { runReportCommand } from './report.js';
import { runStatusCommand } from './status.js';
import { runWorkerCommand, type WorkerCommandDeps } from './worker.js';

/** What the commands run, replaceable in tests (a worker whose checks are stand-ins). */
export interface ProgramDeps {
  runCheck?: CheckRunner['runCheck'];
  worker?: Omit<WorkerCommandDeps, 'runCheck'>;
}

/** Builds the command tree; each action stores its exit code in `exit`. */
export function buildProgram(
  io: CliIO,
  exit: (code: number) => void,
  deps: ProgramDeps = {},
): Command {
  const program = new Command('rotwatch')
    .description('Link-health and metadata crawler for catalogues of references.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  addCheckRunOptions(
    program
      .command('check')
      .description('check every URL of the catalogues (default: every file in catalogue/)')
      .argument(
        '[inputs...]',
        'catalogue YAML files or directories, .txt URL lists, Markdown files, http(s) URLs, - (URL list on stdin)',
      )
      .option('-c, --config <file>', 'config file (default: rotwatch.config.yaml if present)')
      // Only check: the worker resumes an unfinished run by itself.
      .option('--resume', 'finish the last unfinished run: check only what it had not recorded'),
  ).action(async (inputs: string[], opts) => exit(await runCheckCommand({ inputs, ...opts }, io)));

  program
    .command('catalogue')
    .description('load and validate catalogues; print a summary or the entries as JSON')
    .argument('[files...]', 'catalogue YAML files (default: every file in catalogue/)')
    .option('--json', 'print the entries as a JSON array')
    .action(async (files: string[], opts) =>
      exit(await runCatalogueCommand({ files, json: Boolean(opts.json) }, io)),
    );

  program
    .command('import')
    .description('turn a dossier documentaire (PDF text extraction) into a catalogue file')
    .argument('<dossier>', 'the dossier text file')
    .option('-o, --out <file>', 'write the catalogue here (default: stdout)')
    .option(
      '--min-confidence <0..1>',
      'list URL assignments below this confidence for review (default 0.5)',
      (v: string) => {
        const n = Number(v);
        if (!(n >= 0 && n <= 1))
          throw new InvalidArgumentError('--min-confidence takes a number from 0 to 1');
        return n;
      },
    )
    .action(async (input: string, opts) => exit(await runImportCommand({ input, ...opts }, io)));

  program
    .command('report')
    .description('render a report again from a JSON report, without re-checking')
    .option('--from <file>', 'JSON report (default: reports/latest.json)')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['md', 'html', 'csv', 'junit', 'github', 'json', 'summary'])
        .default('md'),
    )
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option(
      '--store [url]',
      'render the last finished run of this run history instead of a JSON file (default: history.sqlite in the report dir)',
    )
    .option('--report-dir <dir>', 'where the default run history is (default: reports/)')
    .addOption(
      new Option(
        '--html-max-ok-links <n>',
        'html: ok and skipped links listed one by one; above, they are counted (default 5000)',
      ).argParser(int('--html-max-ok-links')),
    )
    .addOption(
      new Option(
        '--language <lang>',
        'language of the human texts (default: the language the report was written in)',
      ).choices([...LANGUAGES]),
    )
    .addOption(
      new Option('--fail-on <level>', 'for junit/github').choices([
        'dead',
        'redirected',
        'error',
        'none',
      ]),
    )
    .action(async (opts) => exit(await runReportCommand(opts, io)));

  program
    .command('fix')
    .description('edit the catalogues from the last complete report: moved URLs, archived copies')
    .argument('[catalogues...]', 'catalogue YAML files or directories (default: catalogue/)')
    .option('-c, --config <file>', 'config file (default: rotwatch.config.yaml if present)')
    .option('--report-dir <dir>', 'where the last report and the history are (default: reports/)')
    .option(
      '--store <path>',
      'the run history, as for check (default: history.sqlite in the report dir)',
    )
    .option('--write', 'apply the edits (default: print them as a diff)')
    .option('--plan <file>', 'write the edits as a JSON plan to review and prune')
    .option('--apply <file>', 'apply a (pruned) JSON plan')
    .option('--max-edits <n>', 'at most this many edits in one run', int('--max-edits'))
    .option(
      '--enrich',
      'also fill missing dates, creators and DOI links from the pages (shown, or planned; never with --write)',
    )
    .addOption(
      new Option(
        '--language <lang>',
        "language of the summary, reasons and pull request (default: the report's own)",
      ).choices([...LANGUAGES]),
    )
    .option(
      '--pull-request <file>',
      'also write the pull request for these edits: title, blank line, description (Markdown)',
    )
    .action(async (catalogues: string[], opts) =>
      exit(await runFixCommand({ catalogues, ...opts }, io)),
    );

  addCheckRunOptions(
    program
      .command('worker')
      .description('run check on a schedule until stopped (default: Mondays 06:00 Europe/Paris)')
      .argument('[inputs...]', 'what each run checks, as for check (default: catalogue/)')
      .option('-c, --config <file>', 'config file (default: rotwatch.config.yaml if present)')
      .option('--cron <expression>', 'schedule, cron syntax (node-cron; 6 fields allow seconds)')
      .option('--timezone <tz>', 'IANA time zone of the schedule')
      .option('--run-now', 'also run once at start')
      .addOption(
        new Option('--notify <when>', 'when to deliver the report').choices([
          'always',
          'changes',
          'failures',
        ]),
      ),
  ).action(async (inputs: string[], opts) => {
    const runCheck = deps.runCheck ?? (await import('../check/index.js')).runCheck;
    exit(
      await runWorkerCommand(
        {
          inputs,
          configFile: opts.config,
          cron: opts.cron,
          timezone: opts.timezone,
          runNow: opts.runNow,
          notify: opts.notify,
          // Every check option, as `check` takes it: each run is that check.
          checkOverrides: pickCheckOverrides(opts),
        },
        io,
        { ...deps.worker, runCheck },
      ),
    );
  });

  program
    .command('status')
    .description('when the worker last ran, how it ended, and when the next run is due')
    .option('--report-dir <dir>', 'reports directory (default: reports/)')
    .option('--json', 'print the status as JSON')
    .option(
      '--store [url]',
      'also read the run history: its last finished run and any unfinished one (default: history.sqlite in the report dir); a postgres:// store: its snapshot (verdicts of every link, overdue, never checked, oldest check) and the runs in progress',
    )
    .action(async (opts) => exit(await runStatusCommand(opts, io)));

  return program;
}

export async function main(
  argv: string[],
  io: CliIO = processIO(),
  deps: ProgramDeps = {},
): Promise<number> {
  let code = 0;
  const program = buildProgram(
    io,
    (c) => {
      code = c;
    },
    deps,
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every usage error is exit code 2 (contract).
      return err.exitCode === 0 ? 0 : 2;
    }
    throw err;
  }
  return code;
}
