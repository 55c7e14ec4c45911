import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ReportCommandArgs, runReportCommand } from '../../src/cli/report.js';
import { runStatusCommand } from '../../src/cli/status.js';
import type { Report } from '../../src/model/index.js';
import {
  renderCsv,
  renderGithub,
  renderJunit,
  renderMarkdown,
  renderSummary,
} from '../../src/report/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { captureIO } from '../support/io.js';
import { sampleReport } from './fixtures.js';

/** The sample report as the journal gives it back: links in code-unit URL order. */
function stored(): Report {
  const report = sampleReport();
  report.links.sort((a, b) => (a.url < b.url ? -1 : 1));
  return report;
}

/** A history holding one finished run (the sample report) and, if asked, a newer unfinished one. */
async function writeHistory(path: string, unfinished = false): Promise<void> {
  const opened = openSqliteStore(path);
  if (!opened.ok) throw new Error(opened.error.message);
  const { store } = opened;
  const { links, ...head } = stored();
  const j = store.journal;
  await j.begin({
    id: head.run.id,
    startedAt: head.run.startedAt,
    finished: false,
    info: {},
    head: null,
  });
  await j.record(
    head.run.id,
    links.map((l) => ({ url: l.url, host: null, connectionFailure: null, observation: {} })),
  );
  await j.settle(
    head.run.id,
    links.map((link) => ({ url: link.url, link, fixed: null })),
    [],
  );
  await j.finish(head.run.id, head);
  if (unfinished) {
    await j.begin({
      id: 'later',
      startedAt: '2099-01-01T00:00:00.000Z',
      finished: false,
      info: {},
      head: null,
    });
  }
  await store.close();
}

describe('rotwatch report --store / status --store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rotwatch-store-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const report = async (
    args: Omit<ReportCommandArgs, 'format'> & { format?: ReportCommandArgs['format'] },
  ) => {
    const io = captureIO(dir);
    const code = await runReportCommand({ format: 'md', ...args }, io);
    return { code, out: io.out, err: io.err };
  };

  it('renders the last finished run of the history in every format, as from its JSON report', async () => {
    await writeHistory(join(dir, 'reports', 'history.sqlite'));
    const whole = stored();
    expect(await report({ store: true })).toEqual({ code: 0, out: renderMarkdown(whole), err: '' });
    expect(JSON.parse((await report({ store: true, format: 'json' })).out)).toEqual(whole);
    expect((await report({ store: true, format: 'csv' })).out).toBe(renderCsv(whole));
    expect((await report({ store: true, format: 'github' })).out).toBe(renderGithub(whole));
    expect((await report({ store: true, format: 'junit', failOn: 'error' })).out).toBe(
      renderJunit(whole, { failOn: 'error' }),
    );
    expect((await report({ store: true, format: 'summary' })).out).toBe(renderSummary(whole));
    const html = await report({ store: true, format: 'html', htmlMaxOkLinks: 0 });
    expect(html.out).toContain('id="summarised"');
    // Another file, another directory: --store takes a path, --out writes atomically.
    await writeHistory(join(dir, 'elsewhere.sqlite'));
    const out = await report({ store: 'elsewhere.sqlite', format: 'csv', out: 'out/w.csv' });
    expect(out.code).toBe(0);
    expect(await readFile(join(dir, 'out', 'w.csv'), 'utf8')).toBe(renderCsv(whole));
  });

  it('says when there is no history or no finished run, and creates nothing', async () => {
    const none = await report({ store: true });
    expect(none.code).toBe(2);
    expect(none.err).toContain('no run history at');
    expect(existsSync(join(dir, 'reports', 'history.sqlite'))).toBe(false);
    expect((await report({ store: true, from: 'x.json' })).code).toBe(2);
    const opened = openSqliteStore(join(dir, 'empty.sqlite'));
    if (opened.ok) await opened.store.close();
    const empty = await report({ store: 'empty.sqlite' });
    expect(empty).toMatchObject({ code: 2 });
    expect(empty.err).toContain('no finished run');
  });

  it('status --store reads the last finished run and an unfinished one from the history', async () => {
    await writeHistory(join(dir, 'reports', 'history.sqlite'), true);
    const io = captureIO(dir);
    expect(await runStatusCommand({ store: true, json: true }, io)).toBe(0);
    const { history } = JSON.parse(io.out);
    expect(history.lastFinished).toMatchObject({ id: stored().run.id, summary: stored().summary });
    expect(history.unfinished).toEqual({ id: 'later', startedAt: '2099-01-01T00:00:00.000Z' });
    const text = captureIO(dir);
    expect(await runStatusCommand({ store: true }, text)).toBe(0);
    expect(text.out).toContain(`Last finished run: ${stored().run.id}`);
    expect(text.out).toContain('rotwatch check --resume');
    // A damaged worker status beside the history is said, not taken for no worker.
    await writeFile(join(dir, 'reports', 'worker-status.json'), '{ truncated');
    const damaged = captureIO(dir);
    expect(await runStatusCommand({ store: true }, damaged)).toBe(2);
    expect(damaged.err).toContain('worker-status.json is not usable');
  });
});
