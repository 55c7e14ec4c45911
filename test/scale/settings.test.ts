/** Shared-mode settings: config keys under `scale:`, each overridden by its environment variable. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/check/config.js';
import { runCheck } from '../../src/check/index.js';
import { DEFAULT_SCALE, scaleSettingsFrom } from '../../src/scale/index.js';
import { freshDatabase, pgTestUrl } from '../support/postgres-db.js';
import { html, startTestWeb } from '../support/web.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function dirWithConfig(yaml: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rotwatch-scale-settings-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'rotwatch.config.yaml'), yaml);
  return dir;
}

describe('scale settings from the config file and the environment (pure)', () => {
  it('takes the config keys in their written units', () => {
    expect(
      scaleSettingsFrom(
        {},
        {
          leaseSeconds: 5,
          shardsAtOnce: 2,
          shardPollMs: 250,
          staleRunSeconds: 30,
          dueOnly: true,
          dueLiveDays: 2.5,
          dueFailingDays: 1,
          duePollSeconds: 0.5,
        },
      ),
    ).toEqual({
      ok: true,
      settings: {
        leaseMs: 5_000,
        shardsAtOnce: 2,
        pollMs: 250,
        staleMs: 30_000,
        dueOnly: true,
        liveDays: 2.5,
        failingDays: 1,
        duePollMs: 500,
      },
    });
  });

  it('lets each environment variable win over its key', () => {
    const out = scaleSettingsFrom(
      { ROTWATCH_LEASE_SECONDS: '7', ROTWATCH_DUE_ONLY: '0' },
      { leaseSeconds: 5, dueOnly: true, shardsAtOnce: 3 },
    );
    expect(out).toEqual({
      ok: true,
      settings: { ...DEFAULT_SCALE, leaseMs: 7_000, dueOnly: false, shardsAtOnce: 3 },
    });
    const bad = scaleSettingsFrom({ ROTWATCH_DUE_POLL_SECONDS: '-1' }, { duePollSeconds: 5 });
    expect(bad).toEqual({
      ok: false,
      problem: 'ROTWATCH_DUE_POLL_SECONDS=-1: expected a number from 0.01 to 86400',
    });
  });
});

describe('the scale: section of rotwatch.config.yaml', () => {
  it('is read and validated, each problem naming the file, line and key', async () => {
    const good = await dirWithConfig('scale:\n  leaseSeconds: 30\n  dueOnly: true\n');
    const loaded = await loadConfig(good, undefined, {});
    expect(loaded.ok && loaded.config.scale).toEqual({ leaseSeconds: 30, dueOnly: true });

    const bad = await dirWithConfig(
      'check:\n  retries: 0\nscale:\n  leaseSeconds: 0\n  shardsAtOnce: 1.5\n  dueOnly: "yes"\n  leaseSecs: 5\n',
    );
    const out = await loadConfig(bad, undefined, {});
    expect(out.ok).toBe(false);
    const problems = out.ok ? [] : out.problems;
    const file = join(bad, 'rotwatch.config.yaml');
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(new RegExp(`^${file}:4: scale\\.leaseSeconds: `));
    expect(problems.find((p) => p.includes('scale.shardsAtOnce'))).toMatch(/:5: /);
    expect(problems.find((p) => p.includes('scale.dueOnly'))).toMatch(/:6: /);
    expect(problems).toContain(`${file}:7: scale.leaseSecs: unknown key (misspelt?)`);
  });
});

const server = pgTestUrl();

describe.runIf(server)('scale.dueOnly in the config file', () => {
  it('makes a check on PostgreSQL take only the due links, as ROTWATCH_DUE_ONLY=1 does', async () => {
    const web = await startTestWeb(['site.test']);
    cleanup.push(() => web.close());
    web.host('site.test').route('/doc', html('<title>Doc</title>'));
    const url = await freshDatabase(server as string);
    const dir = await dirWithConfig('archive:\n  enabled: false\n');
    await writeFile(join(dir, 'links.txt'), `${web.host('site.test').origin}/doc\n`);
    const run = (yaml: string) =>
      writeFile(join(dir, 'rotwatch.config.yaml'), `archive:\n  enabled: false\n${yaml}`).then(
        () => {
          const err: string[] = [];
          return runCheck({
            cwd: dir,
            lookup: web.lookup,
            inputs: ['links.txt'],
            out: { stderr: (s) => void err.push(s) },
            overrides: { allowPrivateAddresses: true, perHostInterval: 0, retries: 0, store: url },
          }).then((r) => ({ ...r, err: err.join('') }));
        },
      );
    const first = await run('');
    expect(first.report?.links).toHaveLength(1);
    const asked = web.host('site.test').requests.length;
    // Checked a moment ago: not due for days.
    const due = await run('scale:\n  dueOnly: true\n');
    expect(due.err).toContain('No link is due');
    expect(due.report).toBeNull();
    expect(web.host('site.test').requests.length).toBe(asked);
  });
});
