/**
 * Links are settled as they are recorded once the network is certainly up (early-settle.ts),
 * and that gives exactly the report and history that settling everything at the end gives.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { earlySettler } from '../../src/check/early-settle.js';
import type { LinkObservation } from '../../src/check/engine.js';
import { runCheck } from '../../src/check/index.js';
import { journalWriter, priorLoader } from '../../src/check/journal.js';
import { PriorMemo } from '../../src/check/prior-memo.js';
import { networkCertainlyOk } from '../../src/classify/index.js';
import { assessNetwork } from '../../src/classify/network.js';
import type { Classification, LinkState, Report } from '../../src/model/index.js';
import { DEFAULT_HISTORY_POLICY } from '../../src/state/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { html, redirect, startTestWeb } from '../support/web.js';

let closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers = [];
});

describe('networkCertainlyOk', () => {
  it('agrees with assessNetwork in the worst case, for every small run', () => {
    for (let hosts = 1; hosts <= 30; hosts++) {
      for (let reached = 0; reached <= hosts; reached++) {
        // Worst case: every host not reached is checked and unreachable.
        const worst = assessNetwork(
          Array.from({ length: hosts }, (_, i) => ({
            host: `h${i}`,
            connectionFailed: i >= reached,
          })),
        );
        const certain = networkCertainlyOk(reached, hosts);
        if (certain) expect(worst.status, `${reached} of ${hosts}`).toBe('ok');
        else if (reached > 0) expect(worst.status, `${reached} of ${hosts}`).toBe('down');
      }
    }
  });

  it('is never certain before any host answered', () => {
    expect(networkCertainlyOk(0, 0)).toBe(false);
    expect(networkCertainlyOk(0, 10)).toBe(false);
  });

  it('needs more than a fifth of the hosts on a large run', () => {
    expect(networkCertainlyOk(20, 100)).toBe(false);
    expect(networkCertainlyOk(21, 100)).toBe(true);
  });
});

/** A link that failed once before, a week ago. */
const linkStateOf = (url: string, lastStatus: LinkState['lastStatus']): LinkState => ({
  url,
  lastStatus,
  lastReason: 'http-404',
  lastCheckedAt: '2026-11-24T06:00:00.000Z',
  firstFailureAt: '2026-11-24T06:00:00.000Z',
  consecutiveFailures: 1,
  lastSuccessAt: null,
});

const classification = (status: Classification['status']): Classification => ({
  status,
  reason: status === 'ok' ? null : 'http-404',
  message: status,
});

function observation(
  url: string,
  status: Classification['status'],
  opts: { archive?: boolean; connectionFailure?: boolean } = {},
): LinkObservation {
  return {
    target: {
      url,
      citations: [
        {
          id: 'e',
          title: 't',
          file: 'c.yaml',
          line: 1,
          ...(opts.archive
            ? { archive: { url: `https://web.archive.org/web/2020/${url}`, date: '2020' } }
            : {}),
        },
      ],
    },
    outcome: {
      requestedUrl: url,
      response: {
        url,
        status: status === 'ok' ? 200 : 404,
        headers: {},
        body: new Uint8Array(0),
        bodyTruncated: false,
      },
      hops: [],
      error: null,
      attempts: 1,
    },
    meta: null,
    classification: classification(status),
    checkedAt: '2026-12-01T06:00:00.000Z',
    connectionFailure: opts.connectionFailure ?? false,
  } as LinkObservation;
}

