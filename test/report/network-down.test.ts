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
