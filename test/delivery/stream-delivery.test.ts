import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_EMAIL_HTML_MAX_LINKS,
  deliverReport,
  factsOfReport,
  prepareDelivery,
  reportFactsFrom,
  subjectFor,
} from '../../src/delivery/index.js';
import type { Report } from '../../src/model/index.js';
import {
  digestRenderers,
  renderHtml,
  renderMarkdown,
  reportSourceOf,
} from '../../src/report/index.js';
import { readStatus } from '../../src/worker/status.js';
import { startWorker } from '../../src/worker/worker.js';
import { sampleReport } from '../report/fixtures.js';
import {
  countingSource,
  link,
  makeReport,
  memoryLogger,
  standInCheck,
  tempDir,
  until,
} from '../worker/support.js';
import { startHook, startSmtp } from './servers.js';

let closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers = [];
});

/** `n` links: every third dead (half of those new), the rest ok; in URL order, as the history yields them. */
function manyLinks(n: number) {
  const links = Array.from({ length: n }, (_, i) => {
    const url = `https://h${i % 13}.example.org/page/${String(i).padStart(5, '0')}`;
    return i % 3 === 0
      ? link(url, 'dead', { newFailure: i % 2 === 0, failingSince: '2026-11-23T05:00:00.000Z' })
      : link(url, 'ok');
  });
  return links.sort((a, b) => (a.url < b.url ? -1 : 1));
}

const emailConfig = (host: string, port: number, htmlMaxLinks?: number) => ({
  enabled: true,
  host,
  port,
  security: 'none' as const,
  user: 'bot',
  from: 'rotwatch@example.org',
  to: ['team@example.org'],
  subjectPrefix: '[rotwatch]',
  timeoutMs: 5_000,
  ...(htmlMaxLinks !== undefined ? { htmlMaxLinks } : {}),
});

