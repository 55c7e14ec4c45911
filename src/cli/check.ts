import { runCheck } from '../check/index.js';
import { messagesOf } from '../i18n/index.js';
import { STDIN_INPUT } from '../inputs/index.js';
import { createLogger } from '../log.js';
import type { CliIO } from './io.js';

/** Command-line options of `rotwatch check`, already parsed; undefined = not given. */
export interface CheckArgs {
  inputs: string[];
  config?: string;
  concurrency?: number;
  perHost?: number;
  perHostInterval?: number;
  timeout?: number;
  retries?: number;
  maxInputBytes?: number;
  /** Ok and skipped links the HTML page lists one by one at most (default 5,000). */
  htmlMaxOkLinks?: number;
  userAgent?: string;
  include?: string[];
  exclude?: string[];
  allowPrivateAddresses?: boolean;
  respectRobots?: boolean;
  reportDir?: string;
  json?: string;
  failOn?: string;
  quiet?: boolean;
  changedSince?: string;
  /** Where the run history lives (sqlite:PATH or a path). */
  store?: string;
  /** Continue the last unfinished run instead of starting one. */
  resume?: boolean;
  /** Language of the reports and messages (en, fr); wins over the config's report.language. */
  language?: string;
}

/** `rotwatch check`: runs the job; Ctrl-C stops cleanly and writes a report marked incomplete. */
export async function runCheckCommand(args: CheckArgs, io: CliIO): Promise<number> {
  const { inputs, config, resume, ...overrides } = args;
  const logger = createLogger({
    quiet: Boolean(args.quiet),
    // A terminal gets pino-pretty's lines on fd 2; anything else, JSON lines on our stderr.
    ...(io.stderrIsTTY ? {} : { pretty: false, write: io.stderr }),
  });
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++;
    if (interrupts > 1) process.exit(130); // a second Ctrl-C means "now"
    logger.warn(
      { signal },
      'stopping: in-flight requests are abandoned, the report will be marked incomplete',
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // `-`: a URL list on standard input, read here (the edge), once.
    let stdin: string | undefined;
    if (inputs.includes(STDIN_INPUT) && io.readStdin) {
      logger.debug('reading the URL list from standard input');
      // A signal ends the read: the run then stops at once, its report marked incomplete.
      stdin = await io.readStdin(controller.signal);
    }
    const result = await runCheck({
      cwd: io.cwd,
      inputs,
      ...(stdin !== undefined ? { stdin } : {}),
      ...(config ? { configFile: config } : {}),
      overrides,
      ...(resume ? { resume: true } : {}),
      signal: controller.signal,
      logger,
      out: { stdout: io.stdout, stderr: io.stderr, isTTY: Boolean(io.stderrIsTTY) },
      // The files are streamed from the history: a million links are never one object here.
      collect: false,
    });
    if (!result.head) {
      for (const p of result.problems) io.stderr(`${p}\n`);
      return result.exitCode;
    }
    // The summary already says the network was down; a quiet run has no summary to say it.
    if (result.exitCode === 3 && args.quiet) {
      io.stderr(`${messagesOf(result.head).summary.noNetwork}\n`);
    }
    // The summary on stdout tells the counts; the log keeps the details for those who ask.
    logger.debug(
      { exitCode: result.exitCode, written: result.written, summary: result.head.summary },
      'check finished',
    );
    return controller.signal.aborted ? 130 : result.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    logger.flush();
  }
}
