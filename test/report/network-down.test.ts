import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/check/index.js';
import { renderMarkdown } from '../../src/report/index.js';
import { link, sampleReport } from './fixtures.js';

describe('a run whose own network was down', () => {
  const report = sampleReport();
  report.run.network = { status: 'down', hostsChecked: 3, hostsUnreachable: 3 };
  report.links = [
    link('https://a.example.org/x', {
      status: 'error',
      reason: 'network-down',
      message: 'Not checked conclusively.',
      newFailure: false,
    }),
  ];
  report.fixed = [];

  it('lists no link as broken in the digest, and says why', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('network looked down');
    expect(md).not.toContain('https://a.example.org/x');
  });

  it('exits 3 whatever --fail-on says', () => {
    expect(exitCodeFor(report, 'none', false)).toBe(3);
    expect(exitCodeFor(report, 'dead', true)).toBe(3);
  });
});

describe('exit codes', () => {
  const withStatus = (status: 'ok' | 'redirected' | 'error' | 'dead' | 'blocked') => {
    const r = sampleReport();
    r.run.network = { status: 'ok', hostsChecked: 1, hostsUnreachable: 0 };
    r.links = [link('https://a.example.org/x', { status })];
    return r;
  };
  it('follow the --fail-on levels: dead < error < redirected in strictness', () => {
    expect(exitCodeFor(withStatus('dead'), 'dead', false)).toBe(1);
    expect(exitCodeFor(withStatus('error'), 'dead', false)).toBe(0);
    expect(exitCodeFor(withStatus('error'), 'error', false)).toBe(1);
    expect(exitCodeFor(withStatus('redirected'), 'error', false)).toBe(0);
    expect(exitCodeFor(withStatus('redirected'), 'redirected', false)).toBe(1);
    expect(exitCodeFor(withStatus('blocked'), 'redirected', false)).toBe(0);
    expect(exitCodeFor(withStatus('dead'), 'none', false)).toBe(0);
    expect(exitCodeFor(withStatus('ok'), 'dead', true)).toBe(2);
  });
});

describe('the terminal summary of a network-down run', () => {
  it('says the run was inconclusive and lists no link', async () => {
    const { renderSummary } = await import('../../src/report/index.js');
    const report = sampleReport();
    report.run.network = { status: 'down', hostsChecked: 3, hostsUnreachable: 3 };
    report.links = [
      link('https://a.example.org/x', { status: 'error', reason: 'network-down', message: 'x' }),
    ];
    const text = renderSummary(report);
    expect(text).toMatch(/network looked down/i);
    expect(text).not.toContain('https://a.example.org/x');
  });
});

describe('a network-down run reads "not checked", never "broken"', () => {
  const offline = (withField: boolean) => {
    const report = sampleReport();
    report.run.network = { status: 'down', hostsChecked: 3, hostsUnreachable: 3 };
    report.links = [
      'https://a.example.org/x',
      'https://b.example.org/y',
      'https://c.example.org/z',
    ].map((url) => link(url, { status: 'error', reason: 'network-down', message: 'Not checked.' }));
    report.summary = { ok: 0, redirected: 0, dead: 0, error: 3, blocked: 0, skipped: 0, total: 3 };
    if (withField) report.summary.notChecked = 3;
    report.fixed = [];
    return report;
  };

  for (const withField of [true, false]) {
    const label = withField ? '' : ' (older report without summary.notChecked)';
    it(`says so in the digest, the HTML badges and the terminal${label}`, async () => {
      const { renderHtml, renderSummary } = await import('../../src/report/index.js');
      const report = offline(withField);
      const md = renderMarkdown(report);
      expect(md).toContain(
        '3 links checked from 2 catalogue files, 0 broken, 3 not checked (network down)',
      );
      expect(md).toContain('| error | 0 |');
      expect(md).toContain('| not checked (network down) | 3 |');
      expect(md).toContain('**0** (network down, 3 not checked)');
      const html = renderHtml(report);
      expect(html).toContain('broken: <strong>0</strong>');
      expect(html).toContain('not checked (network down): <strong>3</strong>');
      expect(html).toContain('error: <strong>0</strong>');
      const text = renderSummary(report);
      expect(text.split('\n')[0]).toBe(
        'rotwatch: 3 links checked: 0 broken, 3 not checked (network down)',
      );
    });
  }

  it('draws the run apart in the trend chart: no error colour, a dashed frame', async () => {
    const { renderHtml } = await import('../../src/report/index.js');
    const html = renderHtml(offline(true));
    const bar = html.match(/<g class="bar current network-down">.*?<\/g>/)?.[0] ?? '';
    expect(bar).toContain('3 not checked');
    expect(bar).toContain('class="not-checked-frame"');
    expect(bar).not.toContain('#ef6c00');
  });

  it('counts the links it could not look at in the summary', async () => {
    const { summarise } = await import('../../src/check/assemble.js');
    const summary = summarise([
      { status: 'error', reason: 'network-down' },
      { status: 'error', reason: 'http-503' },
      { status: 'ok', reason: null },
    ]);
    expect(summary).toMatchObject({ error: 2, ok: 1, total: 3, notChecked: 1 });
  });
});