describe('delivery read from a stream', () => {
  it('renders the same digest and page from a stream as from the report held whole', async () => {
    for (const report of [sampleReport(), makeReport(manyLinks(300))]) {
      const source = countingSource(report);
      const material = await prepareDelivery({
        source,
        config: { email: emailConfig('127.0.0.1', 25) },
        env: {},
        renderers: digestRenderers,
        render: true,
      });
      expect(material.facts).toEqual(factsOfReport(report));
      expect(material.digest).toEqual({
        ok: true,
        markdown: renderMarkdown(report),
        html: renderHtml(report),
      });
    }
  });

  it('posts the webhook payload of the contract, counts taken from the stream', async () => {
    const hook = await startHook([200], '127.0.0.71');
    closers.push(hook.close);
    const report: Report = makeReport(manyLinks(40), {
      fixed: [
        {
          url: 'https://example.org/back',
          previousStatus: 'dead',
          previousReason: 'http-404',
          status: 'ok',
          entries: [],
        },
      ],
    });
    const config = { webhook: { enabled: true, url: hook.url, retries: 0 } } as const;
    const env = {};
    const material = await prepareDelivery({
      source: reportSourceOf(report),
      config: config as never,
      env,
      renderers: digestRenderers,
      render: true,
    });
    // No e-mail, so no page was rendered.
    expect(material.digest).toMatchObject({ ok: true, html: null });
    const results = await deliverReport({
      material,
      exitCode: 1,
      policy: 'always',
      config: config as never,
      env,
    });
    expect(results).toEqual([expect.objectContaining({ channel: 'webhook', status: 'sent' })]);
    const newFailures = report.links.filter((l) => l.newFailure).length;
    expect(newFailures).toBe(7);
    expect(JSON.parse(hook.posts[0]?.body ?? 'null')).toEqual({
      schema: 'rotwatch/webhook@1',
      summary: report.summary,
      run: report.run,
      newFailures,
      fixed: 1,
      text: subjectFor(report, ''),
      digest: renderMarkdown(report),
    });
  });

  it('says why when the report cannot be read, and fails the channels with render-error', async () => {
    const report = makeReport(manyLinks(5));
    const { links: _links, ...head } = report;
    const broken = {
      head,
      // biome-ignore lint/correctness/useYield: a history that fails at the first read
      async *links() {
        throw new Error('database is locked');
      },
    };
    const material = await prepareDelivery({
      source: broken,
      config: {},
      env: { ROTWATCH_WEBHOOK_URL: 'http://127.0.0.72:9/hook' },
      renderers: digestRenderers,
      render: true,
    });
    expect(material.facts).toBeNull();
    const results = await deliverReport({
      material,
      exitCode: 1,
      policy: 'always',
      config: {},
      env: { ROTWATCH_WEBHOOK_URL: 'http://127.0.0.72:9/hook' },
    });
    expect(results).toEqual([
      expect.objectContaining({
        channel: 'webhook',
        status: 'failed',
        code: 'render-error',
        message: 'reading the report failed: database is locked',
      }),
    ]);
  });

  it('delivers a run of thousands of links from the stream: counted once, digest bounded, no page over the limit', async () => {
    expect(DEFAULT_EMAIL_HTML_MAX_LINKS).toBe(5_000);
    const { dir, cleanup } = await tempDir();
    closers.push(cleanup);
    const smtp = await startSmtp({ user: 'bot', password: 'pw', host: '127.0.0.73' });
    closers.push(smtp.close);
    const hook = await startHook([200], '127.0.0.74');
    closers.push(hook.close);
    const links = manyLinks(4_000);
    const check = standInCheck(dir, { delayMs: 5, exitCode: 1, links, stream: true });
    const { logger } = memoryLogger();
    const started = await startWorker(
      {
        reportDir: dir,
        cron: '0 0 1 1 *',
        timezone: 'UTC',
        runNow: true,
        notify: 'changes',
        shutdownGraceMs: 1_000,
        lockStaleMs: 60_000,
        check: {},
        delivery: {
          email: emailConfig(smtp.host, smtp.port, 1_000),
          webhook: {
            enabled: true,
            url: hook.url,
            secretHeader: 'X-Rotwatch-Secret',
            retries: 0,
            backoffBaseMs: 1,
            backoffMaxMs: 5,
            timeoutMs: 5_000,
          },
        },
        env: { ROTWATCH_SMTP_PASSWORD: 'pw' },
      },
      { runCheck: check.runCheck, renderers: digestRenderers, logger },
    );
    if (!started.ok) throw new Error(started.message);
    closers.push(() => started.worker.stop('test over'));
    const status = await until(async () => {
      const s = await readStatus(dir);
      return s?.lastRun?.finishedAt ? s : null;
    });
    await started.worker.stop('done');

    // The check was asked not to collect the report, and handed it over as a stream.
    expect(check.calls[0]?.collect).toBe(false);
    expect(check.sources).toHaveLength(1);
    // One pass for the counts, one for the digest; the page (4,000 > 1,000 links) not at all.
    expect(check.sources[0]?.reads()).toBe(2);

    const newFailures = links.filter((l) => l.newFailure).length;
    expect(newFailures).toBe(667);
    expect(status.lastRun).toMatchObject({ outcome: 'failures', newFailures });
    expect(status.lastRun?.delivery).toEqual([
      expect.objectContaining({ channel: 'email', status: 'sent' }),
      expect.objectContaining({ channel: 'webhook', status: 'sent' }),
    ]);
    const payload = JSON.parse(hook.posts[0]?.body ?? 'null');
    expect(payload.newFailures).toBe(newFailures);
    expect(payload.summary.total).toBe(4_000);
    // The digest names what fits and counts the rest.
    expect(payload.digest.length).toBeLessThanOrEqual(60_000);
    expect(payload.digest).toMatch(/and [\d,]+ more/);
    const mail = smtp.mails[0];
    expect(mail?.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail?.raw).not.toMatch(/Content-Type: text\/html/i);
  });

  it('counts a streamed report in one pass', async () => {
    const report = makeReport(manyLinks(50));
    const source = countingSource(report);
    expect(await reportFactsFrom(source)).toEqual(factsOfReport(report));
    expect(source.reads()).toBe(1);
  });
});
