import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/model/index.js';
import {
  DEFAULT_SCALE,
  NO_HOST_SHARD,
  planShards,
  runKey,
  scaleSettingsFrom,
  shardKey,
} from '../../src/scale/index.js';

const target = (url: string): Target => ({ url, citations: [] }) as unknown as Target;

describe('shardKey (pure)', () => {
  it('is the registrable domain, by the Public Suffix List', () => {
    expect(shardKey('https://www.bbc.co.uk/news')).toBe('bbc.co.uk');
    expect(shardKey('https://news.bbc.co.uk/x')).toBe('bbc.co.uk');
    expect(shardKey('http://a.b.example.org:8080/')).toBe('example.org');
    expect(shardKey('https://ÉCOLE.example.fr/')).toBe('example.fr');
    // One operator, one owner: private suffixes are not split.
    expect(shardKey('https://alice.github.io/')).toBe('github.io');
  });
  it('is the host itself for addresses and single names; one shard for what has no host', () => {
    expect(shardKey('http://127.0.0.5:9000/doc')).toBe('127.0.0.5');
    expect(shardKey('http://[::1]:9000/')).toBe('::1');
    expect(shardKey('http://localhost/')).toBe('localhost');
    expect(shardKey('mailto:someone@example.org')).toBe(NO_HOST_SHARD);
    expect(shardKey('not a url')).toBe(NO_HOST_SHARD);
  });
  it('groups targets by shard', () => {
    const shards = planShards(
      [
        'https://a.example.org/1',
        'ftp://x.example.org/',
        'https://b.example.org/2',
        'https://c.test/',
      ].map(target),
    );
    expect([...shards].map(([k, v]) => [k, v.map((t) => t.url)])).toEqual([
      ['example.org', ['https://a.example.org/1', 'https://b.example.org/2']],
      [NO_HOST_SHARD, ['ftp://x.example.org/']],
      ['c.test', ['https://c.test/']],
    ]);
  });
});

describe('runKey and settings (pure)', () => {
  it('is the same for the same inputs in any order, different for another scope', () => {
    expect(runKey(['a.yaml', 'b.yaml'], null)).toBe(runKey(['b.yaml', 'a.yaml'], null));
    expect(runKey(['a.yaml'], { include: ['x'] })).not.toBe(runKey(['a.yaml'], null));
  });
  it('reads the environment, naming a bad variable', () => {
    expect(scaleSettingsFrom({})).toEqual({ ok: true, settings: DEFAULT_SCALE });
    expect(
      scaleSettingsFrom({ ROTWATCH_LEASE_SECONDS: '2', ROTWATCH_SHARDS_AT_ONCE: '4' }),
    ).toEqual({
      ok: true,
      settings: { ...DEFAULT_SCALE, leaseMs: 2_000, shardsAtOnce: 4 },
    });
    const bad = scaleSettingsFrom({ ROTWATCH_LEASE_SECONDS: 'soon' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toContain('ROTWATCH_LEASE_SECONDS=soon');
  });
});
