import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/check/config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-config-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const withConfig = async (yaml: string, overrides: Record<string, unknown> = {}) => {
  await writeFile(join(dir, 'rotwatch.config.yaml'), yaml);
  return loadConfig(dir, undefined, overrides);
};

describe('rotwatch.config.yaml', () => {
  it('reports a typo in any section with its line, not silently dropped', async () => {
    const result = await withConfig(
      [
        'check:',
        '  perHost: 1',
        'archive:',
        '  lookupAl: true',
        '  wayback:',
        '    enabeld: false',
      ].join('\n'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Each at its own line, not at its section's.
    expect(result.problems.join('\n')).toMatch(
      /rotwatch\.config\.yaml:4: archive\.lookupAl: unknown key/,
    );
    expect(result.problems.join('\n')).toMatch(
      /rotwatch\.config\.yaml:6: archive\.wayback\.enabeld: unknown key/,
    );
  });

  it('keeps the archive lookup cache beside the other run files', async () => {
    const byDefault = await withConfig('check:\n  reportDir: out/reports\n');
    expect(byDefault.ok && byDefault.config.archive.cache.path).toBe(
      join(dir, 'out/reports/archive-cache.json'),
    );
    const fromCli = await withConfig('{}\n', { reportDir: 'elsewhere' });
    expect(fromCli.ok && fromCli.config.archive.cache.path).toBe(
      join(dir, 'elsewhere/archive-cache.json'),
    );
    const named = await withConfig('archive:\n  cache:\n    path: cache/archives.json\n');
    expect(named.ok && named.config.archive.cache.path).toBe(join(dir, 'cache/archives.json'));
    const none = await withConfig('archive:\n  cache:\n    path: null\n');
    expect(none.ok && none.config.archive.cache.path).toBeNull();
  });
});
