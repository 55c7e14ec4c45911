// Once a run is checked and settled, what it leaves behind: its line in the history, the
// report files, the summary on stdout, the journal finished or discarded, and the exit code.
// The check is done by then: a file that cannot be written is a problem to report, never a
// crash that loses the rest.
import { join, resolve } from 'node:path';
import type { CheckOptions } from '../config/options.js';
import { writeFileAtomic } from '../fs/atomic.js';
import {
  collectReport,
  failingStatuses,
  jsonChunks,
  renderSummaryFacts,
  slotPath,
  summaryFactOptions,
  summaryFactsFrom,
  writeReports,
} from '../report/index.js';
import { plural } from '../report/view.js';
import type { HistoryStore } from '../store/index.js';
import { HISTORY_IN_REPORT } from './assemble.js';
import { exitCodeOf } from './exit-code.js';
import type { CheckedRun } from './pipeline.js';
import { dispositionOf } from './publish.js';
import type { RunCheckOptions, RunCheckResult } from './run-options.js';

/** What was known of the run's inputs before it was checked. */
export interface InputFacts {
  /** Inputs that could not be read whole. */
  unread: number;
  /** Problems with the inputs (bad lines included). */
  problems: number;
  /** Only part of the catalogue was asked for. */
  subset: boolean;
}

export type OutputContext = Pick<RunCheckOptions, 'out' | 'logger' | 'collect' | 'onReport'> & {
  cwd: string;
  options: CheckOptions;
  reportDir: string;
};

/** Records, writes and says what the checked run found; `problems` gathers what went wrong. */
export async function publishChecked(
  store: HistoryStore,
  checked: CheckedRun,
  inputCounts: InputFacts,
  problems: string[],
  ctx: OutputContext,
): Promise<RunCheckResult> {
  const { options, cwd, reportDir } = ctx;
  const head = checked.source.head;
  const written: string[] = [];
  const disposition = dispositionOf({
    complete: head.run.complete,
    unreadInputs: inputCounts.unread,
    subset: inputCounts.subset,
  });
  // Forgetting links no input cites needs every input read, every line included.
  const forget = disposition.forgetUnseen && inputCounts.problems === 0;
  // The check is done: a file that cannot be written is a problem to report (exit 2), not a
  // crash that loses the summary and every other file.
  const attempt = async (what: string, write: () => Promise<string[]>): Promise<boolean> => {
    try {
      written.push(...(await write()));
      return true;
    } catch (err) {
      problems.push(`${what}: cannot write: ${(err as Error).message}`);
      return false;
    }
  };
  await attempt(store.location, async () => {
    if (disposition.recordRun) await store.writeRun(checked.record, HISTORY_IN_REPORT);
    if (forget) await store.journal.pruneLinksOutside(checked.runId);
    return [];
  });
  const writing = performance.now();
  // Every file is streamed from the history's journal: the links are read once per file.
  const reportsWritten = await attempt(options.reportDir, () =>
    writeReports(checked.source, {
      dir: reportDir,
      formats: options.formats,
      retain: options.retain,
      failOn: options.failOn,
      slot: disposition.reports,
      htmlMaxOkLinks: options.htmlMaxOkLinks,
      ...(checked.rows ? { rows: checked.rows } : {}),
    }),
  );
  ctx.logger?.debug({ ms: Math.round(performance.now() - writing) }, 'reports written');
  const json = options.json;
  if (json) {
    await attempt(json, async () => {
      const file = slotPath(resolve(cwd, json), disposition.reports);
      await writeFileAtomic(file, jsonChunks(checked.source, checked.rows));
      return [file];
    });
  }
  // Quiet leaves out counts and moved links, never the failures: silence means nothing broke.
  // Gathered in one pass holding only the links it names, before a failed run is discarded.
  const summaryOptions = options.quiet ? { failuresOnly: failingStatuses(options.failOn) } : {};
  const facts = await summaryFactsFrom(checked.source, summaryFactOptions(summaryOptions));
  const report = ctx.collect === false ? null : await collectReport(checked.source);
  await ctx.onReport?.(checked.source);
  if (disposition.reports === 'failed') {
    // Nothing of it is kept: neither `rotwatch report` nor a resume may take it up.
    await attempt(store.location, async () => {
      await store.journal.discard(checked.runId);
      return [];
    });
    problems.push(
      `${plural(inputCounts.unread, 'input')} could not be read: this run is not published (report in ${join(options.reportDir, 'latest.failed.json')}; latest.* and the history are unchanged)`,
    );
  } else if (head.run.complete && !reportsWritten) {
    // The previous reports are still in place (write.ts). Unfinished, the run can still give
    // its own: `--resume` checks nothing again and writes them.
    problems.push(
      `the reports of run ${checked.runId} were not written (${join(options.reportDir, 'latest.*')} still holds the previous run's); once the cause is fixed, \`rotwatch check --resume\` with the same inputs writes them without checking any link again`,
    );
  } else if (head.run.complete) {
    // An interrupted run stays unfinished in the journal: `--resume` completes it.
    await attempt(store.location, async () => {
      await store.journal.finish(checked.runId, head);
      return [];
    });
  }
  const summary = renderSummaryFacts(facts, summaryOptions);
  if (summary) ctx.out?.stdout?.(summary);
  if (disposition.reports === 'partial') {
    ctx.out?.stderr?.(
      `Interrupted: the partial report is in ${join(options.reportDir, 'latest.partial.json')}; latest.* still holds the last complete run.\n`,
    );
  }
  for (const p of problems) ctx.out?.stderr?.(`${p}\n`);
  const exitCode = disposition.failed ? 2 : exitCodeOf(head, options.failOn, problems.length > 0);
  return { report, head, exitCode, written, problems, disposition };
}
