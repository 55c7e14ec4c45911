/**
 * The probe answer kept in the run history, end to end through runCheck: a second run over a
 * clean web (nothing moved, nothing gone) sends about one request per URL.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import { html, startTestWeb } from '../support/web.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const HOSTS = ['a.test', 'b.test', 'c.test', 'd.test', 'e.test', 'f.test', 'g.test', 'h.test'];

describe('runCheck twice over a clean web', () => {
  it('reuses each host probe answer: the second run sends at most 1.02 requests per URL', async () => {
    const web = await startTestWeb(HOSTS);
    closers.push(() => web.close());
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-probe-history-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    // Many small sites, as in a real catalogue: few URLs per host, so one probe per host would
    // weigh a lot.
    const urls: string[] = [];
    HOSTS.forEach((name, i) => {
      const host = web.host(name);
      for (let j = 0; j <= i % 3; j++) {
        host.route(`/doc/${j}`, html(`<title>${name} ${j}</title><h1>Doc ${j}</h1><p>Text.</p>`));
        urls.push(`${host.origin}/doc/${j}`);
      }
    });
    await writeFile(join(dir, 'urls.txt'), `${urls.join('\n')}\n`);
    await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
    const requests = () => HOSTS.reduce((n, h) => n + web.host(h).requests.length, 0);
    let today = new Date('2026-06-01T06:00:00Z');
    const run = () =>
      runCheck({
        cwd: dir,
        inputs: ['urls.txt'],
        lookup: web.lookup,
        now: () => today,
        overrides: { allowPrivateAddresses: true, perHostInterval: 0, timeout: 2_000, retries: 0 },
      });

    const first = await run();
    expect(first.report?.summary.ok).toBe(urls.length);
    expect(requests()).toBe(urls.length + HOSTS.length); // one probe per host

    today = new Date('2026-06-08T06:00:00Z'); // a week later
    const before = requests();
    const second = await run();
    expect(second.report?.summary.ok).toBe(urls.length);
    const perUrl = (requests() - before) / urls.length;
    expect(perUrl).toBeLessThanOrEqual(1.02);
    for (const name of HOSTS) {
      const probes = web.host(name).requests.filter((r) => r.path.includes('rotwatch-probe'));
      expect(probes).toHaveLength(1);
    }
  });
});
