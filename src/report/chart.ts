import type { Report, Verdict } from '../model/index.js';
import { escapeHtml as h } from './escape.js';

/** Runs drawn in the chart: the latest past runs plus this one. */
const MAX_BARS = 26;
const WIDTH = 640;
const HEIGHT = 160;
const PAD_LEFT = 36;
const PAD_BOTTOM = 20;

/** Bottom to top: healthy first, so the failing part sits on top where the eye lands. */
const STACK: Verdict[] = ['ok', 'skipped', 'redirected', 'blocked', 'error', 'dead'];

export const STATUS_COLOURS: Record<Verdict, string> = {
  ok: '#2e7d32',
  redirected: '#1565c0',
  dead: '#c62828',
  error: '#ef6c00',
  blocked: '#6a1b9a',
  skipped: '#9e9e9e',
};

interface Bar {
  label: string;
  current: boolean;
  /** "network down", "interrupted": why this run's numbers are not comparable. */
  note: string | null;
  summary: Record<Verdict, number> & { total: number };
}

/**
 * A stacked bar chart of link health per run (past runs from `history`, then this run), as
 * inline SVG: no script, no external resource. Numbers are ours; dates are escaped anyway.
 */
export function renderHealthChart(report: Report): string {
  const bars: Bar[] = [
    ...report.history.map((r) => ({
      label: r.startedAt.slice(0, 10),
      current: false,
      note: runNote(r.network === 'down', r.complete),
      summary: r.summary,
    })),
    {
      label: report.run.startedAt.slice(0, 10),
      current: true,
      note: runNote(report.run.network.status === 'down', report.run.complete),
      summary: report.summary,
    },
  ].slice(-MAX_BARS);
  const max = Math.max(1, ...bars.map((b) => STACK.reduce((n, s) => n + (b.summary[s] ?? 0), 0)));
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
    const tip = STACK.filter((s) => (bar.summary[s] ?? 0) > 0)
      .map((s) => `${bar.summary[s]} ${s}`)
      .join(', ');
    parts.push(
      `<g class="bar${bar.current ? ' current' : ''}"><title>${h(`${bar.label}${bar.current ? ' (this run)' : ''}${bar.note ? ` (${bar.note})` : ''}: ${tip || 'no links'}`)}</title>`,
    );
    for (const status of STACK) {
      const n = bar.summary[status] ?? 0;
      if (n <= 0) continue;
      const height = (n / max) * plotH;
      y -= height;
      parts.push(
        `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(barW)}" height="${fmt(height)}" fill="${STATUS_COLOURS[status]}"/>`,
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
  const desc = `Link health over ${bars.length} run${bars.length === 1 ? '' : 's'}`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${h(desc)}">${parts.join('')}</svg>`;
}

function runNote(networkDown: boolean, complete: boolean): string | null {
  const notes = [networkDown ? 'network down' : '', complete ? '' : 'interrupted'].filter(Boolean);
  return notes.length > 0 ? notes.join(', ') : null;
}

function fmt(n: number): string {
  return n.toFixed(1);
}
