/**
 * Two real runs over a local test web that changes between them: the digest's sections must
 * follow (new this week, still broken, fixed, moved), and a transient failure is not dead.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import type { Report } from '../../src/model/index.js';
import { renderCsv, renderHtml, renderMarkdown } from '../../src/report/index.js';
import { loopbackConfig } from '../support/config-file.js';
import { html, redirect, startTestWeb, status } from '../support/web.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function section(md: string, title: string): string {
  const start = md.indexOf(`## ${title} (`);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}

describe('digest over two runs', () => {
  it('puts links in new / still broken / fixed / moved as the web changes', async () => {
    const web = await startTestWeb(['alpha.test', 'beta.test']);
    closers.push(() => web.close());
    const alpha = web.host('alpha.test');
    const beta = web.host('beta.test');
    const page = (title: string) =>
      html(`<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`);
    alpha.route('/', page('Alpha'));
    alpha.route('/stays', page('Stays'));
    alpha.route('/breaks', page('Breaks later'));
    alpha.route('/gone', status(404));
    alpha.route('/flaky', status(503));
    beta.route('/', page('Beta'));
    beta.route('/old', redirect(301, `${beta.origin}/new`));
    beta.route('/new', page('New home'));
    beta.route('/recovers', status(500));

    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-two-runs-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    await mkdir(join(dir, 'catalogue'));
    const urls = ['/stays', '/breaks', '/gone', '/flaky'].map((p) => alpha.origin + p);
    urls.push(...['/old', '/recovers'].map((p) => beta.origin + p));
    await writeFile(join(dir, 'catalogue', 'links.txt'), `${urls.join('\n')}\n`);
    await writeFile(
      join(dir, 'rotwatch.config.yaml'),
      loopbackConfig({ retries: 0, timeout: 3000, perHostInterval: 0 }),
    );

    const run = async (now: string) => {
      const result = await runCheck({
        cwd: dir,
        inputs: ['catalogue/links.txt'],
        lookup: web.lookup,
        now: () => new Date(now),
      });
      expect(result.problems).toEqual([]);
      expect(result.report).not.toBeNull();
      const onDisk = JSON.parse(
        await readFile(join(dir, 'reports', 'latest.json'), 'utf8'),
      ) as Report;
      expect(onDisk.run.id).toBe(result.report?.run.id);
      return result.report as Report;
    };

    const first = await run('2026-11-21T06:00:00Z');
    const firstMd = renderMarkdown(first);
    expect(section(firstMd, 'New this week')).toContain('/gone');
    expect(section(firstMd, 'Moved (update the URL)')).toContain(`<${beta.origin}/new>`);

    // A week later: /breaks dies, /recovers comes back, /gone and /flaky stay as they were.
    alpha.route('/breaks', status(410));
    beta.route('/recovers', page('Back again'));
    const second = await run('2026-11-28T06:00:00Z');
    const md = renderMarkdown(second);

    const fresh = section(md, 'New this week');
    expect(fresh).toContain(`${alpha.origin}/breaks`);
    expect(fresh).toMatch(/^- from `[^`]*links\.txt:2`\\$/m); // a URL list's citation, not repeated
    expect(fresh).not.toContain('/gone');
    expect(fresh).not.toContain('/flaky');

    const still = section(md, 'Still broken');
    expect(still).toContain(`${alpha.origin}/gone`);
    expect(still).toContain('broken for 7 days, 2 runs in a row');
    // Two failing runs a week apart are not enough to call a 503 dead.
    expect(still).toContain(`${alpha.origin}/flaky`);
    expect(second.links.find((l) => l.url.endsWith('/flaky'))?.status).toBe('error');
    expect(still).toMatch(/Why: error, `http-503`/);

    const fixed = section(md, 'Fixed since last run');
    expect(fixed).toContain(`${beta.origin}/recovers`);
    expect(fixed).toContain('Was error, `http-500`, now ok.');

    const moved = section(md, 'Moved (update the URL)');
    expect(moved).toContain(`Remedy: new URL <${beta.origin}/new>`);

    expect(md).not.toContain('/stays');
    expect(md).toContain('Broken links over the last 2 runs:');
    // The other formats render the same run.
    expect(renderHtml(second)).toContain(`${alpha.origin}/breaks`);
    expect(renderCsv(second).split('\r\n').filter(Boolean)).toHaveLength(1 + urls.length);
  });
});