describe('earlySettler', () => {
  /** A settler for a run that fetches from `hosts` hosts (null: not planned yet). */
  const setup = (archive: { lookupAll: boolean } | null, hosts: number | null = 4) => {
    const settler = earlySettler({
      store: createMemoryStore(),
      policy: DEFAULT_HISTORY_POLICY,
      now: () => new Date('2026-12-01T06:00:00Z'),
      recordLinks: true,
      archive,
    });
    if (hosts !== null) settler.planned(hosts);
    return settler;
  };
  const urls = (e: { settled: { url: string }[] }) => e.settled.map((r) => r.url);

  it('settles nothing while the network could still turn out down, then every plain link', async () => {
    const settler = setup(null);
    const failing = observation('http://a.test/', 'error', { connectionFailure: true });
    settler.observe(failing);
    expect(await settler.settle([failing])).toEqual({ settled: [], states: [], certain: false });
    const first = observation('http://b.test/', 'ok');
    settler.observe(first);
    // One host of four reached: three unreachable would still be "down" (0.75 < 0.8 is not).
    const early = await settler.settle([first]);
    expect(urls(early)).toEqual(['http://b.test/']);
    expect(early.states.map((s) => s.url)).toEqual(['http://b.test/']);
  });

  it('settles nothing before it knows how many hosts the run fetches from', async () => {
    const settler = setup(null, null);
    const first = observation('http://a.test/', 'ok');
    settler.observe(first);
    expect(await settler.settle([first])).toEqual({ settled: [], states: [], certain: false });
  });

  it('leaves links that need an archive lookup or the catalogue copy to the end of the run', async () => {
    const settler = setup({ lookupAll: false });
    const batch = [
      observation('http://a.test/', 'ok'),
      observation('http://b.test/', 'dead'),
      observation('http://c.test/', 'ok', { archive: true }),
      observation('http://d.test/', 'ok'),
    ];
    for (const o of batch) settler.observe(o);
    expect(urls(await settler.settle(batch))).toEqual(['http://a.test/', 'http://d.test/']);
  });

  it('settles with the prior states the engine read, reading only the others again', async () => {
    const seeded = async () => {
      const store = createMemoryStore();
      await store.writeLinks([
        linkStateOf('http://a.test/', 'dead'),
        linkStateOf('http://b.test/', 'dead'),
      ]);
      return store;
    };
    const batch = [observation('http://a.test/', 'dead'), observation('http://b.test/', 'dead')];
    const settleWith = async (memo: PriorMemo | undefined) => {
      const store = await seeded();
      // The engine asked for a.test's state only (b.test's answer was pushed out, say).
      if (memo) await priorLoader(store, memo)('http://a.test/');
      const asked: string[] = [];
      const counted = {
        ...store,
        readLinks: (list: Iterable<string>) => {
          const urls = [...list];
          asked.push(...urls);
          return store.readLinks(urls);
        },
      };
      const settler = earlySettler({
        store: counted,
        policy: DEFAULT_HISTORY_POLICY,
        now: () => new Date('2026-12-01T06:00:00Z'),
        recordLinks: true,
        archive: null,
        ...(memo ? { priors: memo } : {}),
      });
      settler.planned(2);
      for (const o of batch) settler.observe(o);
      return { settlement: await settler.settle(batch), asked };
    };
    const memo = new PriorMemo();
    const withMemo = await settleWith(memo);
    const fromStore = await settleWith(undefined);
    expect(withMemo.asked).toEqual(['http://b.test/']);
    expect(fromStore.asked).toEqual(['http://a.test/', 'http://b.test/']);
    // The same settling: a.test's streak goes on from the state the engine read.
    expect(withMemo.settlement).toEqual(fromStore.settlement);
    expect(
      withMemo.settlement.states.find((s) => s.url === 'http://a.test/')?.consecutiveFailures,
    ).toBe(2);
    expect(memo.size).toBe(0); // taken once, then forgotten
  });

  it('settles what was recorded before the network was certain once it is, during the run', async () => {
    const store = createMemoryStore();
    await store.journal.begin({
      id: 'r1',
      startedAt: '2026-12-01T06:00:00.000Z',
      finished: false,
      info: null,
      head: null,
    });
    const settler = earlySettler({
      store,
      policy: DEFAULT_HISTORY_POLICY,
      now: () => new Date('2026-12-01T06:00:00Z'),
      recordLinks: true,
      archive: { lookupAll: false },
    });
    const writer = journalWriter(store, 'r1', settler);
    const unsettled = async () => {
      const out: string[] = [];
      for await (const page of store.journal.unsettled('r1', 10))
        out.push(...page.map((r) => r.url));
      return out;
    };
    // Before the plan is known nothing is certain: recorded, not settled.
    const before = [
      observation('http://a.test/', 'dead'),
      observation('http://b.test/x', 'ok'),
      observation('http://c.test/', 'ok', { archive: true }),
    ];
    for (const o of before) {
      settler.observe(o);
      await writer.add(o);
    }
    await writer.flush();
    expect(await unsettled()).toEqual(['http://a.test/', 'http://b.test/x', 'http://c.test/']);
    // Once certain, the earlier links are settled after the next batch, but those an archive
    // lookup or the catalogue's archived copy waits for (the end of the run settles them).
    settler.planned(4);
    const reached = observation('http://d.test/', 'ok');
    settler.observe(reached);
    await writer.add(reached);
    await writer.flush();
    expect(await unsettled()).toEqual(['http://a.test/', 'http://c.test/']);
    const settled: string[] = [];
    for await (const link of store.journal.links('r1')) settled.push(link.url);
    expect(settled).toEqual(['http://b.test/x', 'http://d.test/']);
    await writer.close();
  });
});

