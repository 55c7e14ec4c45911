/**
 * `runCheck` as the command runs it (`collect: false`): every file streamed from the history,
 * the terminal summary and the exit code from the journal's counts and bounded lists.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import type { Report } from '../../src/model/index.js';
import { renderSummary } from '../../src/report/index.js';
import { html, redirect, startTestWeb } from '../support/web.js';

let closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers = [];
});

const OK = 30;
const GONE = 60;
const MOVED = 55;

describe('runCheck without collecting the report', () => {
  it('summarises, exits and writes every file from the history, naming 50 links per list', async () => {
    const web = await startTestWeb(['site.test']);
    closers.push(() => web.close());
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-run-stream-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    const site = web.host('site.test');
    const urls: string[] = [];
    for (let i = 0; i < OK; i++) {
      site.route(`/ok/${i}`, html(`<title>Page ${i}</title>`));
      urls.push(`${site.origin}/ok/${i}`);
    }
    // Unrouted paths answer 404.
    for (let i = 0; i < GONE; i++) urls.push(`${site.origin}/gone/${i}`);
    for (let i = 0; i < MOVED; i++) {
      site.route(`/old/${i}`, redirect(301, `/ok/${i % OK}`));
      urls.push(`${site.origin}/old/${i}`);
    }
    await writeFile(join(dir, 'urls.txt'), `${urls.join('\n')}\n`);
    await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
    const run = async (collect: boolean) => {
      let stdout = '';
      const result = await runCheck({
        cwd: dir,
        inputs: ['urls.txt'],
        lookup: web.lookup,
        collect,
        out: {
          stdout: (s) => {
            stdout += s;
          },
        },
        overrides: {
          allowPrivateAddresses: true,
          perHostInterval: 0,
          retries: 0,
          timeout: 2_000,
          formats: ['html', 'csv'],
          htmlMaxOkLinks: 10,
        },
      });
      return { result, stdout };
    };

    const { result, stdout } = await run(false);
    expect(result.problems).toEqual([]);
    expect(result.report).toBeNull();
    const head = result.head!;
    expect(head.summary).toMatchObject({ total: OK + GONE + MOVED, ok: OK, redirected: MOVED });
    const broken = GONE;
    expect(head.summary.dead + head.summary.error).toBe(broken);
    expect(result.exitCode).toBe(head.summary.dead > 0 ? 1 : 0);
    expect(stdout).toContain('Broken links:');
    expect(stdout).toContain(`  ... and ${broken - 50} more`);
    expect(stdout).toContain(`  ... and ${MOVED - 50} more`);

    const latest = JSON.parse(
      await readFile(join(dir, 'reports', 'latest.json'), 'utf8'),
    ) as Report;
    expect(latest.links).toHaveLength(OK + GONE + MOVED);
    const page = await readFile(join(dir, 'reports', 'latest.html'), 'utf8');
    // The ok links are counted, not listed; every broken and moved one has its row.
    expect(page).toContain('id="summarised"');
    expect(page).toContain('<a href="latest.csv">latest.csv</a>');
    expect(page.match(/<tr data-status="(dead|error|redirected)"/g)).toHaveLength(GONE + MOVED);
    expect(page).not.toContain('<tr data-status="ok"');

    // The same summary as the whole report gives (a second run: collected this time).
    const again = await run(true);
    expect(again.result.report?.links).toHaveLength(OK + GONE + MOVED);
    expect(again.stdout).toBe(renderSummary(again.result.report as Report));
    expect(again.result.head?.run.id).toBe(again.result.report?.run.id);
  });
});
