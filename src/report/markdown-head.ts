import type { Messages } from '../i18n/index.js';
import type { ReportSource, RunSummaryRecord } from '../model/index.js';
import { VERDICTS } from '../model/index.js';
import { markdownCode } from './escape.js';
import { brokenCount, notCheckedText } from './view.js';

/** Past runs shown in the trend line. */
const TREND_RUNS = 8;

export type DigestHead = ReportSource['head'];

/** What the head of the digest needs from its links (markdown.ts gathers it). */
export interface HeadFacts {
  notChecked: number;
  guardHint: string | null;
}

/**
 * The digest's lines under its title: the introduction, the counts against the last full run,
 * and the trend of broken links over the last runs; each block followed by a blank line.
 */
export function digestHeadLines(report: DigestHead, facts: HeadFacts, m: Messages): string[] {
  const out = [...intro(report, facts, m), '', ...countsTable(report, facts, m), ''];
  const trend = trendLine(report, facts, m);
  if (trend) out.push(trend, '');
  return out;
}

/** Broken links of the run, the ones not checked left out. */
function brokenOf(report: DigestHead, facts: HeadFacts): number {
  const s = report.summary;
  return (s.dead ?? 0) + (s.error ?? 0) + (s.blocked ?? 0) - facts.notChecked;
}

function intro(report: DigestHead, facts: HeadFacts, m: Messages): string[] {
  const { run, summary } = report;
  const lines = [
    m.digest.intro({
      run: markdownCode(run.id),
      total: summary.total,
      files: run.catalogues.length,
      broken: brokenOf(report, facts),
      notChecked: notCheckedText(facts.notChecked, m),
      moved: summary.redirected,
      fixed: report.fixed.length,
      drifted: summary.drifted ?? 0,
    }),
  ];
  if (!run.complete) lines.push('', `> ${m.digest.interrupted}`);
  const hint = facts.guardHint;
  if (hint)
    lines.push(
      '',
      `> ${hint.replace('--allow-private-addresses', '`--allow-private-addresses`').replace('check.allowPrivateAddresses: true', '`check.allowPrivateAddresses: true`')}`,
    );
  if (run.network.status === 'down') {
    lines.push(
      '',
      `> ${m.digest.networkDown(run.network.hostsUnreachable, run.network.hostsChecked)}`,
    );
  }
  return lines;
}

/**
 * Whether a past run's counts can be compared with a full run's: an interrupted run checked only
 * part of the catalogue, and a run with the network down counted every link as an error.
 */
function comparable(run: RunSummaryRecord): boolean {
  return run.complete && run.network === 'ok';
}

function countsTable(report: DigestHead, facts: HeadFacts, m: Messages): string[] {
  // Compared with the last run that checked everything: against a run interrupted after ten
  // links, every count would look like a jump.
  const previous = report.history.findLast(comparable)?.summary;
  const t = m.digest.table;
  const rows = [`| ${t.status} | ${t.links} | ${t.since} |`, '| --- | ---: | ---: |'];
  const n = m.number;
  // Errors the run could not look at are a row of their own: they are not failures.
  const notChecked = facts.notChecked;
  for (const status of VERDICTS) {
    const count = (report.summary[status] ?? 0) - (status === 'error' ? notChecked : 0);
    rows.push(`| ${m.verdict[status]} | ${n(count)} | ${delta(count, previous?.[status])} |`);
  }
  if (notChecked > 0) rows.push(`| ${m.notCheckedLabel} | ${n(notChecked)} |  |`);
  rows.push(
    `| **${t.total}** | **${n(report.summary.total)}** | ${delta(report.summary.total, previous?.total)} |`,
  );
  if (report.summary.drifted !== undefined) {
    rows.push(
      `| ${m.html.contentDrifted} | ${n(report.summary.drifted)} | ${delta(report.summary.drifted, previous?.drifted)} |`,
    );
  }
  return rows;
}

function delta(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  const d = now - before;
  return d > 0 ? `+${d}` : d < 0 ? `\u2212${-d}` : '0';
}

/** "Broken links over the last runs: 4 → 5 → 7 → **6** (this run)". */
function trendLine(report: DigestHead, facts: HeadFacts, m: Messages): string | null {
  const past = report.history.slice(-TREND_RUNS);
  if (past.length === 0) return null;
  const counts = past.map((r) => {
    const down = r.network === 'down';
    const count = brokenCount(r.summary, down);
    // A run that could not look at its links has no broken count to compare.
    if (count === null) return m.notCheckedLabel;
    if (comparable(r)) return m.number(count);
    const notChecked = r.summary.notChecked ?? 0;
    return `${m.number(count)} (${down ? m.digest.trendDown(notChecked) : m.digest.trendInterrupted})`;
  });
  const notCheckedNow = facts.notChecked;
  counts.push(
    `**${m.number(brokenOf(report, facts))}**${notCheckedNow > 0 ? ` (${m.digest.trendDown(notCheckedNow)})` : ''}`,
  );
  return m.digest.trend(counts.length, counts.join(' \u2192 '));
}