/** The report's links without what differs between two runs of one web (times, run ids). */
function comparable(report: Report) {
  return report.links.map((l) => {
    const {
      checkedAt: _c,
      elapsedMs: _e,
      ...rest
    } = l as typeof l & {
      checkedAt?: unknown;
      elapsedMs?: unknown;
    };
    return JSON.parse(JSON.stringify(rest, (k, v) => (/At$|Ms$|Since$/.test(k) ? '<time>' : v)));
  });
}

describe('settling early or at the end', () => {
  it('gives the same reports and the same history over three runs', async () => {
    const web = await startTestWeb(['alpha.test', 'beta.test', 'gamma.test']);
    closers.push(() => web.close());
    // A port nothing listens on: connection refused, a connection failure.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const urls: string[] = [];
    for (const name of ['alpha.test', 'beta.test', 'gamma.test']) {
      const host = web.host(name);
      for (let i = 0; i < 8; i++) {
        host.route(`/ok/${i}`, html(`<title>${name} page ${i}</title><p>Contenu ${i}.</p>`));
        urls.push(`${host.origin}/ok/${i}`);
      }
      host.route('/moved', redirect(301, '/ok/1'));
      // A server error is dead only by the history rule: the streaks must agree too.
      host.route('/broken', (_req, res) => {
        res.writeHead(500).end('oops');
      });
      urls.push(`${host.origin}/moved`, `${host.origin}/gone`, `${host.origin}/broken`);
    }
    urls.push(`http://127.0.0.1:${deadPort}/refused`);
    const run = async (dir: string, settleEarly: boolean) => {
      const result = await runCheck({
        cwd: dir,
        inputs: ['urls.txt'],
        lookup: web.lookup,
        settleEarly,
        overrides: {
          allowPrivateAddresses: true,
          perHostInterval: 0,
          retries: 0,
          timeout: 2_000,
          formats: [],
        },
      });
      expect(result.problems).toEqual([]);
      return JSON.parse(await readFile(join(dir, 'reports', 'latest.json'), 'utf8')) as Report;
    };
    const dirs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const dir = await mkdtemp(join(tmpdir(), 'rotwatch-early-settle-'));
      closers.push(() => rm(dir, { recursive: true, force: true }));
      await writeFile(join(dir, 'urls.txt'), `${urls.join('\n')}\n`);
      await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
      dirs.push(dir);
    }
    const [early, late] = dirs as [string, string];
    for (let round = 0; round < 3; round++) {
      const a = await run(early, true);
      const b = await run(late, false);
      expect(a.summary).toEqual(b.summary);
      expect(a.summary.total).toBe(urls.length);
      expect(comparable(a)).toEqual(comparable(b));
    }
  });
});
