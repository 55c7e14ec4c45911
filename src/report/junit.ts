import type { Report } from '../model/index.js';
import { driftReasonsText, driftWhen } from './drift-view.js';
import { escapeXml as x } from './escape.js';
import {
  type FailOnLevel,
  failingStatuses,
  fileLine,
  type Row,
  remedyFor,
  rowsOf,
} from './view.js';

export interface JunitOptions {
  /** Which statuses are failures (default 'dead'); see FAIL_ON_LEVELS. */
  failOn?: FailOnLevel;
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
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rotwatch ${x(report.run.id)}" tests="${totalTests}" failures="${totalFailures}" errors="0" skipped="${totalSkipped}" time="${seconds(report)}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
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

function seconds(report: Report): string {
  const ms = Date.parse(report.run.finishedAt) - Date.parse(report.run.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? (ms / 1000).toFixed(3) : '0';
}
