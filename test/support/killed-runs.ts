/**
 * What the tests of `check --resume` on real processes share: a loopback web that answers the
 * first documents and then holds every request (the process is killed while it waits, so
 * nothing it did not record was answered), the CLI as a child process, and the history's
 * journal read beside the running writer (WAL lets it).
 */
import { spawn } from 'node:child_process';
import type http from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startTestWeb, type TestWeb } from './web.js';

/** Hosts whose `/doc/...` pages answer 200 until `answerFirst` were answered, then are held. */
export class HoldingDocs {
  /** Requests per host and path, answered or not. */
  readonly asked = new Map<string, number>();
  /** Documents answered per host and path: a held request that was dropped is no check. */
  readonly answered = new Map<string, number>();
  answeredDocs = 0;
  #holding = true;
  readonly #held: http.ServerResponse[] = [];

  private constructor(
    readonly web: TestWeb,
    private readonly answerFirst: number,
  ) {}

  static async start(hosts: string[], answerFirst: number): Promise<HoldingDocs> {
    const docs = new HoldingDocs(await startTestWeb(hosts), answerFirst);
    for (const name of hosts)
      docs.web.host(name).route('*', (req, res) => docs.#serve(name, req, res));
    return docs;
  }

  #serve(name: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const key = `${name}${req.url ?? '/'}`;
    this.asked.set(key, (this.asked.get(key) ?? 0) + 1);
    if (!req.url?.startsWith('/doc/')) {
      // The soft-404 probe of a path that cannot exist, and gone links: a plain 404, always.
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<title>Not found</title>');
      return;
    }
    if (this.#holding && this.answeredDocs >= this.answerFirst) {
      this.#held.push(res);
      return;
    }
    this.answeredDocs++;
    this.answered.set(key, (this.answered.get(key) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<html><head><title>Page ${key}</title></head><body><h1>${key}</h1></body></html>`);
  }

  get heldCount(): number {
    return this.#held.length;
  }

  /** Answers `answerFirst` more documents, then holds again. */
  holdAgain(): void {
    this.#holding = true;
    this.answeredDocs = 0;
  }

  /** Drops the held requests (their process is gone) and answers every request from now on. */
  release(): void {
    for (const res of this.#held.splice(0)) res.destroy();
    this.#holding = false;
  }

  origin(name: string): string {
    return `http://${this.web.host(name).ip}:${this.web.host(name).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.#held.splice(0)) res.destroy();
    await this.web.close();
  }
}

/** `rotwatch ...args` as a child process of the build transpiled into `dir`, run in `cwd`. */
export function cliProcess(dir: string, args: readonly string[], cwd = dir) {
  const child = spawn(process.execPath, [join(dir, 'dist', 'cli', 'bin.js'), ...args], {
    cwd,
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

/** The newest unfinished run's id and how many rows its journal holds (none: null and 0). */
export function unfinishedJournal(reports: string): { runId: string | null; rows: number } {
  try {
    const db = new Database(join(reports, 'history.sqlite'), { readonly: true });
    try {
      const run = db
        .prepare('SELECT seq, id FROM journal_runs WHERE finished = 0 ORDER BY seq DESC')
        .get() as { seq: number; id: string } | undefined;
      if (!run) return { runId: null, rows: 0 };
      const n = db.prepare('SELECT COUNT(*) AS n FROM journal WHERE run = ?').get(run.seq) as {
        n: number;
      };
      return { runId: run.id, rows: n.n };
    } finally {
      db.close();
    }
  } catch {
    return { runId: null, rows: 0 };
  }
}

/** Polls `cond` until it holds; after `ms`, fails saying what was awaited. */
export async function until(cond: () => boolean, what: () => string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
