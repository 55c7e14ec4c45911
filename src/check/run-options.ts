// What a caller gives `runCheck` and what it gets back: in a file of their own so the run's
// steps (pipeline, outputs, the library) can name them without importing the run itself.
import type { FetcherOptions } from '../fetch/index.js';
import type { Logger } from '../log.js';
import type { Report, ReportSource } from '../model/index.js';
import type { ExitCode } from './exit-code.js';
import type { RunDisposition } from './publish.js';

export interface RunCheckOptions {
  cwd?: string;
  /** Catalogue YAML files or directories, .txt URL lists, .md files. Default: `catalogue/`. */
  inputs?: string[];
  /** Default: rotwatch.config.yaml in cwd, if present. */
  configFile?: string;
  /** The text of standard input, read by the caller, for the input `-` (a URL list). */
  stdin?: string;
  /** Settings that win over the config file (the CLI's options). */
  overrides?: Record<string, unknown>;
  signal?: AbortSignal;
  logger?: Logger;
  /**
   * Where the human summary and progress line go (default: nowhere). `isTTY`: stderr is a
   * terminal, so the live progress line is drawn there.
   */
  out?: { stdout?: (s: string) => void; stderr?: (s: string) => void; isTTY?: boolean };
  /** dns.lookup replacement (tests map test host names to loopback addresses). */
  lookup?: FetcherOptions['lookup'];
  now?: () => Date;
  /**
   * Continue the newest unfinished run of the history (killed, or interrupted) instead of
   * starting one: only the URLs it had not recorded are checked, then the run is finished under
   * its own id. `true` (`--resume`) says so when there is nothing to resume and runs normally;
   * `'auto'` (the worker) does the same silently.
   */
  resume?: boolean | 'auto';
  /**
   * Also return the whole report as one object (`result.report`), read back from the history
   * once every file is written. Default true, for library callers and tests; the command line
   * passes false: a run of a million links is then never held in memory, only streamed from
   * the history to each file, and `result.head` has its run, counts and fixed links.
   */
  collect?: boolean;
  /**
   * Called once every file is written, while the history is still open: the run's report as a
   * stream (`links()` read as often as needed, never held), for a caller that must read more of
   * it than `head` (the worker renders its e-mail there). Not called when no report was made.
   * It must not throw.
   */
  onReport?: (source: ReportSource) => Promise<void>;
  /**
   * Settle each link (report line, next state) as soon as it is recorded, once the network is
   * certainly up, rather than all after the last answer (default true; see early-settle.ts).
   * false settles everything at the end, as before: the two must give the same report.
   */
  settleEarly?: boolean;
}

export interface RunCheckResult {
  /** The whole report; null when the run stopped before checking, or with `collect: false`. */
  report: Report | null;
  /** The report without its links (run, summary, fixed, history), whenever a run was made. */
  head?: ReportSource['head'];
  exitCode: ExitCode;
  written: string[];
  /** Problems with the config, inputs or state, each naming file:line. */
  problems: string[];
  /** What the run replaced and recorded (absent when it stopped before checking). */
  disposition?: RunDisposition;
}
