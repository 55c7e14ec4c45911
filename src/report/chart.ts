import { en, type Messages } from '../i18n/en.js';
import type { Report, Verdict } from '../model/index.js';
import { escapeHtml as h } from './escape.js';
import { type Counts, notCheckedCount } from './view.js';

/** Runs drawn in the chart: the latest past runs plus this one. */
const MAX_BARS = 26;
const WIDTH = 640;
const HEIGHT = 160;
const PAD_LEFT = 36;
const PAD_BOTTOM = 20;

export const STATUS_COLOURS: Record<Verdict, string> = {
  ok: '#2e7d32',
  redirected: '#1565c0',
  dead: '#c62828',
  error: '#ef6c00',
  blocked: '#6a1b9a',
  skipped: '#9e9e9e',
};

/** The part of a bar for links the run could not look at (network down): grey, never red. */
export const NOT_CHECKED_COLOUR = '#cfd8dc';
type Segment = Verdict | 'not-checked';
/** Bottom to top: healthy first, so the failing part sits on top where the eye lands. */
const SEGMENTS: Segment[] = [
  'ok',
  'skipped',
  'redirected',
  'not-checked',
  'blocked',
  'error',
  'dead',
];
const SEGMENT_COLOURS: Record<Segment, string> = {
  ...STATUS_COLOURS,
  'not-checked': NOT_CHECKED_COLOUR,
};

interface Bar {
  label: string;
  current: boolean;
  networkDown: boolean;
  /** "network down", "interrupted": why this run's numbers are not comparable. */
  note: string | null;
  segments: Record<Segment, number>;
}

/**
 * A run's counts as bar segments: the links not checked are taken out of `error`. A past run
 * with the network down, recorded before `notChecked` existed, has all its errors drawn as not
 * checked: such a run could look at nearly nothing, and its bar is marked apart anyway.
 */
function segmentsOf(summary: Counts, networkDown: boolean): Record<Segment, number> {
  const notChecked = summary.notChecked ?? (networkDown ? summary.error : 0);
  return {
    ok: summary.ok ?? 0,
    skipped: summary.skipped ?? 0,
    redirected: summary.redirected ?? 0,
    blocked: summary.blocked ?? 0,
    error: (summary.error ?? 0) - notChecked,
    dead: summary.dead ?? 0,
    'not-checked': notChecked,
  };
}

const PARENTHESISED_SUFFIX = / \(.*\)$/;

/**
 * A stacked bar chart of link health per run (past runs from `history`, then this run), as
 * inline SVG: no script, no external resource. Numbers are ours; dates are escaped anyway.
 */
export function renderHealthChart(report: Report, m: Messages = en): string {
  const bars: Bar[] = [
    ...report.history.map((r) => ({
      label: m.date(r.startedAt),
      current: false,
      networkDown: r.network === 'down',
      note: runNote(r.network === 'down', r.complete, m),
      segments: segmentsOf(r.summary, r.network === 'down'),
    })),
    {
      label: m.date(report.run.startedAt),
      current: true,
      networkDown: report.run.network.status === 'down',
      note: runNote(report.run.network.status === 'down', report.run.complete, m),
      segments: segmentsOf(
        { ...report.summary, notChecked: notCheckedCount(report) },
        report.run.network.status === 'down',
      ),
    },
  ].slice(-MAX_BARS);
  const max = Math.max(1, ...bars.map((b) => SEGMENTS.reduce((n, s) => n + b.segments[s], 0)));
  const plotW = WIDTH - PAD_LEFT - 4;
  const plotH = HEIGHT - PAD_BOTTOM - 8;
  const slot = plotW / bars.length;
  const barW = Math.max(4, Math.min(40, slot * 0.7));
  const parts: string[] = [];
  parts.push(
    `<line x1="${PAD_LEFT}" y1="${HEIGHT - PAD_BOTTOM}" x2="${WIDTH - 4}" y2="${HEIGHT - PAD_BOTTOM}" stroke="#888"/>`,
    `<text x="${PAD_LEFT - 4}" y="14" text-anchor="end" font-size="10">${max}</text>`,
    `<text x="${PAD_LEFT - 4}" y="${HEIGHT - PAD_BOTTOM}" text-anchor="end" font-size="10">0</text>`,
  );
  bars.forEach((bar, i) => {
    const x = PAD_LEFT + i * slot + (slot - barW) / 2;
    let y = HEIGHT - PAD_BOTTOM;
    const tip = SEGMENTS.filter((s) => bar.segments[s] > 0)
      .map((s) =>
        s === 'not-checked'
          ? m.notChecked(bar.segments[s]).replace(PARENTHESISED_SUFFIX, '')
          : `${m.number(bar.segments[s])} ${m.verdict[s]}`,
      )
      .join(', ');
    const classes = ['bar', bar.current ? 'current' : '', bar.networkDown ? 'network-down' : '']
      .filter(Boolean)
      .join(' ');
    parts.push(
      `<g class="${classes}"><title>${h(`${bar.label}${bar.current ? ` (${m.html.chart.thisRun})` : ''}${bar.note ? ` (${bar.note})` : ''}: ${tip || m.html.chart.noLinks}`)}</title>`,
    );
    for (const segment of SEGMENTS) {
      const n = bar.segments[segment];
      if (n <= 0) continue;
      const height = (n / max) * plotH;
      y -= height;
      parts.push(
        `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(barW)}" height="${fmt(height)}" fill="${SEGMENT_COLOURS[segment]}"/>`,
      );
    }
    if (bar.networkDown) {
      // Marked apart: a dashed frame over the whole bar, and a cross under it.
      const top = y;
      parts.push(
        `<rect class="not-checked-frame" x="${fmt(x)}" y="${fmt(top)}" width="${fmt(barW)}" height="${fmt(HEIGHT - PAD_BOTTOM - top)}" fill="none" stroke="#555" stroke-dasharray="3 2"/>`,
        `<text x="${fmt(x + barW / 2)}" y="${HEIGHT - PAD_BOTTOM + 9}" font-size="9" text-anchor="middle">\u00d7</text>`,
      );
    }
    parts.push('</g>');
  });
  const first = bars[0];
  const last = bars.at(-1);
  if (first && last) {
    parts.push(`<text x="${PAD_LEFT}" y="${HEIGHT - 5}" font-size="10">${h(first.label)}</text>`);
    if (bars.length > 1) {
      parts.push(
        `<text x="${WIDTH - 4}" y="${HEIGHT - 5}" font-size="10" text-anchor="end">${h(last.label)}</text>`,
      );
    }
  }
  const desc = m.html.chart.label(bars.length);
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${h(desc)}">${parts.join('')}</svg>`;
}

function runNote(networkDown: boolean, complete: boolean, m: Messages): string | null {
  const notes = [
    networkDown ? m.html.chart.networkDown : '',
    complete ? '' : m.html.chart.interrupted,
  ].filter(Boolean);
  return notes.length > 0 ? notes.join(', ') : null;
}

function fmt(n: number): string {
  return n.toFixed(1);
}
