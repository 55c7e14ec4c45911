import { describe, expect, it } from 'vitest';
import { assessNetwork } from '../../src/classify/index.js';

const hosts = (failed: number, ok: number) => [
  ...Array.from({ length: failed }, (_, i) => ({
    host: `f${i}.example.org`,
    connectionFailed: true,
  })),
  ...Array.from({ length: ok }, (_, i) => ({ host: `o${i}.example.org`, connectionFailed: false })),
];

describe('assessNetwork', () => {
  const cases: [string, number, number, 'ok' | 'down'][] = [
    ['nothing checked', 0, 0, 'ok'],
    ['all fine', 0, 10, 'ok'],
    ['a few failures', 3, 7, 'ok'],
    ['just under threshold', 7, 3, 'ok'],
    ['exactly at threshold', 8, 2, 'down'],
    ['all failed', 10, 0, 'down'],
    ['three of three failed', 3, 0, 'down'],
    ['one host, failed', 1, 0, 'down'],
    ['two hosts, both failed', 2, 0, 'down'],
    ['two hosts, one failed', 1, 1, 'ok'],
  ];
  it.each(cases)('%s', (_n, failed, ok, status) => {
    const h = assessNetwork(hosts(failed, ok));
    expect(h).toEqual({ status, hostsChecked: failed + ok, hostsUnreachable: failed });
  });

  it('options change the bar', () => {
    expect(assessNetwork(hosts(5, 5), { threshold: 0.5 }).status).toBe('down');
    expect(assessNetwork(hosts(4, 1), { minHosts: 10 }).status).toBe('ok');
  });

  it('a host listed twice counts once, unreachable only if every try failed', () => {
    const h = assessNetwork([
      { host: 'a.example.org', connectionFailed: true },
      { host: 'A.example.org', connectionFailed: false },
      { host: 'b.example.org', connectionFailed: true },
    ]);
    expect(h).toEqual({ status: 'ok', hostsChecked: 2, hostsUnreachable: 1 });
  });
});
