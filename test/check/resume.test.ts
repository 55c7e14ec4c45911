/**
 * Resume after a real crash: `rotwatch check` runs as a child process and is killed with
 * SIGKILL half-way; `rotwatch check --resume` then finishes the same run. Asserted on the
 * server side: every link was answered exactly once over the two processes, and the report
 * has every link once, under the first run's id.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { loopbackConfig } from '../support/config-file.js';
import { writeDocList } from '../support/doc-list.js';
import { readHistory } from '../support/history.js';
import { cliProcess, HoldingDocs, unfinishedJournal, until } from '../support/killed-runs.js';
import { transpileSources } from '../support/transpile.js';

const HOSTS = ['a.test', 'b.test', 'c.test', 'd.test'];
const PER_HOST = 30;
const TOTAL = HOSTS.length * PER_HOST;
const HALF = TOTAL / 2;

let dir: string;
/**
 * Past half of the links, the first process gets no more answers: it is killed while its
 * requests wait, so nothing it did not record was answered.
 */
let docs: HoldingDocs;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-resume-'));
  await transpileSources(dir);
  docs = await HoldingDocs.start(HOSTS, HALF);
  await writeDocList(dir, docs.web, HOSTS, PER_HOST);
  await writeFile(
    join(dir, 'rotwatch.config.yaml'),
    loopbackConfig({
      perHostInterval: 0,
      perHost: 2,
      timeout: 60000,
      // A keep-alive socket the server closes as a request goes out is retried, not recorded
      // as a reset: every link then gets an answer.
      retries: 1,
      backoffBase: 5,
    }),
  );
}, 120_000);

afterAll(async () => {
  await docs?.close();
  await rm(dir, { recursive: true, force: true });
});

const rotwatch = (...args: string[]) => cliProcess(dir, args);

describe('check --resume after SIGKILL', () => {
  it('checks every link exactly once over the killed run and its resumption', async () => {
    const first = rotwatch('check', 'links.txt');
    let journal = { rows: 0, runId: null as string | null };
    await until(
      () => {
        journal = unfinishedJournal(join(dir, 'reports'));
        return docs.answeredDocs === HALF && journal.rows === HALF;
      },
      () =>
        `half of the links answered (${docs.answeredDocs}) and recorded (${journal.rows}); ${first.output().err}`,
      120_000,
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // The requests the killed process was waiting on were never answered: not checks.
    docs.release();
    expect(docs.answeredDocs).toBe(HALF);

    const second = rotwatch('check', 'links.txt', '--resume');
    const { code } = await second.exited;
    const { err } = second.output();
    expect(err).toContain(`Resuming run ${journal.runId}`);
    expect(code).toBe(0);

    // Server side: every link answered once, over both processes.
    const answered = [...docs.answered];
    expect(answered).toHaveLength(TOTAL);
    expect(answered.filter(([, n]) => n !== 1)).toEqual([]);

    const report = JSON.parse(
      await readFile(join(dir, 'reports', 'latest.json'), 'utf8'),
    ) as Report;
    expect(report.run.id).toBe(journal.runId);
    expect(report.run.complete).toBe(true);
    expect(report.summary).toMatchObject({ ok: TOTAL, total: TOTAL });
    const urls = report.links.map((l) => l.url);
    expect(new Set(urls).size).toBe(TOTAL);
    expect(urls).toEqual([...urls].sort());

    const history = await readHistory(dir);
    expect(Object.keys(history.links)).toHaveLength(TOTAL);
    expect(history.runs.map((r) => [r.id, r.complete])).toEqual([[journal.runId, true]]);

    // Nothing left to resume: says so, and runs normally (a new run, every link again).
    const third = rotwatch('check', 'links.txt', '--resume');
    expect((await third.exited).code).toBe(0);
    expect(third.output().err).toContain('Nothing to resume');
    expect(docs.answered.size).toBe(TOTAL);
    expect([...docs.answered].filter(([, n]) => n !== 2)).toEqual([]);
    expect((await readHistory(dir)).runs).toHaveLength(2);
  }, 240_000);
});
