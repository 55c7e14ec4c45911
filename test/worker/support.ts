import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Report, ReportLink, ReportSource, ReportSummary } from '../../src/model/index.js';
import type { CheckInvocation, CheckResult } from '../../src/worker/types.js';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rotwatch-worker-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function link(
  url: string,
  status: ReportLink['status'],
  extra: Partial<ReportLink> = {},
): ReportLink {
  return {
    url,
    status,
    reason: status === 'ok' ? null : status === 'dead' ? 'http-404' : 'timeout',
    message: status,
    httpStatus: status === 'dead' ? 404 : 200,
    finalUrl: null,
    redirects: [],
    title: null,
    contentType: 'text/html',
    checkedAt: '2026-11-23T05:00:00.000Z',
    attempts: 1,
    archive: null,
    archiveReason: null,
    entries: [{ id: 'e1', file: 'catalogue/a.yaml', line: 3, title: 'Entry one' }],
    failingSince: null,
    consecutiveFailures: 0,
    newFailure: false,
    suggestedUrl: null,
    meta: { canonical: null, lang: null, contentLength: null, lastModified: null, pdfPages: null },
    drift: null,
    ...extra,
  };
}

export function makeReport(
  links: ReportLink[],
  opts: { complete?: boolean; fixed?: Report['fixed'] } = {},
): Report {
  const summary: ReportSummary = {
    ok: 0,
    redirected: 0,
    dead: 0,
    error: 0,
    blocked: 0,
    skipped: 0,
    total: 0,
  };
  for (const l of links) {
    summary[l.status]++;
    summary.total++;
  }
  return {
    schema: 'rotwatch/report@1',
    run: {
      id: `run-${Math.random().toString(36).slice(2, 8)}`,
      startedAt: '2026-11-23T05:00:00.000Z',
      finishedAt: '2026-11-23T05:01:00.000Z',
      toolVersion: '0.1.0',
      catalogues: ['catalogue/a.yaml'],
      complete: opts.complete ?? true,
      network: { status: 'ok', hostsChecked: 1, hostsUnreachable: 0 },
    },
    summary,
    links,
    fixed: opts.fixed ?? [],
    history: [],
  };
}

export const renderers = {
  renderMarkdown: ({ head }: ReportSource) =>
    `# Link report\n\n${head.summary.dead} dead of ${head.summary.total}\n`,
  renderHtml: ({ head }: ReportSource) =>
    `<!doctype html><h1>Link report</h1><p>${head.summary.dead} dead</p>`,
};

export interface StandIn {
  runCheck: (opts: CheckInvocation) => Promise<CheckResult>;
  calls: CheckInvocation[];
  /** Highest number of checks seen running at the same time. */
  maxConcurrent: () => number;
  /** Resolves when the n-th call (1-based) has started. */
  started: (n: number) => Promise<void>;
  /** How many calls have returned. */
  completed: () => number;
}

/** A report as a stream (as the history yields it) that counts how often its links are read. */
export interface CountingSource extends ReportSource {
  reads(): number;
}

export function countingSource(report: Report): CountingSource {
  const { links, ...head } = report;
  let reads = 0;
  return {
    head,
    async *links() {
      reads++;
      yield* links;
    },
    reads: () => reads,
  };
}

/**
 * A `runCheck`-shaped stand-in: waits `delayMs` (or until aborted), then writes latest.json
 * into `dir` (complete, or partial when aborted) and resolves like the real check. `stream`:
 * like the real check asked not to collect, it hands the report to `onReport` as a stream
 * (kept in `sources`) and returns only its head.
 */
export function standInCheck(
  dir: string,
  opts: {
    delayMs: number;
    links?: ReportLink[];
    exitCode?: 0 | 1 | 2 | 3;
    ignoreAbort?: boolean;
    stream?: boolean;
  },
): StandIn & { sources: CountingSource[] } {
  const sources: CountingSource[] = [];
  const calls: CheckInvocation[] = [];
  let running = 0;
  let max = 0;
  let completed = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const runCheck = async (o: CheckInvocation): Promise<CheckResult> => {
    calls.push(o);
    for (const w of waiters.filter((w) => w.n <= calls.length)) w.resolve();
    running++;
    max = Math.max(max, running);
    try {
      const aborted = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), opts.delayMs);
        if (!opts.ignoreAbort) {
          o.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve(true);
          });
        }
      });
      const links = opts.links ?? [link('https://example.org/a', 'ok')];
      const report = makeReport(aborted ? links.slice(0, 1) : links, { complete: !aborted });
      const path = join(dir, 'latest.json');
      await writeFile(path, JSON.stringify(report));
      const exitCode = aborted ? 0 : (opts.exitCode ?? 0);
      if (opts.stream && o.collect === false) {
        const source = countingSource(report);
        sources.push(source);
        await o.onReport?.(source);
        return { report: null, head: source.head, exitCode, written: [path] };
      }
      return { report, exitCode, written: [path] };
    } finally {
      running--;
      completed++;
    }
  };
  return {
    runCheck,
    sources,
    calls,
    maxConcurrent: () => max,
    completed: () => completed,
    started: (n) =>
      calls.length >= n
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ n, resolve })),
  };
}

/** A pino logger whose lines are kept as parsed objects. */
export function memoryLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => lines.push(JSON.parse(s)) });
  return { logger, lines };
}

/** Poll until `fn` returns a truthy value (no timing assertions: the test timeout bounds it). */
export async function until<T>(fn: () => T | Promise<T>, intervalMs = 20): Promise<NonNullable<T>> {
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
