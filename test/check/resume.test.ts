/**
 * Resume after a real crash: `rotwatch check` runs as a child process and is killed with
 * SIGKILL half-way; `rotwatch check --resume` then finishes the same run. Asserted on the
 * server side: every link was answered exactly once over the two processes, and the report
 * has every link once, under the first run's id.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { loopbackConfig } from '../support/config-file.js';
import { writeDocList } from '../support/doc-list.js';
import { readHistory } from '../support/history.js';
import { transpileSources } from '../support/transpile.js';
import { startTestWeb, type TestWeb } from '../support/web.js';

const HOSTS = ['a.test', 'b.test', 'c.test', 'd.test'];
const PER_HOST = 30;
const TOTAL = HOSTS.length * PER_HOST;
const HALF = TOTAL / 2;

let dir: string;
let web: TestWeb;
/** Answers per path, per host: only a request the server answered counts as a check. */
const answered = new Map<string, number>();
let answeredTotal = 0;
let holding = true;
const held: http.ServerResponse[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-resume-'));
  await transpileSources(dir);
  web = await startTestWeb(HOSTS);
  for (const name of HOSTS) {
    web.host(name).route('*', (req, res) => {
      const key = `${name}${req.url}`;
      if (!req.url?.startsWith('/doc/')) {
        // The probe of a path that cannot exist (soft-404 detection): a plain 404, always.
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<title>Not found</title>');
        return;
      }
      // Past half of the links, the first process gets no more answers: it is killed while
      // its requests wait, so nothing it did not record was answered.
      if (holding && answeredTotal >= HALF) {
        held.push(res);
        return;
      }
      answeredTotal++;
      answered.set(key, (answered.get(key) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><head><title>Page ${key}</title></head><body><h1>${key}</h1></body></html>`);
    });
  }
  await writeDocList(dir, web, HOSTS, PER_HOST);
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
  for (const res of held) res.destroy();
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

function rotwatch(...args: string[]) {
  const child = spawn(process.execPath, [join(dir, 'dist', 'cli', 'bin.js'), ...args], {
    cwd: dir,
    env: { ...process.env, ROTWATCH_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => ({ out, err }) };
}

/** Rows the run journal holds (read beside the running writer: WAL lets it). */
function journalRows(): { rows: number; runId: string | null } {
  try {
    const db = new Database(join(dir, 'reports', 'history.sqlite'), { readonly: true });
    try {
      const rows = (db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
      const run = db.prepare('SELECT id FROM journal_runs').get() as { id: string } | undefined;
      return { rows, runId: run?.id ?? null };
    } finally {
      db.close();
    }
  } catch {
    return { rows: 0, runId: null };
  }
}

async function until(cond: () => boolean, what: () => string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('check --resume after SIGKILL', () => {
  it('checks every link exactly once over the killed run and its resumption', async () => {
    const first = rotwatch('check', 'links.txt');
    let journal = { rows: 0, runId: null as string | null };
    await until(
      () => {
        journal = journalRows();
        return answeredTotal === HALF && journal.rows === HALF;
      },
      () =>
        `half of the links answered (${answeredTotal}) and recorded (${journal.rows}); ${first.output().err}`,
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // The requests the killed process was waiting on were never answered: not checks.
    for (const res of held.splice(0)) res.destroy();
    holding = false;
    expect(answeredTotal).toBe(HALF);

    const second = rotwatch('check', 'links.txt', '--resume');
    const { code } = await second.exited;
    const { err } = second.output();
    expect(err).toContain(`Resuming run ${journal.runId}`);
    expect(code).toBe(0);

    // Server side: every link answered once, over both processes.
    const docs = [...answered].filter(([key]) => key.includes('/doc/'));
    expect(docs).toHaveLength(TOTAL);
    expect(docs.filter(([, n]) => n !== 1)).toEqual([]);

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
    expect(docs.length).toBe(TOTAL);
    expect([...answered].filter(([k, n]) => k.includes('/doc/') && n !== 2)).toEqual([]);
    expect((await readHistory(dir)).runs).toHaveLength(2);
  }, 240_000);
});
