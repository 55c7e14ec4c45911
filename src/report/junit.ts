import { tmpdir } from 'node:os';
import type { Report, ReportLink, ReportSource } from '../model/index.js';
import { driftReasonsText, driftWhen } from './drift-view.js';
import { escapeXml as x } from './escape.js';
import { contextFor, type LinkRows, type RowContext, rowText } from './link-rows.js';
import { Spool } from './spool.js';
import {
  type FailOnLevel,
  failingStatuses,
  fileLine,
  type Row,
  remedyFor,
  rowsOf,
  rowsOfLink,
} from './view.js';

export interface JunitOptions {
  /** Which statuses are failures (default 'dead'); see FAIL_ON_LEVELS. */
  failOn?: FailOnLevel;
  /** junitChunks only: where test cases wait for their suite (default: the OS temp folder). */
  spoolDir?: string;
  /** junitChunks only: test-case text held in memory before it goes to the spool files. */
  spoolMemoryBytes?: number;
  /** junitChunks only: test cases rendered ahead of time (link-rows.ts). */
  rows?: LinkRows;
}

/**
 * JUnit XML for CI test reporters: a testsuite per catalogue file, a testcase per entry and
 * link (with `file` and `line` attributes pointing at the catalogue line), a failure for each
 * link whose status the fail-on policy counts, `skipped` for skipped links.
 */
export function renderJunit(report: Report, opts: JunitOptions = {}): string {
  const failing = failingStatuses(opts.failOn ?? 'dead');
  const suites = new Map<string, Row[]>();
  for (const row of rowsOf(report)) {
    const file = row.entry?.file ?? '(no catalogue)';
    const list = suites.get(file) ?? [];
    list.push(row);
    suites.set(file, list);
  }
  let totalFailures = 0;
  let totalSkipped = 0;
  let totalTests = 0;
  const body: string[] = [];
  for (const file of [...suites.keys()].sort()) {
    const rows = suites.get(file) ?? [];
    const failures = rows.filter((r) => failing.has(r.link.status)).length;
    const skipped = rows.filter((r) => r.link.status === 'skipped').length;
    totalFailures += failures;
    totalSkipped += skipped;
    totalTests += rows.length;
    body.push(
      `  <testsuite name="${x(file)}" tests="${rows.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${x(report.run.startedAt)}" time="0">`,
    );
    for (const row of rows) body.push(testcase(row, failing.has(row.link.status)));
    body.push('  </testsuite>');
  }
  return [
    ...prologue(report, { tests: totalTests, failures: totalFailures, skipped: totalSkipped }),
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

function prologue(head: ReportSource['head'], totals: Counts): string[] {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rotwatch ${x(head.run.id)}" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}" time="${seconds(head)}">`,
  ];
}

/**
 * The same file as renderJunit, from a stream of links. Suites group test cases by catalogue
 * file and open with their counts, while links come by URL: each test case waits in a spool
 * (bounded memory, then a temp file per catalogue file) until the counts are known.
 */
export async function* junitChunks(
  source: ReportSource,
  opts: JunitOptions = {},
): AsyncGenerator<string> {
  const failOn = opts.failOn ?? 'dead';
  const failing = failingStatuses(failOn);
  const cases = junitCases(failOn);
  const spool = await Spool.create(opts.spoolDir ?? tmpdir(), opts.spoolMemoryBytes);
  try {
    const suites = new Map<string, Counts>();
    const totals: Counts = { tests: 0, failures: 0, skipped: 0 };
    for await (const link of source.links()) {
      const failed = failing.has(link.status);
      for (const { file, text } of rowText(opts.rows, cases, link)) {
        const counts = suites.get(file) ?? { tests: 0, failures: 0, skipped: 0 };
        suites.set(file, counts);
        for (const c of [counts, totals]) {
          c.tests++;
          if (failed) c.failures++;
          if (link.status === 'skipped') c.skipped++;
        }
        await spool.append(file, text);
      }
    }
    yield `${prologue(source.head, totals).join('\n')}\n`;
    for (const file of [...suites.keys()].sort()) {
      const c = suites.get(file) as Counts;
      yield `  <testsuite name="${x(file)}" tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}" timestamp="${x(source.head.run.startedAt)}" time="0">\n`;
      yield* spool.read(file);
      yield '  </testsuite>\n';
    }
    yield '</testsuites>\n';
  } finally {
    await spool.close();
  }
}

/** A link's test cases, one per catalogue place, each with its suite (file) and line end. */
export const junitCases: (failOn: FailOnLevel) => RowContext<readonly JunitCase[]> = contextFor(
  (failOn: FailOnLevel) => {
    const failing = failingStatuses(failOn);
    return {
      render: (link: ReportLink) =>
        rowsOfLink(link).map((row) => ({
          file: row.entry?.file ?? '(no catalogue)',
          text: `${testcase(row, failing.has(link.status))}\n`,
        })),
    };
  },
);

interface JunitCase {
  file: string;
  text: string;
}

function testcase({ link, entry }: Row, failed: boolean): string {
  const name = entry ? `${entry.id}: ${link.url}` : link.url;
  const where = entry ? ` file="${x(entry.file)}" line="${entry.line}"` : '';
  const open = `    <testcase classname="${x(entry?.file ?? 'rotwatch')}" name="${x(name)}"${where} time="0"`;
  const summary = `${link.status}${link.reason ? ` (${link.reason})` : ''}: ${link.message}`;
  if (failed) {
    return `${open}>\n      <failure type="${x(link.reason ?? link.status)}" message="${x(summary)}">${x(details({ link, entry }))}</failure>\n    </testcase>`;
  }
  if (link.status === 'skipped') {
    return `${open}>\n      <skipped message="${x(summary)}"/>\n    </testcase>`;
  }
  // Drift does not fail a test (the verdict stands): it is told in the test's output.
  if (link.status !== 'ok' || link.drift) {
    return `${open}>\n      <system-out>${x(details({ link, entry }))}</system-out>\n    </testcase>`;
  }
  return `${open}/>`;
}

function details({ link, entry }: Row): string {
  const lines = [
    `URL: ${link.url}`,
    `Status: ${link.status}${link.reason ? ` (${link.reason})` : ''}`,
    `Message: ${link.message}`,
  ];
  if (entry) lines.push(`Entry: ${entry.id}, ${entry.title} (${fileLine(entry)})`);
  if (link.finalUrl && link.finalUrl !== link.url) lines.push(`Final URL: ${link.finalUrl}`);
  const remedy = remedyFor(link);
  if (remedy.kind === 'new-url') lines.push(`New URL: ${remedy.url}`);
  if (remedy.kind === 'archive') lines.push(`Archived copy (${remedy.date}): ${remedy.url}`);
  if (remedy.kind === 'no-archive') lines.push(`No archived copy: ${remedy.reason}`);
  const d = link.drift;
  if (d) {
    lines.push(
      `Content ${d.confirmed ? 'drifted' : 'changed'} (${d.reasons.join(', ')}): ${driftReasonsText(d)}; ${driftWhen(d)}.`,
    );
    if (d.title !== null) lines.push(`Page title: ${d.title}`);
    if (d.previousTitle !== null && d.previousTitle !== d.title)
      lines.push(`Page title before: ${d.previousTitle}`);
  }
  return lines.join('\n');
}

function seconds(head: ReportSource['head']): string {
  const ms = Date.parse(head.run.finishedAt) - Date.parse(head.run.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? (ms / 1000).toFixed(3) : '0';
}
